import type { Device } from '../types.js';
import type { PolicyDocument } from './policy-schema.js';
import { commandMatches, describeRole, type GroupDirectory, rolesOf } from './roles.js';
import { activeFreeze, describeWindow, windowOpen } from './windows.js';
import { approvalNeeds, type ApprovalNeed } from './approvals.js';
import { targetsMatch } from './targets.js';

/** One request to run a device command, as the core sees it after selecting its targets. */
export interface RunRequest {
  actorId: string;
  command: { name: string; kind: 'read' | 'change' };
  devices: readonly Device[];
  /** How many devices the inventory holds (a request over all of them needs --confirm). */
  inventorySize: number;
  flags: { confirm?: boolean; breakGlass?: boolean };
  now: number;
}

/**
 * A decision names the rule that made it, so a denial can say which rule denied and who
 * could do it instead, and the audit trail can record the same.
 */
export type Decision =
  | { outcome: 'allow'; roles: string[]; approvals: ApprovalNeed[]; breakGlass?: { rule: string } }
  | { outcome: 'confirm'; rule: string; reason: string }
  | { outcome: 'deny'; rule: string; reason: string; instead: string };

/** What break-glass passes: the rule (`freeze holiday`, `windows`) and why it would refuse otherwise. */
export interface Bypass {
  rule: string;
  reason: string;
}

export function decide(doc: PolicyDocument, groups: GroupDirectory, r: RunRequest): Decision {
  const roles = rolesOf(doc, r.actorId, groups);
  const denied = grantCheck(doc, roles, r);
  if (denied) return denied;
  let breakGlass: { rule: string } | undefined;
  if (r.command.kind === 'change') {
    const closed = timeCheck(doc, r.now);
    if (closed && !r.flags.breakGlass) return closed;
    if (r.flags.breakGlass) {
      const glass = doc.breakGlass?.roles ?? [];
      if (!glass.some((g) => roles.includes(g)))
        return deny('breakGlass', 'you do not hold a break-glass role', glass.map((g) => describeRole(doc, g)).join('; '));
      if (closed) breakGlass = { rule: closed.rule };
    }
  }
  const big = blastCheck(doc, r);
  if (big) return big;
  return {
    outcome: 'allow',
    roles,
    approvals: r.command.kind === 'change' ? approvalNeeds(doc, r.devices) : [],
    ...(breakGlass ? { breakGlass } : {}),
  };
}

export type Denial = Extract<Decision, { outcome: 'deny' }>;

function deny(rule: string, reason: string, instead: string): Denial {
  return { outcome: 'deny', rule, reason, instead: instead || 'nobody: ask a netops admin to change the policy' };
}

/** Every target must be covered by a grant of one of the actor's roles for this command. */
function grantCheck(doc: PolicyDocument, roles: string[], r: RunRequest): Decision | undefined {
  const forCommand = doc.grants.map((g, i) => ({ g, i })).filter(({ g }) => g.commands.some((c) => commandMatches(c, r.command.name)));
  const mine = forCommand.filter(({ g }) => roles.includes(g.role)).map(({ g }) => targetsMatch(g.targets));
  const uncovered = r.devices.filter((d) => !mine.some((m) => m(d)));
  if (uncovered.length === 0) return undefined;
  const names = uncovered.slice(0, 3).map((d) => d.name);
  const more = uncovered.length > 3 ? ` and ${uncovered.length - 3} more` : '';
  // Who could: roles whose grants for this command cover every device asked for.
  const could = [...new Set(forCommand.map(({ g }) => g.role))].filter((role) => {
    const theirs = forCommand.filter(({ g }) => g.role === role).map(({ g }) => targetsMatch(g.targets));
    return r.devices.every((d) => theirs.some((m) => m(d)));
  });
  return deny(
    'grants',
    `no grant lets you run ${r.command.name} on ${names.join(', ')}${more}${roles.length ? ` (your roles: ${roles.join(', ')})` : ' (you hold no role)'}`,
    could.map((role) => describeRole(doc, role)).join('; '),
  );
}

/** Changes only inside a window (when any is defined) and never inside a freeze. */
export function timeCheck(doc: PolicyDocument, now: number): Denial | undefined {
  const glass = (doc.breakGlass?.roles ?? []).map((g) => describeRole(doc, g)).join('; ');
  const instead = glass ? `${glass}, with --break-glass` : '';
  const freeze = activeFreeze(doc.freezes, now);
  if (freeze) return deny(`freeze ${freeze.name}`, `changes are frozen (${freeze.name}, until ${freeze.to})`, instead);
  if (doc.windows.length && !doc.windows.some((w) => windowOpen(w, now)))
    return deny('windows', `no change window is open (windows: ${doc.windows.map(describeWindow).join('; ')})`, instead);
  return undefined;
}

/** A command over many devices, or over all of them, runs only with --confirm. */
function blastCheck(doc: PolicyDocument, r: RunRequest): Decision | undefined {
  if (r.flags.confirm) return undefined;
  const n = r.devices.length;
  const limit = r.command.kind === 'change' ? doc.blastRadius.change : doc.blastRadius.read;
  const rule = `blastRadius.${r.command.kind}`;
  if (doc.blastRadius.everyDevice && r.inventorySize > 1 && n === r.inventorySize)
    return { outcome: 'confirm', rule: 'blastRadius.everyDevice', reason: `${r.command.name} would run on every device (${n})` };
  if (n > limit) return { outcome: 'confirm', rule, reason: `${r.command.name} would run on ${n} devices (more than ${limit})` };
  return undefined;
}
