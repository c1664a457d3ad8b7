import { setTimeout as sleep } from 'node:timers/promises';
import type { App as BoltApp, Logger, webApi } from '@slack/bolt';
import type { Clock, PendingChangeRecord } from '../core/ports.js';
import type { NetopsService, Prepared } from '../core/service.js';
import type { Actor } from '../core/types.js';
import { streamJob } from '../core/job-stream.js';
import { toChangeView } from '../render/change-view.js';
import { APPROVE_ACTION, REJECT_ACTION, renderChangeRequest } from './change-blocks.js';
import { displayId } from '../core/change-desk.js';
import { onButton } from './slack-actions.js';
import { SlackSurface } from './slack-surface.js';
import { breakGlassNotice } from '../render/break-glass-notice.js';
import { approvalStatus } from '../core/policy/approval-status.js';
import { RequestEdits } from './request-edits.js';

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
  // While it waits, the request shows how far its approvals go (issue 16: "1 of 2 approvals (carol); waiting for ...").
  const viewOf = (c: PendingChangeRecord, state?: 'approved' | 'rejected' | 'expired', by?: Actor) =>
    toChangeView(c, w.service.inventory, state, by, state ? undefined : approvalStatus(w.service.policy, c));
  const edits = new RequestEdits(w.minUpdateIntervalMs);
  const update = (c: PendingChangeRecord, state?: 'approved' | 'rejected' | 'expired', by?: Actor) => {
    const ref = c.messageRef;
    if (!ref) return Promise.resolve();
    const view = viewOf(c, state, by); // drawn now: the record may change while the edit waits its turn
    return edits
      .edit(c.id, () => new SlackSurface(client, ref.channel).updateChange(ref, view))
      .catch((err: unknown) => w.logger.error(err));
  };

  w.service.onChangeApproved((handle, change, approver, glass) => {
    const ref = change.messageRef;
    // issue 16: a change that passes a freeze or a closed window only by break-glass (as the approval decided) is announced to the channel.
    if (ref && glass) {
      w.track(
        new SlackSurface(client, ref.channel).announce(breakGlassNotice(glass, approver)).catch((err: unknown) => w.logger.error(err)),
      );
    }
    const run = ref
      ? streamJob(handle, new SlackSurface(client, ref.channel, ref.ts), {
          clock: w.clock,
          minUpdateIntervalMs: w.minUpdateIntervalMs,
          messageRef: (m) => ({ channel: m.channel, ts: m.ts, request: ref.ts }),
          note: `approved by ${approver.name}`,
        }).catch(async (err: unknown) => {
          w.logger.error(err);
          if (handle.job.state !== 'queued') return;
          // The thread could not be posted to: run nothing unseen; the trail records the change as cancelled.
          handle.cancel();
          await handle.start().catch(() => undefined);
          await new SlackSurface(client, ref.channel)
            .tellUser(approver.id, {
              message: `${displayId(change.id)} was approved but could not be shown in its thread, so it did not run`,
              hint: 'check that the bot is still in the channel, then propose it again',
            })
            .catch(() => undefined);
        })
      : handle.start(); // approved from the console: nothing to post to, the trail records it
    w.track(Promise.all([update(change, 'approved', approver), run]).catch((err: unknown) => w.logger.error(err)));
  });
  w.service.changes.onClosed(({ change, state, by }) => {
    w.track(update(change, state, by));
  });
  // An approval that counts but leaves it waiting, clicked or typed: the request message shows the new count.
  // Scaled out, the approval that completes the rules may land on another front a moment later,
  // which redraws the message as approved; two fronts editing one message at once break Slack's
  // pace. So this front waits one edit interval, then draws the request as stored then (with
  // every front's approvals), or nothing when it no longer waits.
  w.service.changes.onCounted((change) => {
    const redraw = sleep(w.minUpdateIntervalMs)
      .then(() => w.service.changes.stored(change.id))
      .then((now) => (now ? update({ ...now, messageRef: now.messageRef ?? change.messageRef }) : undefined));
    w.track(redraw.catch((err: unknown) => w.logger.error(err)));
  });

  onButton(w.app, APPROVE_ACTION, (id, actor) => w.service.approve(id, actor));
  onButton(w.app, REJECT_ACTION, (id, actor) => w.service.changes.reject(id, actor));

  return {
    async propose(p, channel) {
      const change = await w.service.propose(p);
      const surface = new SlackSurface(client, channel);
      const view = viewOf(change);
      let ref: Awaited<ReturnType<typeof surface.postChange>>;
      try {
        ref = await surface.postChange(view);
      } catch (err) {
        // Nobody can see it, so nobody may approve it: withdraw it and say why.
        await w.service.changes.reject(change.id, p.actor).catch(() => undefined);
        await surface
          .tellUser(p.actor.id, {
            message: `could not post ${view.id} in this channel (${(err as Error).message}); it was withdrawn`,
            hint: 'invite the bot to the channel (/invite @netops) and try again',
          })
          .catch(() => undefined);
        return;
      }
      await w.service.changes.setMessage(change.id, ref);
      // An approver must be able to see every line on every device: what the message cuts goes in its thread.
      if (renderChangeRequest(view).truncated) {
        const now = (d: PendingChangeRecord['plan'][number]) => (d.notes?.length ? `\n-- now: ${d.notes.join('; ')}` : '');
        const plan = change.plan.map((d) => `===== ${d.device} (${d.platform}) =====\n${d.lines.join('\n')}${now(d)}`).join('\n\n');
        await surface.attach(ref, `${view.id}-plan.txt`, `${plan}\n`);
      }
    },
  };
}
