import type { Policy } from '../policy.js';
import type { Inventory } from '../../inventory/inventory.js';
import { selectDevices } from '../../inventory/selector.js';
import { parseCommandLine } from '../command-line.js';
import { describeRole } from './roles.js';
import { approvingRoles } from './approvals.js';
import { describeWindow } from './windows.js';

/**
 * What an identity may do, in sentences: for /net whoami and `policy check --as`. Shared by
 * the chat commands and the script, so both say the same thing.
 */
export function describeIdentity(policy: Policy, id: string): string[] {
  const doc = policy.document;
  const roles = policy.rolesOf({ id });
  if (roles.length === 0) return [`${id} holds no role: only info commands (help, devices, jobs, whoami...)`];
  const lines = [`${id} holds ${roles.map((r) => describeRole(doc, r)).join('; ')}`];
  for (const g of doc.grants.filter((x) => roles.includes(x.role)))
    lines.push(`may run ${g.commands.join(', ')} on ${g.targets ? g.targets : 'every device'} (role ${g.role})`);
  const approving = approvingRoles(doc).filter((r) => roles.includes(r));
  for (const [i, a] of doc.approvals.entries()) {
    if (a.from.some((f) => approving.includes(f)))
      lines.push(`may approve changes for ${a.name ?? `approvals.${i}`} (${a.targets ?? 'every device'}; ${a.count} approver(s) needed)`);
  }
  if ((doc.breakGlass?.roles ?? []).some((r) => roles.includes(r))) lines.push('may pass a change window or freeze with --break-glass');
  if (doc.windows.length) lines.push(`changes run only in: ${doc.windows.map(describeWindow).join('; ')}`);
  return lines;
}

export interface SampleDecision {
  /** What was asked, e.g. `show-version site=east`. */
  line: string;
  as: string;
  now: number;
  kindOf: (command: string) => 'info' | 'read' | 'change';
}

/** The decision the policy makes on a sample request, explained: allowed (and what approval), or the rule that refuses. */
export function explainSample(policy: Policy, inventory: Inventory, s: SampleDecision): string[] {
  const req = parseCommandLine(s.line);
  const kind = s.kindOf(req.command);
  const head = `as ${s.as}: /net ${s.line.trim()}`;
  if (kind === 'info') return [head, 'allowed: info commands need no grant'];
  const devices = selectDevices(req.selector, inventory);
  const d = policy.decide({ id: s.as, name: s.as, via: 'console' }, { name: req.command, kind }, devices, {
    inventorySize: inventory.devices.length,
    flags: req.flags,
    now: s.now,
  });
  const on = `${devices.length} device(s): ${devices
    .slice(0, 5)
    .map((x) => x.name)
    .join(', ')}${devices.length > 5 ? ', ...' : ''}`;
  if (d.outcome === 'deny') return [head, on, `denied by ${d.rule}: ${d.reason}`, `who could: ${d.instead}`];
  if (d.outcome === 'confirm') return [head, on, `needs --confirm (${d.rule}): ${d.reason}`];
  const lines = [head, on, `allowed (roles: ${d.roles.join(', ')})`];
  if (d.breakGlass) lines.push(`break-glass: passes ${d.breakGlass.rule}; announced and audited`);
  for (const a of d.approvals) lines.push(`needs ${a.count} approver(s) for ${a.rule} from ${a.from.join(' or ')}, never the requester`);
  return lines;
}
