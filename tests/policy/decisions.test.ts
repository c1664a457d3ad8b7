import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Policy } from '../../src/core/policy.js';
import { parsePolicy } from '../../src/core/policy/policy-file.js';
import { parseInventory } from '../../src/inventory/inventory.js';
import { compileSelector } from '../../src/inventory/selector.js';
import { parseCommandLine } from '../../src/core/command-line.js';
import type { Actor } from '../../src/core/types.js';

/** The shipped example policy, over the example inventory plus 55 devices of a site "lab" (for the blast radius). */
const doc = parsePolicy(readFileSync('data/policy.example.yaml', 'utf8'), 'data/policy.example.yaml');
const example = JSON.parse(readFileSync('data/inventory.example.json', 'utf8')) as { devices: object[] };
const inventory = parseInventory(
  {
    devices: [
      ...example.devices,
      ...Array.from({ length: 55 }, (_, i) => ({
        name: `lab-${i}`,
        host: `192.0.2.${i + 1}`,
        platform: 'arista_eos',
        site: 'lab',
        role: 'edge',
      })),
    ],
  },
  'test inventory',
);
const groups = { membersOf: (g: string) => (g === 'S0NOCTEAM' ? ['U0GROUP01'] : []) };
const policy = new Policy({ approvers: [], document: doc }, groups);

const IN_WINDOW = Date.parse('2026-12-16T04:00:00Z'); // Tuesday 23:00 in New York: inside weeknights, before the freeze
const OUTSIDE = Date.parse('2026-12-16T17:00:00Z'); // Wednesday noon in New York
const IN_FREEZE = Date.parse('2026-12-22T04:00:00Z'); // Monday 23:00 in New York, inside the holiday freeze

const actor = (id: string): Actor => ({ id, name: id, via: id.startsWith('U') ? 'slack' : 'console' });

function decideLine(who: string, line: string, now: number) {
  const req = parseCommandLine(line);
  const devices = inventory.devices.filter(compileSelector(req.selector, inventory));
  const kind = req.command === 'config' ? 'change' : 'read';
  return policy.decide(actor(who), { name: req.command, kind }, devices, {
    inventorySize: inventory.devices.length,
    flags: req.flags,
    now,
  });
}

type Case = [name: string, who: string, line: string, now: number, outcome: 'allow' | 'deny' | 'confirm', rule?: string];
const CASES: Case[] = [
  ['noc reads anywhere', 'alice', 'show-version site=east', OUTSIDE, 'allow'],
  ['noc via a Slack user group', 'U0GROUP01', 'show-interfaces site=west', OUTSIDE, 'allow'],
  ['noc may not change', 'alice', 'config site=east', IN_WINDOW, 'deny', 'grants'],
  ['east team changes east in a window', 'dave', 'config site=east', IN_WINDOW, 'allow'],
  ['east team may not change west', 'dave', 'config site=west', IN_WINDOW, 'deny', 'grants'],
  ['east team may not read west', 'dave', 'show-version site=east,west', IN_WINDOW, 'deny', 'grants'],
  ['a change outside every window', 'dave', 'config site=east', OUTSIDE, 'deny', 'windows'],
  ['a change in the freeze', 'dave', 'config site=east', IN_FREEZE, 'deny', 'freeze holiday'],
  ['break-glass without the role', 'dave', 'config site=east --break-glass', IN_FREEZE, 'deny', 'breakGlass'],
  ['break-glass with the role', 'U0ONCALL1', 'config site=east --break-glass', IN_FREEZE, 'allow'],
  ['reads ignore windows and freezes', 'dave', 'show-version site=east', IN_FREEZE, 'allow'],
  ['someone with no role', 'mallory', 'show-version site=east', OUTSIDE, 'deny', 'grants'],
  ['a read over every device', 'alice', 'show-version device=*', OUTSIDE, 'confirm', 'blastRadius.everyDevice'],
  ['a read over every device, confirmed', 'alice', 'show-version device=* --confirm', OUTSIDE, 'allow'],
  ['a read over 55 devices', 'alice', 'show-version site=lab', OUTSIDE, 'confirm', 'blastRadius.read'],
  ['a change over 55 devices', 'bob', 'config site=lab', IN_WINDOW, 'confirm', 'blastRadius.change'],
  ['a change over 55 devices, confirmed', 'bob', 'config site=lab --confirm', IN_WINDOW, 'allow'],
  ['approvers run anything', 'bob', 'show-config tag=pci', OUTSIDE, 'allow'],
];

