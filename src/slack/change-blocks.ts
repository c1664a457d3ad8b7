import type { types } from '@slack/bolt';
import type { ChangeRequestView } from '../render/views.js';
import { SLACK_LIMITS as L, clip, escapeMrkdwn } from './slack-limits.js';
import type { Rendered } from './block-kit.js';
import { describeApprovalStatus } from '../core/policy/approval-status.js';

export const APPROVE_ACTION = 'netops_approve';
export const REJECT_ACTION = 'netops_reject';

const STATE_TEXT: Record<ChangeRequestView['state'], string> = {
  'pending-approval': 'waiting for approval',
  approved: 'approved',
  rejected: 'rejected',
  withdrawn: 'withdrawn',
  expired: 'expired',
};

/** A change request message: the exact plan, the rollout, and Approve / Reject while it waits. */
export function renderChangeRequest(v: ChangeRequestView): Rendered {
  const requester = v.requesterVia === 'slack' ? `<@${v.requesterId}>` : escapeMrkdwn(v.requesterName);
  const state = `${STATE_TEXT[v.state]}${v.by ? ` by ${escapeMrkdwn(v.by)}` : ''}`;
  const blocks: types.KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(`${v.id} · ${v.description}`, L.headerText) } },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: clip(
          `*${state}* · requested by ${requester} · ${v.devices} device${v.devices === 1 ? '' : 's'}\n\`${escapeMrkdwn(v.commandLine)}\``,
          L.sectionText,
        ),
      },
    },
  ];
  // A handful of line sets (one per platform, usually); each shown with the devices that get it.
  const shown = v.plan.slice(0, 20);
  for (const g of shown) {
    const devices = clip(g.devices.join(', '), 600);
    const lines = clip(g.lines.join('\n'), L.sectionText - devices.length - 40);
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*${escapeMrkdwn(devices)}*\n\`\`\`${escapeMrkdwn(lines)}\`\`\`` } });
  }
  // The blast radius: what each device said about the ports the change touches.
  const notes = (v.before ?? []).flatMap((b) => b.notes.map((n) => `${b.device}: ${n}`)).join('\n');
  if (notes) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(`*Now*\n${escapeMrkdwn(notes)}`, L.sectionText) } });
  const cut =
    notes.length > L.sectionText - 20 ||
    v.plan.length > shown.length ||
    v.plan.some((g) => g.devices.join(', ').length > 600 || g.lines.join('\n').length > L.sectionText - 700);
  if (cut)
    blocks.push({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `Not all of the plan fits here: every device's lines are in the file in this thread. Read it before approving.`,
        },
      ],
    });
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: clip(`${escapeMrkdwn(v.rollout)} · expires ${v.expiresAt}`, L.sectionText) }],
  });
  if (v.state === 'pending-approval' && v.approvals) {
    // Approvers shown as mentions (an edited message notifies nobody); the roles still needed as text.
    const status = describeApprovalStatus({ ...v.approvals, waitingFor: escapeMrkdwn(v.approvals.waitingFor) }, asPerson);
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(`*Approvals:* ${status}`, L.sectionText) } });
  }
  if (v.state === 'pending-approval') {
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: APPROVE_ACTION,
          value: v.id,
          style: 'primary',
          text: { type: 'plain_text', text: 'Approve' },
          confirm: {
            title: { type: 'plain_text', text: `Approve ${v.id}?` },
            text: { type: 'mrkdwn', text: approveEffect(v) },
            confirm: { type: 'plain_text', text: 'Approve and run' },
            deny: { type: 'plain_text', text: 'Not yet' },
          },
        },
        { type: 'button', action_id: REJECT_ACTION, value: v.id, style: 'danger', text: { type: 'plain_text', text: 'Reject' } },
      ],
    });
  }
  return { text: `${v.id} ${state}: ${v.description}`, blocks, truncated: cut };
}

/** Slack user ids as mentions; console names (a request approved from the console) as text. */
function asPerson(id: string): string {
  return /^[UW][A-Z0-9]{2,}$/.test(id) ? `<@${id}>` : escapeMrkdwn(id);
}

/** What a click on Approve does: runs the change, or (more approvals needed) only counts. */
function approveEffect(v: ChangeRequestView): string {
  const left = v.approvals ? v.approvals.needed - v.approvals.counted.length : 1;
  if (left > 1)
    return `Your approval is counted; the change runs once ${left - 1} more approver${left === 2 ? '' : 's'} approve${left === 2 ? 's' : ''}.`;
  return `The change runs now on ${v.devices} devices, canary first.`;
}
