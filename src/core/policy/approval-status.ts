import type { Policy } from '../policy.js';
import type { ApprovalNeed } from './approvals.js';
import { describeRole } from './roles.js';

/** Where a change request stands with its approval rules: what every front shows while it waits. */
export interface ApprovalStatus {
  /** Identities whose approval counted, in the order they approved. */
  counted: string[];
  /** Distinct approvals the rules need in all: those counted plus those still missing. */
  needed: number;
  /** "one more from pci (U0CAROL01, U0ERIN001)"; empty once every rule is met. */
  waitingFor: string;
}

/**
 * The approval state of a change, counted by the same rules that decide it (the requester
 * never counts; each person once). One person may count towards several rules, so `needed`
 * is the count of people, not the sum of the rules' counts.
 */
export function approvalStatus(
  policy: Policy,
  change: { actor: { id: string }; approval?: { needs?: readonly ApprovalNeed[]; approvals?: readonly string[] } },
): ApprovalStatus {
  const approvals = [...(change.approval?.approvals ?? [])];
  const p = policy.progress(change.approval?.needs ?? policy.approvalsFor([]), approvals, change.actor.id);
  const countedSet = new Set(p.rules.flatMap((r) => r.counted));
  const counted = approvals.filter((id, i) => countedSet.has(id) && approvals.indexOf(id) === i);
  const open = p.rules.filter((r) => r.missing > 0);
  const waitingFor = open
    .map((r) => {
      const more = r.missing === 1 ? 'one more' : `${r.missing} more`;
      const from = r.from.map((f) => describeRole(policy.document, f)).join(' or ');
      return `${more} from ${from}${open.length > 1 ? ` for ${r.rule}` : ''}`;
    })
    .join('; ');
  return { counted, needed: counted.length + open.reduce((n, r) => n + r.missing, 0), waitingFor };
}

/**
 * "1 of 2 approvals (carol); waiting for one more from pci (carol, erin)". `name` shows an
 * identity the way the front shows people (Slack: a mention; the console: the name).
 */
export function describeApprovalStatus(s: ApprovalStatus, name: (id: string) => string = (id) => id): string {
  const by = s.counted.length ? ` (${s.counted.map(name).join(', ')})` : '';
  const head = `${s.counted.length} of ${s.needed} approval${s.needed === 1 ? '' : 's'}${by}`;
  return s.waitingFor ? `${head}; waiting for ${s.waitingFor}` : head;
}