for (const [name, who, line, now, outcome, rule] of CASES) {
  test(`policy decision: ${name}`, () => {
    const d = decideLine(who, line, now);
    assert.equal(d.outcome, outcome, JSON.stringify(d));
    if (d.outcome !== 'allow') assert.equal(d.rule, rule);
  });
}

test('a denial says who could do it instead', () => {
  const d = decideLine('alice', 'config site=east', IN_WINDOW);
  assert.equal(d.outcome, 'deny');
  if (d.outcome !== 'deny') return;
  assert.match(d.reason, /no grant lets you run config on east-core-1, east-core-2, east-edge-1 \(your roles: noc\)/);
  assert.match(d.instead, /east-team \(U0EAST001, dave\)/);
  assert.doesNotMatch(d.instead, /noc/);
});

test('assertMayRunOn throws a forbidden error naming the rule; confirm says how', () => {
  const o = { inventorySize: inventory.devices.length, now: OUTSIDE };
  const east = inventory.devices.filter((d) => d.site === 'east');
  assert.throws(
    () => policy.assertMayRunOn(actor('dave'), { name: 'config', kind: 'change' }, east, { ...o, flags: {} }),
    (e: Error & { code?: string; hint?: string }) =>
      e.code === 'forbidden' && /rule: windows/.test(e.message) && /--break-glass/.test(e.hint ?? ''),
  );
  assert.throws(
    () => policy.assertMayRunOn(actor('alice'), { name: 'show-version', kind: 'read' }, inventory.devices, { ...o, flags: {} }),
    (e: Error & { hint?: string }) => /every device \(60\)/.test(e.message) && /--confirm/.test(e.hint ?? ''),
  );
});

test('break-glass is reported in the decision (to audit and announce)', () => {
  const d = decideLine('U0ONCALL1', 'config site=east --break-glass', IN_FREEZE);
  assert.equal(d.outcome, 'allow');
  assert.deepEqual(d.outcome === 'allow' && d.breakGlass, { rule: 'freeze holiday' });
  const inWindow = decideLine('U0ONCALL1', 'config site=east --break-glass', IN_WINDOW);
  assert.equal(inWindow.outcome === 'allow' && inWindow.breakGlass, undefined, 'nothing was bypassed inside a window');
});

test('approval rules: PCI devices need two distinct approvers from pci-approvers', () => {
  const east = inventory.devices.filter((d) => d.site === 'east');
  const needs = policy.approvalsFor(east);
  assert.deepEqual(
    needs.map((n) => [n.rule, n.count]),
    [
      ['pci', 2],
      ['everything-else', 1],
    ],
  );
  assert.equal(policy.progress(needs, ['erin'], 'dave').done, false);
  assert.equal(policy.progress(needs, ['erin', 'erin'], 'dave').done, false, 'one person counts once');
  assert.equal(policy.progress(needs, ['erin', 'dave', 'bob'], 'dave').done, false, 'the requester never counts');
  assert.equal(policy.progress(needs, ['erin', 'U0CAROL01'], 'dave').done, true);
  const edge = policy.approvalsFor(inventory.devices.filter((d) => d.name === 'east-edge-1'));
  assert.deepEqual(
    edge.map((n) => n.rule),
    ['everything-else'],
  );
  assert.equal(policy.progress(edge, ['bob'], 'dave').done, true);
});

test('assertMayApprove: never the requester, once per person, only towards a rule still short', () => {
  const needs = policy.approvalsFor(inventory.devices.filter((d) => d.site === 'east'));
  const dave = { id: 'dave', name: 'dave' };
  const may = (who: string, already: string[]) => () => policy.assertMayApprove(actor(who), dave, 'CR-7', { needs, already });
  assert.throws(may('dave', []), /you asked for CR-7/);
  assert.throws(may('erin', ['erin']), /already approved CR-7/);
  assert.doesNotThrow(may('erin', []));
  assert.doesNotThrow(may('U0CAROL01', ['erin']));
  // everything-else is met by erin; bob (approvers only) cannot count towards pci.
  assert.throws(may('bob', ['erin']), (e: Error & { hint?: string }) => /rule: pci/.test(e.message) && /pci-approvers/.test(e.hint ?? ''));
  assert.throws(may('alice', []), /only an approver may approve CR-7/);
});

