/**
 * The App Home tab: the jobs running now, your change requests, for approvers the requests
 * waiting for them and those they approved that wait for more approvers, with the channel messages' Cancel and Reject buttons (same action ids, so
 * one handler serves both) and a link to the request for approving it. Published when the tab is opened, and again
 * for everyone who has it open when what it shows changes.
 */
import type { App as BoltApp, Logger, types } from '@slack/bolt';
import type { PendingChangeRecord } from '../core/ports.js';
import type { ApprovalStatus } from '../core/policy/approval-status.js';
import type { JobSummary } from '../core/types.js';
import { displayId } from '../core/change-desk.js';
import { CANCEL_ACTION } from './block-kit.js';
import { REJECT_ACTION } from './change-blocks.js';
import { clip, escapeMrkdwn, SLACK_LIMITS as L } from './slack-limits.js';

/** What the tab reads from the service, for one user. */
export interface HomeSource {
  jobs(): JobSummary[];
  pendingChanges(): PendingChangeRecord[];
  isApprover(userId: string): boolean;
  /** How far a request's approvals go, by the policy's rules (issue 16: a change may need two). */
  approvalStatus(change: PendingChangeRecord): ApprovalStatus;
}

/** Each list shows this many; the rest are counted (a view holds at most 100 blocks). */
const PER_LIST = 10;
const ACTIVE = new Set(['queued', 'running']);

const section = (text: string): types.KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: clip(text, L.sectionText) } });
const header = (text: string): types.KnownBlock => ({ type: 'header', text: { type: 'plain_text', text } });
const note = (text: string): types.KnownBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });
const who = (a: { id: string; name: string; via: string }) => (a.via === 'slack' ? `<@${a.id}>` : escapeMrkdwn(a.name));

function button(action: string, value: string, text: string, style?: 'primary' | 'danger', confirm?: [string, string, string]) {
  return {
    type: 'button' as const,
    action_id: action,
    value,
    text: { type: 'plain_text' as const, text },
    ...(style ? { style } : {}),
    ...(confirm
      ? {
          confirm: {
            title: { type: 'plain_text' as const, text: confirm[0] },
            text: { type: 'mrkdwn' as const, text: confirm[1] },
            confirm: { type: 'plain_text' as const, text: confirm[2] },
            deny: { type: 'plain_text' as const, text: 'Not now' },
          },
        }
      : {}),
  };
}

function jobBlocks(j: JobSummary): types.KnownBlock[] {
  const done = j.results.length;
  const text = `*${j.id}* · \`${escapeMrkdwn(clip(j.commandLine, 200))}\` · ${who(j.actor)} · ${done}/${j.targets.length} devices`;
  const cancel = button(CANCEL_ACTION, j.id, 'Cancel', 'danger', [
    `Cancel ${j.id}?`,
    'No new devices will start and devices in flight are stopped.',
    'Cancel job',
  ]);
  return [{ type: 'section', text: { type: 'mrkdwn', text: clip(text, L.sectionText) }, accessory: cancel }];
}

/**
 * Approving stays on the request message: the core accepts an approval only in the channel it
 * was proposed in, where the approver sees every line of the plan (this tab shows one line).
 * So Home links there; Reject / Withdraw and Cancel work from here with the channel's handlers.
 */
function reviewLink(c: PendingChangeRecord): types.Button | undefined {
  const channel = c.messageRef?.channel;
  if (!channel) return undefined;
  return {
    type: 'button',
    action_id: `netops_review_${c.id}`,
    url: `https://slack.com/app_redirect?channel=${encodeURIComponent(channel)}`,
    style: 'primary',
    text: { type: 'plain_text', text: 'Review and approve' },
  };
}

function changeText(c: PendingChangeRecord): string {
  const where = c.messageRef ? ` · in <#${c.messageRef.channel}>` : '';
  const devices = `${c.plan.length} device${c.plan.length === 1 ? '' : 's'}`;
  return `*${displayId(c.id)}* · ${escapeMrkdwn(c.description)} · ${devices} · requested by ${who(c.actor)}${where} · expires ${new Date(c.expiresAt).toISOString()}`;
}

function changeBlocks(c: PendingChangeRecord, viewer: string, approver: boolean): types.KnownBlock[] {
  const id = displayId(c.id);
  const buttons: types.Button[] = [];
  const review = approver && c.actor.id !== viewer ? reviewLink(c) : undefined;
  if (review) buttons.push(review);
  buttons.push(button(REJECT_ACTION, id, c.actor.id === viewer ? 'Withdraw' : 'Reject', 'danger'));
  return [section(changeText(c)), { type: 'actions', elements: buttons }];
}

