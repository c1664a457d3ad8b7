import type { AuditEntry, PendingChangeRecord } from '../ports.js';
import type { Bypass } from './decide.js';

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
 * The use of break-glass by an approved change, from the bypass the approval step decided
 * (Policy.assertMayRunChangeNow): fronts announce this, they never judge it again.
 */
export function breakGlassUse(change: Pick<PendingChangeRecord, 'actor' | 'commandLine'>, shownId: string, bypass: Bypass): BreakGlassUse {
  return {
    changeId: shownId,
    requester: { id: change.actor.id, name: change.actor.name },
    commandLine: change.commandLine,
    rule: bypass.rule,
    reason: bypass.reason,
  };
}

/**
 * The `policy.break-glass` record: who invoked it (always the requester), what it passed and
 * for which command line. Written when the request is made in a freeze or closed window, and
 * again when its run passes a rule that was not closed then (a freeze that began while it waited).
 */
export function breakGlassRecord(o: {
  requester: AuditEntry['actor'];
  commandLine: string;
  targets: string[];
  rule: string;
  jobId?: string;
  detail?: Record<string, unknown>;
}): AuditEntry {
  return {
    actor: o.requester,
    action: 'policy.break-glass',
    ...(o.jobId ? { jobId: o.jobId } : {}),
    targets: o.targets,
    outcome: 'allowed',
    detail: { commandLine: o.commandLine, bypassed: o.rule, ...o.detail },
  };
}
