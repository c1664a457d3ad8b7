import type { App as BoltApp, Logger, webApi } from '@slack/bolt';
import type { Clock, PendingChangeRecord } from '../core/ports.js';
import type { NetopsService, Prepared } from '../core/service.js';
import { streamJob } from '../core/job-stream.js';
import { toChangeView } from '../render/change-view.js';
import { APPROVE_ACTION, REJECT_ACTION } from './change-blocks.js';
import { onButton } from './slack-actions.js';
import { SlackSurface } from './slack-surface.js';

interface ChangeWiring {
  app: BoltApp;
  service: NetopsService;
  clock: Clock;
  minUpdateIntervalMs: number;
  logger: Logger;
  track: (p: Promise<unknown>) => void;
}

/**
 * Change requests in Slack: posted in the channel with Approve / Reject; an approved change
 * runs in the request's thread; rejection and expiry update the request. Works for requests
 * restored after a restart too (their message is remembered in the persisted state).
 */
export function wireChanges(w: ChangeWiring): { propose(p: Extract<Prepared, { kind: 'change' }>, channel: string): Promise<void> } {
  const client = w.app.client as webApi.WebClient;
  const update = (c: PendingChangeRecord, state: 'approved' | 'rejected' | 'expired', by?: string) => {
    if (!c.messageRef) return Promise.resolve();
    return new SlackSurface(client, c.messageRef.channel).updateChange(c.messageRef, toChangeView(c, w.service.inventory, state, by))
      .catch((err: unknown) => w.logger.error(err));
  };

  w.service.onChangeApproved((handle, change, approver) => {
    const ref = change.messageRef;
    const run = ref
      ? streamJob(handle, new SlackSurface(client, ref.channel, ref.ts), {
        clock: w.clock, minUpdateIntervalMs: w.minUpdateIntervalMs,
        messageRef: (m) => ({ channel: m.channel, ts: m.ts, request: ref.ts }),
      })
      : handle.start(); // approved from the console: nothing to post to, the trail records it
    w.track(Promise.all([update(change, 'approved', approver.name), run]).catch((err: unknown) => w.logger.error(err)));
  });
  w.service.changes.onClosed(({ change, state, by }) => { w.track(update(change, state, by?.name)); });

  onButton(w.app, APPROVE_ACTION, (id, actor) => w.service.approve(id, actor));
  onButton(w.app, REJECT_ACTION, (id, actor) => w.service.changes.reject(id, actor));

  return {
    async propose(p, channel) {
      const change = await w.service.propose(p);
      const ref = await new SlackSurface(client, channel).postChange(toChangeView(change, w.service.inventory));
      await w.service.changes.setMessage(change.id, ref);
    },
  };
}
