import type { Device } from '../types.js';
import type { PolicyDocument } from './policy-schema.js';
import { describeRole, type GroupDirectory, rolesOf } from './roles.js';
import { targetsMatch } from './targets.js';

/** One approval rule a change must satisfy: `count` distinct approvers holding one of the roles in `from`. */
export interface ApprovalNeed {
  rule: string;
  count: number;
  from: string[];
}

/**
 * The rules a change over these devices must satisfy: every rule whose targets select any
 * of them. When none does, one approver from any approving role.
 */
export function approvalNeeds(doc: PolicyDocument, devices: readonly Device[]): ApprovalNeed[] {
  const needs = doc.approvals
    .map((a, i) => ({ a, i }))
    .filter(({ a }) => devices.some(targetsMatch(a.targets)))
    .map(({ a, i }) => ({ rule: a.name ?? `approvals.${i}${a.targets ? ` (${a.targets})` : ''}`, count: a.count, from: a.from }));
  return needs.length ? needs : [{ rule: 'default', count: 1, from: approvingRoles(doc) }];
}

/** Roles named by any approval rule: their members are "approvers" (they may also reject and cancel). */
export function approvingRoles(doc: PolicyDocument): string[] {
  return [...new Set(doc.approvals.flatMap((a) => a.from))];
}

export interface ApprovalProgress {
  done: boolean;
  /** Per rule: who counted, and how many more are needed. */
  rules: { rule: string; counted: string[]; missing: number; from: string[] }[];
}

/**
 * Counts approvals against the rules: each person once, never the requester, and only for
 * rules whose roles they hold.
 */
export function approvalProgress(
  doc: PolicyDocument,
  groups: GroupDirectory,
  needs: readonly ApprovalNeed[],
  approvers: readonly string[],
  requester: string,
): ApprovalProgress {
  const people = [...new Set(approvers)].filter((id) => id !== requester);
  const rules = needs.map((n) => {
    const counted = people.filter((id) => rolesOf(doc, id, groups).some((r) => n.from.includes(r)));
    return { rule: n.rule, counted, missing: Math.max(0, n.count - counted.length), from: n.from };
  });
  return { done: rules.every((r) => r.missing === 0), rules };
}

/** "2 more from pci-approvers (U1, U2)", for a change request still waiting. */
export function describeMissing(doc: PolicyDocument, p: ApprovalProgress): string {
  return p.rules
    .filter((r) => r.missing > 0)
    .map((r) => `${r.missing} more for ${r.rule} from ${r.from.map((f) => describeRole(doc, f)).join(' or ')}`)
    .join('; ');
}
