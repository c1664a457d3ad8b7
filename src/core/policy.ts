import type { Actor, JobSummary } from './types.js';
import type { CommandModule } from './command.js';
import { UserError } from './errors.js';

/**
 * Who may do what. Identities are matched by id only: a Slack user can rename themselves,
 * not change their user id (U...); a console user's id is their name.
 * Read jobs: everyone, unless `runners` is set. Approvers may also cancel
 * anyone's job. Identities are Slack user ids or console user names.
 */
export interface PolicyRules {
  approvers: string[];
  /** When set, only these may start jobs that touch devices. */
  runners?: string[];
}

export class Policy {
  constructor(private readonly rules: PolicyRules) {}

  isApprover(actor: Actor): boolean {
    return this.rules.approvers.includes(actor.id);
  }

  /** Throws a `forbidden` UserError when the actor may not run the command. */
  assertMayRun(actor: Actor, command: CommandModule): void {
    if (command.kind === 'info' || !this.rules.runners) return;
    if (this.rules.runners.includes(actor.id) || this.isApprover(actor)) return;
    throw new UserError('forbidden', `you may not run /net ${command.name}`, 'ask a netops admin to add you to NETOPS_RUNNERS');
  }

  /** Four eyes: an approver, and never the one who asked. */
  assertMayApprove(actor: Actor, requester: { id: string; name: string }, id: string): void {
    if (actor.id === requester.id)
      throw new UserError('forbidden', `you asked for ${id}; another engineer must approve it`, 'ask an on-call approver to approve it');
    if (!this.isApprover(actor))
      throw new UserError('forbidden', `only an approver may approve ${id}`, 'approvers are listed in NETOPS_APPROVERS');
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
