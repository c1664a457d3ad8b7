import type { AuditSink } from '../ports.js';
import type { Actor, Device } from '../types.js';
import { type DecideOptions, type Policy, PolicyDenied } from '../policy.js';
import type { Decision } from './decide.js';

export interface EnforceRequest extends DecideOptions {
  actor: Actor;
  command: { name: string; kind: 'read' | 'change' };
  devices: readonly Device[];
  /** What was typed (already redacted), for the audit record. */
  line: string;
}

/**
 * The policy step of the core's validation, after the targets are selected: a denial (or a
 * missing --confirm) is audited as `policy.denied` before it is thrown, and a break-glass
 * use as `policy.break-glass` (the adapter announces it in the channel). Returns the
 * decision: for a change, the approval rules it must satisfy.
 *
 * Wired in NetopsService.validate right after selectDevices:
 *   const decision = await enforcePolicy(this.deps.policy, this.deps.audit, { actor, command, devices, line, inventorySize: this.deps.inventory.devices.length, flags: request.flags, now: this.deps.clock.now() });
 */
export async function enforcePolicy(policy: Policy, audit: AuditSink, r: EnforceRequest): Promise<Extract<Decision, { outcome: 'allow' }>> {
  const who = { id: r.actor.id, name: r.actor.name, via: r.actor.via };
  const targets = r.devices.map((d) => d.name);
  try {
    const d = policy.assertMayRunOn(r.actor, r.command, r.devices, r);
    if (d.breakGlass) {
      await audit.append({
        actor: who,
        action: 'policy.break-glass',
        targets,
        outcome: 'allowed',
        detail: { commandLine: r.line, bypassed: d.breakGlass.rule, roles: d.roles },
      });
    }
    return d;
  } catch (err) {
    if (err instanceof PolicyDenied) await recordDenial(audit, r.actor, err, r.line, targets);
    throw err;
  }
}

/**
 * Records a denial (`policy.denied`, with the rule). For denials raised elsewhere in
 * validation (Policy.assertMayRun, before the targets are known): in NetopsService.prepare's
 * catch, `if (err instanceof PolicyDenied) await recordDenial(this.deps.audit, actor, err, redact(line))`.
 */
export async function recordDenial(audit: AuditSink, actor: Actor, err: PolicyDenied, line: string, targets: string[] = []): Promise<void> {
  await audit.append({
    actor: { id: actor.id, name: actor.name, via: actor.via },
    action: 'policy.denied',
    targets,
    outcome: err.decision.outcome === 'confirm' ? 'needs-confirm' : 'denied',
    detail: { commandLine: line, rule: err.decision.rule, reason: err.decision.reason },
  });
}
