import type { ChangeCommand } from './command.js';
import { UserError } from './errors.js';
import type { AuditSink, Clock, MessageRef, PendingChangeRecord, StateStore } from './ports.js';
import type { Policy } from './policy.js';
import type { Actor, Device } from './types.js';
import { who } from './job-audit.js';
import { approvalStep } from './policy/approval-step.js';
import { parseJobId } from './job-ids.js';
import { type BreakGlassUse, breakGlassRecord, breakGlassUse } from './policy/break-glass.js';

/**
 * An approval: the run (all rules met), or still waiting for the approvers `waiting` names.
 * `breakGlass`: the run passes a freeze or closed window only by break-glass; decided once
 * here, announced by the front from this value.
 */
export type Approval<T> =
  | { change: PendingChangeRecord; run: T; waiting?: undefined; breakGlass?: BreakGlassUse }
  | { change: PendingChangeRecord; waiting: string };

export type ChangeClosed = { change: PendingChangeRecord; state: 'rejected' | 'expired'; by?: Actor };

/**
 * Change requests waiting for approval. Every one is persisted before it is shown, so a
 * restart never loses one; approval hands back exactly the persisted plan.
 */
export class ChangeDesk {
  private readonly pending = new Map<string, PendingChangeRecord>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private closedListener: ((c: ChangeClosed) => void) | undefined;
  /** Closures that happened before an adapter listened (requests expired while the bot was down). */
  private unheard: ChangeClosed[] = [];
  private readonly countedListeners: ((change: PendingChangeRecord, by: Actor) => void)[] = [];

  constructor(private readonly d: { state: StateStore; audit: AuditSink; clock: Clock; policy: Policy; ttlMs: number }) {}

  /** Loads persisted requests after a start: expired ones are closed now, the rest wait again. */
  async restore(): Promise<void> {
    for (const c of await this.d.state.pendingChanges()) {
      if (c.expiresAt <= this.d.clock.now()) await this.expire(c);
      else this.hold(c);
    }
  }

  onClosed(listener: (c: ChangeClosed) => void): void {
    this.closedListener = listener;
    for (const c of this.unheard.splice(0)) listener(c);
  }

  private closed(c: ChangeClosed): void {
    if (this.closedListener) this.closedListener(c);
    else this.unheard.push(c);
  }

  /** Every approval that counts but leaves the request waiting (its record already shows it): fronts redraw the request. */
  onCounted(listener: (change: PendingChangeRecord, by: Actor) => void): void {
    this.countedListeners.push(listener);
  }

  list(): PendingChangeRecord[] {
    return [...this.pending.values()];
  }

  async propose(o: {
    id: string;
    command: ChangeCommand;
    args: Record<string, unknown>;
    devices: Device[];
    plan: PendingChangeRecord['plan'];
    commandLine: string;
    actor: Actor;
    /** Asked for with --break-glass; `audited`: the bypass already recorded when it was requested. */
    breakGlass?: { audited?: string };
  }): Promise<PendingChangeRecord> {
    const now = this.d.clock.now();
    const change: PendingChangeRecord = {
      id: o.id,
      command: o.command.name,
      commandLine: o.commandLine,
      description: o.command.describe(o.args),
      actor: who(o.actor),
      args: o.args,
      plan: o.plan,
      createdAt: now,
      expiresAt: now + this.d.ttlMs,
      approval: { needs: this.d.policy.approvalsFor(o.devices), approvals: [] },
      ...(o.breakGlass ? { breakGlass: o.breakGlass } : {}),
    };
    await this.d.audit.append({
      actor: change.actor,
      action: 'change.requested',
      jobId: change.id,
      targets: change.plan.map((p) => p.device),
      outcome: 'pending-approval',
      detail: {
        commandLine: change.commandLine,
        description: change.description,
        plan: change.plan,
        expiresAt: new Date(change.expiresAt).toISOString(),
        approvalsNeeded: change.approval?.needs,
      },
    });
    await this.d.state.saveChange(change);
    this.hold(change);
    return change;
  }

  /** Remembers where the request was posted, so its message can be updated after a restart too. */
  async setMessage(id: string, ref: MessageRef): Promise<void> {
    const c = this.pending.get(id);
    if (!c) return;
    c.messageRef = ref;
    await this.d.state.saveChange(c);
  }