test('NETOPS_RUNNERS / NETOPS_APPROVERS shorthand decides as before', () => {
  const open = new Policy({ approvers: ['bob'] });
  const closed = new Policy({ approvers: ['bob'], runners: ['carol'] });
  const east = inventory.devices.filter((d) => d.site === 'east');
  const o = { inventorySize: inventory.devices.length, flags: {}, now: OUTSIDE };
  const read = { name: 'show-version', kind: 'read' } as const;
  assert.equal(open.decide(actor('anyone'), read, east, o).outcome, 'allow');
  assert.equal(closed.decide(actor('anyone'), read, east, o).outcome, 'deny');
  assert.equal(closed.decide(actor('carol'), read, east, o).outcome, 'allow');
  assert.equal(closed.decide(actor('bob'), read, east, o).outcome, 'allow', 'approvers may run too');
  assert.equal(open.isApprover(actor('bob')), true);
  assert.equal(open.isApprover(actor('anyone')), false);
  assert.doesNotThrow(() => open.assertMayApprove(actor('bob'), { id: 'alice', name: 'alice' }, 'CR-1'));
  assert.throws(() => open.assertMayApprove(actor('anyone'), { id: 'alice', name: 'alice' }, 'CR-1'), /only an approver/);
});

test('approval steps: a PCI change runs only after two distinct pci approvers; the requester and repeats are refused', async () => {
  const { approvalStep } = await import('../../src/core/policy/approval-step.js');
  const east = inventory.devices.filter((d) => d.site === 'east');
  const run = { now: IN_WINDOW, breakGlass: false };
  const change = { actor: { id: 'dave', name: 'dave' }, needs: policy.approvalsFor(east), approvals: [] as string[] };
  assert.throws(() => approvalStep(policy, change, actor('dave'), 'CR-9', run), /you asked for CR-9/);
  const first = approvalStep(policy, change, actor('erin'), 'CR-9', run);
  assert.equal(first.complete, false);
  assert.match(first.complete ? '' : first.missing, /^1 more for pci from pci-approvers/);
  change.approvals = first.approvals;
  assert.throws(() => approvalStep(policy, change, actor('erin'), 'CR-9', run), /already approved/);
  assert.throws(() => approvalStep(policy, change, actor('bob'), 'CR-9', run), /rule: pci/);
  // The last approval starts the change: in a freeze it is refused, and the request keeps waiting.
  assert.throws(
    () => approvalStep(policy, change, actor('U0CAROL01'), 'CR-9', { now: IN_FREEZE, breakGlass: false }),
    /cannot run now: changes are frozen/,
  );
  const glass = { ...change, actor: { id: 'U0ONCALL1', name: 'oncall' } };
  assert.equal(approvalStep(policy, glass, actor('U0CAROL01'), 'CR-9', { now: IN_FREEZE, breakGlass: true }).complete, true);
  assert.throws(() => approvalStep(policy, glass, actor('U0CAROL01'), 'CR-9', { now: OUTSIDE, breakGlass: false }), /rule: windows/);
  const second = approvalStep(policy, change, actor('U0CAROL01'), 'CR-9', run);
  assert.deepEqual(second, { complete: true, approvals: ['erin', 'U0CAROL01'] });
});

test('a command no grant allows is refused before targets are selected, as a PolicyDenied naming the rule', async () => {
  const { PolicyDenied } = await import('../../src/core/policy.js');
  const cmd = { name: 'config', kind: 'change' } as Parameters<typeof policy.assertMayRun>[1];
  assert.throws(
    () => policy.assertMayRun(actor('alice'), cmd),
    (e: unknown) => e instanceof PolicyDenied && e.decision.rule === 'grants' && /who could: east-team/.test(e.hint ?? ''),
  );
  assert.doesNotThrow(() => policy.assertMayRun(actor('dave'), cmd));
  assert.doesNotThrow(() => policy.assertMayRun(actor('mallory'), { name: 'help', kind: 'info' } as typeof cmd));
});