/** A request the viewer approved that needs more approvers: nothing left for them to review, Reject still theirs. */
function approvedBlocks(c: PendingChangeRecord, status: ApprovalStatus): types.KnownBlock[] {
  const more = Math.max(1, status.needed - status.counted.length);
  const progress = `approved by you, waiting for ${more} more (${status.counted.length} of ${status.needed} approvals)`;
  return [
    section(`${changeText(c)}\n${progress}`),
    { type: 'actions', elements: [button(REJECT_ACTION, displayId(c.id), 'Reject', 'danger')] },
  ];
}

/** The viewer's approval is already counted on it (a partly approved request, issue 16). */
const approvedBy = (c: PendingChangeRecord, user: string) => c.approval?.approvals.includes(user) ?? false;

function list<T>(title: string, items: T[], draw: (t: T) => types.KnownBlock[], empty: string): types.KnownBlock[] {
  const blocks: types.KnownBlock[] = [header(title)];
  if (!items.length) return [...blocks, note(empty)];
  for (const item of items.slice(0, PER_LIST)) blocks.push(...draw(item));
  if (items.length > PER_LIST) blocks.push(note(`and ${items.length - PER_LIST} more: /net jobs lists them all`));
  return blocks;
}

/** The Home view for one user. */
export function renderAppHome(source: HomeSource, user: string): types.HomeView {
  const running = source.jobs().filter((j) => ACTIVE.has(j.state));
  const pending = source.pendingChanges();
  const approver = source.isApprover(user);
  const mine = pending.filter((c) => c.actor.id === user);
  const others = pending.filter((c) => c.actor.id !== user);
  const waiting = approver ? others.filter((c) => !approvedBy(c, user)) : [];
  const approved = others.filter((c) => approvedBy(c, user));
  const blocks = [
    ...list('Running jobs', running, jobBlocks, 'Nothing is running.'),
    { type: 'divider' } as types.KnownBlock,
    ...list('Your change requests', mine, (c) => changeBlocks(c, user, approver), 'You have no change request waiting.'),
  ];
  if (approver) {
    blocks.push(
      { type: 'divider' },
      ...list('Waiting for your approval', waiting, (c) => changeBlocks(c, user, approver), 'Nothing waits for you.'),
    );
  }
  if (approved.length) {
    blocks.push(
      { type: 'divider' },
      ...list('Approved by you, waiting for others', approved, (c) => approvedBlocks(c, source.approvalStatus(c)), ''),
    );
  }
  return { type: 'home', blocks };
}

/** What the tab shows, as a key: a refresh publishes only when it changed. */
function signature(source: HomeSource, user: string): string {
  const jobs = source
    .jobs()
    .filter((j) => ACTIVE.has(j.state))
    .map((j) => `${j.id}:${j.results.length}`);
  // Approvals too: a request approved in part moves from "Waiting for your approval" to "Approved by you".
  const changes = source.pendingChanges().map((c) => [c.id, c.approval?.approvals ?? []]);
  return JSON.stringify([jobs, changes, source.isApprover(user)]);
}

export interface AppHome {
  /** Republishes the tab of every user who opened it, where its content changed. */
  refresh(): Promise<void>;
  stop(): void;
}

/**
 * Wires app_home_opened and keeps opened tabs current: `refresh` is called by the bot after
 * anything it handles, and on a slow timer for what changes on its own (an expiry, a job's end).
 */
export function wireAppHome(app: BoltApp, source: HomeSource, o: { logger: Logger; refreshEveryMs?: number }): AppHome {
  const shown = new Map<string, string>();
  const publish = async (user: string) => {
    const sig = signature(source, user);
    shown.set(user, sig);
    await app.client.views.publish({ user_id: user, view: renderAppHome(source, user) });
  };
  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    await publish(event.user).catch((err: unknown) => o.logger.error(err));
  });
  let refreshing: Promise<void> | undefined;
  const refresh = async () => {
    // One refresh at a time; a trigger during one is covered by the signature check of the next.
    await refreshing;
    refreshing = (async () => {
      for (const [user, sig] of shown) {
        if (signature(source, user) !== sig) await publish(user).catch((err: unknown) => o.logger.error(err));
      }
    })();
    await refreshing;
  };
  const timer = setInterval(() => void refresh(), o.refreshEveryMs ?? 15_000);
  timer.unref();
  return { refresh, stop: () => clearInterval(timer) };
}