  /**
   * Approves as `actor` (an approver, never the requester). `prepare` builds the run first:
   * if it throws (the plan no longer matches), the request stays pending. The approval is
   * on disk before the request leaves the desk. Counted and decided in the store, on the
   * request as stored (decideChange): of two approvers clicking at once on two fronts, or one
   * click delivered twice, each person counts once and exactly one decision starts the change.
   */
  async approve<T>(id: string, actor: Actor, prepare: (c: PendingChangeRecord) => T): Promise<Approval<T>> {
    const c = await this.take(id);
    let run: { value: T } | undefined;
    let missing = '';
    let glass: BreakGlassUse | undefined;
    const out = await this.d.state.decideChange(c.id, (stored) => {
      const step = this.step(stored, actor);
      const entry = { actor: who(actor), jobId: stored.id, targets: stored.plan.map((p) => p.device) };
      if (!step.complete) {
        missing = step.missing;
        const detail = { requester: stored.actor, approvals: step.approvals, missing };
        return {
          kind: 'count',
          approvals: step.approvals,
          record: { ...entry, action: 'change.approval-counted', outcome: 'pending-approval', detail },
        } as const;
      }
      run = { value: prepare(stored) };
      glass = step.breakGlass && breakGlassUse(stored, displayId(stored.id), step.breakGlass);
      const detail = { requester: stored.actor, approvals: step.approvals, ...(glass ? { breakGlass: glass.rule } : {}) };
      return {
        kind: 'claim',
        approvals: step.approvals,
        by: actor.id,
        record: { ...entry, action: 'change.approved', outcome: 'approved', detail },
      } as const;
    });
    // Another decision (a reject, the expiry, the last approval on another front) got there first.
    if (!out) {
      this.forget(c.id);
      throw gone(c.id);
    }
    if (!out.recorded) await this.d.audit.append(out.decision.record);
    if (out.decision.kind === 'count') {
      const held = this.pending.get(c.id);
      if (held) held.approval = out.change.approval;
      for (const l of this.countedListeners) l(out.change, actor);
      return { change: out.change, waiting: missing };
    }
    this.forget(c.id);
    // A bypass recorded with the request is not recorded twice; one that began while it waited is recorded now.
    const done = out.change;
    if (glass && done.breakGlass?.audited !== glass.rule) {
      const targets = done.plan.map((p) => p.device);
      const detail = { approvedBy: who(actor), when: 'approved' };
      await this.d.audit.append(
        breakGlassRecord({ requester: done.actor, commandLine: done.commandLine, targets, rule: glass.rule, jobId: done.id, detail }),
      );
    }
    return glass ? { change: done, run: run!.value, breakGlass: glass } : { change: done, run: run!.value };
  }

  /** The policy's step for this approval of `c` as stored; a UserError for one that cannot count. */
  private step(c: PendingChangeRecord, actor: Actor) {
    // issue 16: N distinct approvers per rule, never the requester, once per person.
    // A change asked for with --break-glass may still run in a freeze that began while it waited.
    const step = approvalStep(
      this.d.policy,
      { actor: c.actor, needs: c.approval?.needs, approvals: c.approval?.approvals },
      actor,
      displayId(c.id),
      { now: this.d.clock.now(), breakGlass: c.breakGlass !== undefined },
    );
    if (actor.via === 'slack' && c.messageRef && actor.channel !== c.messageRef.channel) {
      throw new UserError(
        'forbidden',
        `approve ${displayId(c.id)} where it was proposed`,
        `use the buttons on the request in <#${c.messageRef.channel}>`,
      );
    }
    return step;
  }

  async reject(id: string, actor: Actor): Promise<PendingChangeRecord> {
    const c = await this.take(id);
    this.d.policy.assertMayReject(actor, c.actor, displayId(c.id));
    await this.claim(c, actor);
    await this.d.audit.append({
      actor: who(actor),
      action: 'change.rejected',
      jobId: c.id,
      targets: c.plan.map((p) => p.device),
      outcome: 'rejected',
      detail: { requester: c.actor },
    });
    this.closed({ change: c, state: 'rejected', by: actor });
    return c;
  }

  /** Takes the request off the desk for `actor`; a UserError when another decision (or the expiry) got there first. */
  private async claim(c: PendingChangeRecord, actor: Actor): Promise<void> {
    this.forget(c.id);
    if (!(await this.d.state.claimChange(c.id, { approver: actor.id }))) throw gone(c.id);
  }

  /** Stops the expiry timers (shutdown); the requests stay persisted. */
  stop(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  /** The request, from this desk or (scale-out: proposed by another front) from the store. */
  /** The request as stored now (every front's approvals counted), or undefined once it no longer waits. */
  async stored(id: string): Promise<PendingChangeRecord | undefined> {
    return (await this.d.state.pendingChanges()).find((c) => c.id === normaliseId(id));
  }

  private async take(id: string): Promise<PendingChangeRecord> {
    const key = normaliseId(id);
    const here = this.pending.get(key);
    if (here) return here;
    const stored = await this.stored(key);
    if (!stored) throw gone(id);
    this.hold(stored);
    return stored;
  }

  private hold(c: PendingChangeRecord): void {
    this.pending.set(c.id, c);
    const t = setTimeout(() => void this.expire(c).catch(() => undefined), Math.max(0, c.expiresAt - this.d.clock.now()));
    t.unref();
    this.timers.set(c.id, t);
  }

  private forget(id: string): void {
    this.pending.delete(id);
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
  }

  /** Every front's timer fires; the one that claims the request records the expiry. */
  private async expire(c: PendingChangeRecord): Promise<void> {
    this.forget(c.id);
    if (!(await this.d.state.claimChange(c.id, { approver: 'expiry' }))) return;
    await this.d.audit.append({
      actor: c.actor,
      action: 'change.expired',
      jobId: c.id,
      targets: c.plan.map((p) => p.device),
      outcome: 'expired',
    });
    this.closed({ change: c, state: 'expired' });
  }
}

const gone = (id: string) =>
  new UserError(
    'not_found',
    `no change request ${displayId(normaliseId(id))} is waiting for approval`,
    'it may have been approved, rejected or expired; see /net jobs',
  );

/** The one change-request id a command was given (`/net approve CR-7`), or a UserError saying the expected form. */
export function requestIdFrom(words: string[], verb: string): string {
  return parseJobId(words, verb, 'change request');
}

/** CR-7 and J-7 name the same job. */
export function normaliseId(id: string): string {
  return id.toUpperCase().replace(/^CR-/, 'J-');
}

export function displayId(jobId: string): string {
  return jobId.replace(/^J-/, 'CR-');
}
