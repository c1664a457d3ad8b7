import type { BreakGlassUse } from '../core/policy/break-glass.js';
import type { Actor } from '../core/types.js';
import type { ReplyView } from './views.js';

/**
 * The channel-wide notice of a change run under break-glass: everyone in the channel, not
 * only the requester, sees who bypassed which rule with which change. Names and ids are shown
 * as text (escaped by the renderer), not as mentions: the notice informs, it pages nobody.
 */
export function breakGlassNotice(use: BreakGlassUse, approver: Actor): ReplyView {
  return {
    title: `Break-glass: ${use.changeId} runs despite ${use.rule}`,
    blocks: [
      { type: 'text', text: `${use.requester.name} (${use.requester.id}) invoked break-glass for ${use.changeId}: ${use.commandLine}` },
      { type: 'text', text: `Bypassed: ${use.reason}. Approved by ${approver.name} (${approver.id}). Recorded in the audit trail.` },
    ],
  };
}
