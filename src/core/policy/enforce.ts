import type { AuditSink } from '../ports.js';
import type { Actor, Device } from '../types.js';
import { type DecideOptions, type Policy, PolicyDenied } from '../policy.js';
import type { Decision } from './decide.js';
import { breakGlassRecord } from './break-glass.js';

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
 * Called by NetopsService.validate right after the targets are selected.
 */
export async function enforcePolicy(policy: Policy, audit: AuditSink, r: EnforceRequest): Promise<Extract<Decision, { outcome: 'allow' }>> {
  const who = { id: r.actor.id, name: r.actor.name, via: r.actor.via };
  const targets = r.devices.map((d) => d.name);
  try {
    const d = policy.assertMayRunOn(r.actor, r.command, r.devices, r);
    if (d.breakGlass)
      await audit.append(
        breakGlassRecord({ requester: who, commandLine: r.line, targets, rule: d.breakGlass.rule, detail: { roles: d.roles } }),
      );
    return d;
  } catch (err) {
    if (err instanceof PolicyDenied) await recordDenial(audit, r.actor, err, r.line, targets);
    throw err;
  }
}

/**
 * Records a denial (`policy.denied`, with the rule). For denials raised elsewhere in
 * validation (Policy.assertMayRun, before the targets are known), from NetopsService.prepare's
 * catch. Records a denial once, however many catches it passes.
 */
export async function recordDenial(audit: AuditSink, actor: Actor, err: PolicyDenied, line: string, targets: string[] = []): Promise<void> {
  if (err.audited) return;
  err.audited = true;
  await audit.append({
    actor: { id: actor.id, name: actor.name, via: actor.via },
    action: 'policy.denied',
    targets,
    outcome: err.decision.outcome === 'confirm' ? 'needs-confirm' : 'denied',
    detail: { commandLine: line, rule: err.decision.rule, reason: err.decision.reason },
  });
}
