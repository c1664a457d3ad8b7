import { parseCommandLine } from '../command-line.js';
import type { PendingChangeRecord } from '../ports.js';
import type { Policy } from '../policy.js';
import { displayId } from '../change-desk.js';
import { timeCheck } from './decide.js';

/** A change that runs only because its requester invoked break-glass: what every front announces. */
export interface BreakGlassUse {
  changeId: string;
  requester: { id: string; name: string };
  commandLine: string;
  /** The rule break-glass passes (`freeze holiday`, `windows`) and why it would refuse. */
  rule: string;
  reason: string;
}

/**
 * Whether an approved change runs under break-glass now: it was asked for with --break-glass
 * and a freeze or a closed window would otherwise refuse it. Judged with the same clock
 * reading as the approval that let it run (ChangeDesk.approve), so the two cannot disagree
 * except across a window edge in the same instant. A --break-glass change inside an open
 * window bypasses nothing and is not announced.
 */
export function breakGlassUse(policy: Policy, change: PendingChangeRecord, now: number): BreakGlassUse | undefined {
  if (parseCommandLine(change.commandLine).flags['break-glass'] !== true) return undefined;
  const closed = timeCheck(policy.document, now);
  if (!closed) return undefined;
  return {
    changeId: displayId(change.id),
    requester: { id: change.actor.id, name: change.actor.name },
    commandLine: change.commandLine,
    rule: closed.rule,
    reason: closed.reason,
  };
}
