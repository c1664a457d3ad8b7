import type { Actor, Device, JobSummary } from './types.js';
import type { CommandModule } from './command.js';
import { UserError } from './errors.js';
import type { PolicyDocument } from './policy/policy-schema.js';
import { shorthandPolicy } from './policy/shorthand.js';
import { type Bypass, decide, timeCheck, type Decision } from './policy/decide.js';
import { type GroupDirectory, NO_GROUPS, commandMatches, describeRole, rolesOf } from './policy/roles.js';
import { approvalStatus, describeApprovalStatus } from './policy/approval-status.js';
import { type ApprovalNeed, type ApprovalProgress, approvalNeeds, approvalProgress, approvingRoles } from './policy/approvals.js';

/**
 * Who may do what. Identities are matched by id only: a Slack user can rename themselves,
 * not change their user id (U...); a console user's id is their name.
 * The rules are a policy document (NETOPS_POLICY), or the equivalent of NETOPS_RUNNERS /
 * NETOPS_APPROVERS (see policy/shorthand.ts). Every front asks this one class, so Slack,
 * the console and the scale-out fronts decide the same way.
 */
export interface PolicyRules {
  approvers: string[];
  /** When set, only these may start jobs that touch devices. */
  runners?: string[];
  /** A validated policy file; when present the two lists above are empty (config refuses both). */
  document?: PolicyDocument;
}

/** Flags the policy reads on any device command, whatever the command declares. */
export const POLICY_FLAGS = ['confirm', 'break-glass'] as const;

export function isPolicyFlag(flag: string): boolean {
  return (POLICY_FLAGS as readonly string[]).includes(flag);
}

export class PolicyDenied extends UserError {
  /** Set once the denial is in the audit trail, so it is recorded once. */
  audited = false;
  constructor(
    readonly decision: Extract<Decision, { outcome: 'deny' | 'confirm' }>,
    message: string,
    hint: string,
  ) {
    super('forbidden', message, hint);
  }

  /** The same denial with its texts masked (users paste secrets), still recorded once; a front can still tell a missing --confirm. */
  redacted(redact: (text: string) => string): PolicyDenied {
    const d = new PolicyDenied(this.decision, redact(this.message), redact(this.hint ?? ''));
    d.audited = this.audited;
    return d;
  }

  /** Only a missing --confirm refused it: the same request with --confirm would run. */
  get needsConfirm(): boolean {
    return this.decision.outcome === 'confirm';
  }
}

export class Policy {
  readonly document: PolicyDocument;
  constructor(
    rules: PolicyRules,
    private readonly groups: GroupDirectory = NO_GROUPS,
  ) {
    this.document = rules.document ?? shorthandPolicy(rules);
  }

  rolesOf(actor: { id: string }): string[] {
    return rolesOf(this.document, actor.id, this.groups);
  }

  isApprover(actor: Actor): boolean {
    const approving = approvingRoles(this.document);
    return this.rolesOf(actor).some((r) => approving.includes(r));
  }

  /** The full decision for a device command over selected targets (read or change). */
  decide(actor: Actor, command: { name: string; kind: 'read' | 'change' }, devices: readonly Device[], o: DecideOptions): Decision {
    return decide(this.document, this.groups, {
      actorId: actor.id,
      command,
      devices,
      inventorySize: o.inventorySize,
      flags: { confirm: o.flags['confirm'] === true, breakGlass: o.flags['break-glass'] === true },
      now: o.now,
    });
  }

  /** Before targets are known: info commands are always allowed; a device command needs some grant for it. */
  assertMayRun(actor: Actor, command: CommandModule): void {
    if (command.kind === 'info') return;
    const roles = this.rolesOf(actor);
    const any = this.document.grants.some((g) => roles.includes(g.role) && g.commands.some((c) => commandMatches(c, command.name)));
    if (any) return;
    const could = this.document.grants
      .filter((g) => g.commands.some((c) => commandMatches(c, command.name)))
      .map((g) => describeRole(this.document, g.role));
    const instead = [...new Set(could)].join('; ');
    const reason = `you may not run /net ${command.name}`;
    throw new PolicyDenied({ outcome: 'deny', rule: 'grants', reason, instead }, `${reason} (rule: grants)`, hintFor(instead));
  }

