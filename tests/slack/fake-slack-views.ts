import type { Args } from './fake-slack-http.js';
import type { Answer, MethodContext } from './fake-slack-methods.js';

/**
 * views.publish as Slack documents it (https://docs.slack.dev/reference/methods/views.publish):
 * a user id and a view of type `home` with at most 100 blocks; answers { ok, view } with the
 * view's id. The published views are read back from the fake's calls (callsTo('views.publish')).
 */
const USER_ID = /^[UW][A-Z0-9]{2,}$/;
let nextId = 1;

/** The view argument, sent as a JSON string (form encoding) or as an object (JSON body). */
export function publishedView(args: Record<string, unknown>): { type?: string; blocks?: unknown[] } | undefined {
  const v = args.view;
  if (typeof v === 'string') {
    try {
      return JSON.parse(v) as { type?: string; blocks?: unknown[] };
    } catch {
      return undefined;
    }
  }
  return v && typeof v === 'object' ? (v as { type?: string; blocks?: unknown[] }) : undefined;
}

export function viewsPublish(args: Args, ctx: MethodContext): Answer {
  const user = typeof args.user_id === 'string' ? args.user_id : '';
  if (!USER_ID.test(user)) return { ok: false, error: 'invalid_arguments' };
  const view = publishedView(args);
  if (!view) return { ok: false, error: 'invalid_arguments' };
  if (view.type !== 'home') return { ok: false, error: 'invalid_arguments' };
  const blocks = Array.isArray(view.blocks) ? view.blocks : [];
  if (blocks.length > 100) {
    ctx.violate(`views.publish: ${blocks.length} blocks (at most 100)`);
    return { ok: false, error: 'invalid_blocks' };
  }
  return { ok: true, view: { id: `V${String(nextId++).padStart(8, '0')}`, type: 'home', blocks, team_id: ctx.identity.teamId } };
}
