import type { PendingChangeRecord } from '../ports.js';
import type { Actor } from '../types.js';
import type { Policy } from '../policy.js';
import type { ApprovalNeed } from './approvals.js';
import { describeMissing } from './approvals.js';
import type { Bypass } from './decide.js';

/** What a change request keeps about its approvals (persisted with it). */
export interface ApprovalState {
  actor: { id: string; name: string };
  /** The rules it must satisfy, fixed when it was proposed (policy.approvalsFor its devices). */
  needs?: readonly ApprovalNeed[];
  /** Identities that approved so far, in order. */
  approvals?: readonly string[];
}

export type ApprovalStep =
  /** `breakGlass`: the rule the run passes only by break-glass, decided here once for every front and the trail. */
  | { complete: true; approvals: string[]; breakGlass?: Bypass }
  /** Counted, but more approvers are needed: `missing` says who (for the thread and the audit record). */
  | { complete: false; approvals: string[]; missing: string };

/**
 * One approval of a change request: refused (a forbidden UserError) for the requester, a
 * second approval by the same person, or someone whose approval counts towards no rule still
 * short; otherwise counted. The change runs once `complete`. Decided in the core, so every
 * front (and every process sharing the database) counts the same way.
 */
export function approvalStep(
  policy: Policy,
  change: ApprovalState,
  approver: Actor,
  shownId: string,
  run: { now: number; breakGlass: boolean },
): ApprovalStep {
  const already = [...(change.approvals ?? [])];
  const needs = change.needs ?? policy.approvalsFor([]);
  policy.assertMayApprove(approver, change.actor, shownId, { needs, already });
  const approvals = [...already, approver.id];
  const progress = policy.progress(needs, approvals, change.actor.id);
  if (progress.done) {
    // The last approval starts the change: the window and freeze rules apply now, not when it was proposed.
    const breakGlass = policy.assertMayRunChangeNow(change.actor, run);
    return breakGlass ? { complete: true, approvals, breakGlass } : { complete: true, approvals };
  }
  return { complete: false, approvals, missing: describeMissing(policy.document, progress) };
}

/** The request with `approvals` as everyone counted so far (its rules unchanged). */
export function withApprovals(c: PendingChangeRecord, approvals: readonly string[]): PendingChangeRecord {
  return { ...c, approval: { needs: c.approval?.needs ?? [], approvals: [...approvals] } };
}