  /** Throws a PolicyDenied naming the rule (and who could instead) unless the decision allows; returns it then. */
  assertMayRunOn(actor: Actor, command: { name: string; kind: 'read' | 'change' }, devices: readonly Device[], o: DecideOptions) {
    const d = this.decide(actor, command, devices, o);
    if (d.outcome === 'allow') return d;
    if (d.outcome === 'confirm')
      throw new PolicyDenied(d, `${d.reason} (rule: ${d.rule})`, 'check the targets, then run the same command again with --confirm');
    throw new PolicyDenied(d, `${d.reason} (rule: ${d.rule})`, hintFor(d.instead));
  }

  /**
   * When an approved change is about to run: inside a window and outside any freeze, unless
   * the requester asked with --break-glass and holds a break-glass role. A change proposed in
   * a window must not run in the freeze that began while it waited. Returns what break-glass
   * passes (undefined when nothing is closed): the one decision every front announces and
   * the trail records, so no front judges it again with another clock reading.
   */
  assertMayRunChangeNow(requester: { id: string }, o: { breakGlass: boolean; now: number }): Bypass | undefined {
    const closed = timeCheck(this.document, o.now);
    if (!closed) return undefined;
    const glass = this.document.breakGlass?.roles ?? [];
    if (o.breakGlass && this.rolesOf(requester).some((r) => glass.includes(r))) return { rule: closed.rule, reason: closed.reason };
    throw new PolicyDenied(closed, `the change cannot run now: ${closed.reason} (rule: ${closed.rule})`, hintFor(closed.instead));
  }

  /** The approval rules a change over these devices must satisfy. */
  approvalsFor(devices: readonly Device[]): ApprovalNeed[] {
    return approvalNeeds(this.document, devices);
  }

  /** How far approvals (by identity, in order) go towards the rules; the requester never counts. */
  progress(needs: readonly ApprovalNeed[], approvers: readonly string[], requester: string): ApprovalProgress {
    return approvalProgress(this.document, this.groups, needs, approvers, requester);
  }

  /**
   * Four eyes: never the one who asked, once per person, and only someone whose approval
   * counts towards a rule still short of approvers. Without `needs`: any approver.
   */
  assertMayApprove(actor: Actor, requester: { id: string; name: string }, id: string, o: ApproveOptions = {}): void {
    if (actor.id === requester.id)
      throw new UserError('forbidden', `you asked for ${id}; another engineer must approve it`, 'ask an on-call approver to approve it');
    const needs = o.needs ?? this.approvalsFor([]);
    if (o.already?.includes(actor.id)) {
      const status = describeApprovalStatus(approvalStatus(this, { actor: requester, approval: { needs, approvals: o.already } }));
      throw new UserError(
        'forbidden',
        `you have already approved ${id}: your approval is counted (${status})`,
        'another approver must approve it too',
      );
    }
    const p = this.progress(needs, [...(o.already ?? [])], requester.id);
    const roles = this.rolesOf(actor);
    const open = p.rules.filter((r) => r.missing > 0);
    if (open.some((r) => r.from.some((f) => roles.includes(f)))) return;
    const from = [...new Set(open.flatMap((r) => r.from))];
    throw new UserError(
      'forbidden',
      `only an approver may approve ${id} (rule: ${open.map((r) => r.rule).join(', ') || 'approvals'})`,
      hintFor(from.map((f) => describeRole(this.document, f)).join('; ')),
    );
  }

  /** The requester may withdraw; an approver may refuse. */
  assertMayReject(actor: Actor, requester: { id: string }, id: string): void {
    if (actor.id === requester.id || this.isApprover(actor)) return;
    throw new UserError('forbidden', `only the requester or an approver may reject ${id}`);
  }

  assertMayCancel(actor: Actor, job: JobSummary): void {
    if (job.actor.id === actor.id || this.isApprover(actor)) return;
    throw new UserError('forbidden', `only ${job.actor.name} or an approver may cancel ${job.id}`);
  }
}

export interface DecideOptions {
  inventorySize: number;
  flags: Record<string, string | true>;
  now: number;
}

export interface ApproveOptions {
  /** The rules the change must satisfy (policy.approvalsFor its devices). */
  needs?: readonly ApprovalNeed[];
  /** Identities that have approved already. */
  already?: readonly string[];
}

function hintFor(instead: string): string {
  return instead ? `who could: ${instead}` : 'nobody may: ask a netops admin to change the policy';
}
