/**
 * The interface change commands end to end through the console against the shipped lab
 * (data/lab.json, all five platforms): proposed with the port's state and neighbour read
 * first, approved by another engineer, committed, verified from the device's own tables, and
 * seen in the lab's port status and LLDP at both ends; refusals change nothing.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { consoleActor, startRig, type TestRig } from '../support/test-lab.js';
import { expandLab, labDefinitionSchema } from '../../src/lab/lab-definition.js';
import { consoleOn, proposeAndApprove as approve } from '../lab/console-approval.js';
import { portKey } from '../../src/devices/parsers/addresses.js';
import type { Actor, DeviceResult, PlatformId } from '../../src/core/types.js';

const def = labDefinitionSchema.parse(JSON.parse(readFileSync(new URL('../../data/lab.json', import.meta.url), 'utf8')));
const bob: Actor = { id: 'bob', name: 'bob', via: 'console' };
let rig: TestRig;

before(async () => {
  rig = await startRig(expandLab({ ...def, latencyMs: 0 }), { env: { NETOPS_APPROVERS: 'bob' } });
});
after(async () => rig.close());

async function rows(command: string, device: string): Promise<Record<string, string>[]> {
  const sub = await rig.app.service.submit(`${command} device=${device}`, consoleActor);
  assert.equal(sub.kind, 'job');
  if (sub.kind !== 'job') return [];
  const [r] = (await sub.done).results as DeviceResult[];
  assert.equal(r?.status, 'ok', `${command} ${device}: ${r?.error?.reason}`);
  return r!.parsed ?? [];
}

const portRow = async (device: string, port: string) => (await rows('show-ports', device)).find((p) => portKey(p.port!) === portKey(port));
const neighbourOn = async (device: string, port: string) =>
  (await rows('show-neighbors', device)).find((n) => portKey(n.localPort!) === portKey(port));

/**
 * One port per platform, typed the short way an engineer types it; `far`: the device and port
 * at the other end of its cable (a host port has none).
 */
const PORTS: { platform: PlatformId; device: string; typed: string; full: string; far?: [string, string] }[] = [
  { platform: 'cisco_ios', device: 'east-access-2', typed: 'gi0/3', full: 'GigabitEthernet0/3' },
  { platform: 'cisco_nxos', device: 'east-access-1', typed: 'Eth1/2', full: 'Ethernet1/2' },
  { platform: 'cisco_xr', device: 'west-core-2', typed: 'Gi0/0/0/2', full: 'GigabitEthernet0/0/0/2', far: ['west-access-2', 'Gi0/1'] },
  { platform: 'arista_eos', device: 'west-edge-2', typed: 'Et1', full: 'Ethernet1', far: ['west-core-2', 'Gi0/0/0/1'] },
  { platform: 'juniper_junos', device: 'west-edge-1', typed: 'ge-0/0/0', full: 'ge-0/0/0', far: ['west-core-1', 'Gi0/2'] },
];

/** Proposed as alice, approved as bob through the console. */
const proposeAndApprove = (line: string) => approve(rig, bob, line);

for (const p of PORTS) {
  test(`${p.platform}: shutdown, enable and description on ${p.device} ${p.typed}, proposed, approved, verified`, async () => {
    const shut = await proposeAndApprove(`interface-shutdown device=${p.device} interface=${p.typed}`);
    // The typed short form became the device's own full name in the lines.
    assert.match(shut.request, new RegExp(`^\\s+(?:set )?interfaces? ${p.full.replace(/\//g, '\\/')}\\b`, 'm'), shut.request);
    // The approver sees the port's state and what is plugged into it.
    const note = new RegExp(`${p.device}: \\S+ \\(connected[^)]*\\) (?:connects to (\\S+) (\\S+)|no LLDP neighbour)`).exec(shut.request);
    assert.ok(note, shut.request);
    // The neighbour's port as this device prints it (short or full).
    assert.deepEqual(note[1] ? [note[1], portKey(note[2]!)] : undefined, p.far && [p.far[0], portKey(p.far[1])], shut.request);
    assert.equal((await portRow(p.device, p.full))?.status, 'disabled');
    if (p.far) {
      // A shut port's neighbour is gone at both ends.
      assert.equal(await neighbourOn(p.device, p.full), undefined);
      assert.equal(await neighbourOn(p.far[0], p.far[1]), undefined);
    }

    const enable = await proposeAndApprove(`interface-enable device=${p.device} interface=${p.typed}`);
    assert.match(enable.request, new RegExp(`${p.device}: \\S+ \\(disabled`), enable.request);
    assert.equal((await portRow(p.device, p.full))?.status, 'connected');
    if (p.far) assert.equal((await neighbourOn(p.far[0], p.far[1]))?.neighbor, p.device);

    const text = `netops test, room ${p.platform.length}`;
    await proposeAndApprove(`interface-description device=${p.device} interface=${p.typed} text="${text}"`);
    const statements = rig.lab.device(p.device).state.running.statements().join('\n');
    assert.ok(statements.includes(`description ${p.platform === 'juniper_junos' ? `"${text}"` : text}`), statements);
    // Where the status table prints descriptions (IOS, NX-OS, EOS), the new one shows there, cut to its column.
    const row = await portRow(p.device, p.full);
    if (['cisco_ios', 'cisco_nxos', 'arista_eos'].includes(p.platform)) assert.ok(text.startsWith(row!.description!), row?.description);
    // The next request shows the description in full, however the status table cuts it.
    const next = await rig.app.service.submit(`interface-description device=${p.device} interface=${p.typed} text="x"`, consoleActor);
    assert.equal(next.kind, 'change');
    if (next.kind === 'change') {
      assert.match(next.change.plan[0]!.notes![0]!, new RegExp(`\\(connected, "${text}"\\)`), p.platform);
      await rig.app.service.changes.reject(next.change.id, consoleActor);
    }

    const trail = await rig.app.audit.query({ device: p.device });
    const verified = trail.filter((r) => r.action === 'device.result' && JSON.stringify(r.detail ?? {}).includes('"verify":"ok"'));
    assert.equal(verified.length, 3, JSON.stringify(trail.map((r) => [r.action, r.outcome])));
  });
}

test('a name the device lacks is refused with its closest names; nothing is proposed or changed', async () => {
  const run = consoleOn(rig);
  const before = rig.lab.device('east-access-2').state.running.statements();
  const pending = rig.app.service.changes.list().length;
  const ios = await run('/net interface-shutdown device=east-access-2 interface=Gi0/9');
  assert.equal(ios.status, 2, ios.text);
  assert.match(ios.text, /east-access-2 has no interface "Gi0\/9"; closest: GigabitEthernet0\/\d/, ios.text);
  const junos = await run('/net interface-shutdown device=west-edge-1 interface=ge-0/0/7');
  assert.equal(junos.status, 2, junos.text);
  assert.match(junos.text, /west-edge-1 has no interface "ge-0\/0\/7"; closest: ge-0\/0\/0/, junos.text);
  // Junos takes names in full only: the Cisco habit of a short type is a name it lacks.
  const short = await run('/net interface-shutdown device=west-edge-1 interface=g0/0/0');
  assert.equal(short.status, 2, short.text);
  assert.deepEqual(rig.lab.device('east-access-2').state.running.statements(), before);
  assert.equal(rig.app.service.changes.list().length, pending);
  const requested = await rig.app.audit.query({ action: 'change.requested', device: 'east-access-2' });
  assert.ok(requested.every((r) => !JSON.stringify(r.detail).includes('Gi0/9')));
});

test('the request persists what the survey read: state, description and neighbour per device', async () => {
  const sub = await rig.app.service.submit('interface-shutdown device=east-core-2 interface=gi0/0/0/1', consoleActor);
  assert.equal(sub.kind, 'change');
  if (sub.kind !== 'change') return;
  const [plan] = sub.change.plan;
  assert.deepEqual(plan?.facts, {
    interface: 'GigabitEthernet0/0/0/1',
    shown: 'Gi0/0/0/1',
    status: 'connected',
    // In full from `show interfaces description` (IOS-XR's brief table has no description at all).
    description: 'to east-edge-2 Et1',
    neighbor: 'east-edge-2 Et1',
  });
  assert.deepEqual(plan?.notes, ['Gi0/0/0/1 (connected, "to east-edge-2 Et1") connects to east-edge-2 Et1']);
  assert.deepEqual(plan?.lines, ['interface GigabitEthernet0/0/0/1', ' shutdown']);
  // The read itself is on record, under the survey's own id, with what the device answered.
  const reads = await rig.app.audit.query({ device: 'east-core-2', action: 'device.result' });
  assert.ok(reads.some((r) => r.jobId?.startsWith('survey-') && JSON.stringify(r.detail).includes('show lldp neighbors')));
  await rig.app.service.changes.reject(sub.change.id, consoleActor);
});

test('a description a platform cannot take is refused naming the character, before any device is read', async () => {
  const run = consoleOn(rig);
  const cases: [string, RegExp][] = [
    [
      'device=west-edge-1 interface=ge-0/0/0 text="say \\"hi\\""',
      /Juniper Junos cannot take " in a description: Junos quotes the description with it/,
    ],
    ['device=west-edge-1 interface=ge-0/0/0 text="back\\\\slash"', /Juniper Junos cannot take \\ in a description/],
    [
      'device=east-access-2 interface=Gi0/2 text="why?"',
      /Cisco IOS \/ IOS-XE cannot take \? in a description: the CLI reads it as a request for help/,
    ],
    [`device=east-edge-2 interface=Et1 text="${'x'.repeat(241)}"`, /takes descriptions of up to 240 characters; this one has 241/],
    ['device=east-access-2 interface=Gi0/2 text="  "', /the description is empty/],
    // Several platforms: the one that cannot take it is named.
    ['device=east-access-2,west-edge-1 interface=Gi0/2 text="a \\"b\\""', /Juniper Junos cannot take "/],
  ];
  const connections = () => Object.values(rig.lab.connections()).flat().length;
  const opened = connections();
  for (const [args, why] of cases) {
    const r = await run(`/net interface-description ${args}`);
    assert.equal(r.status, 2, `${args}:\n${r.text}`);
    assert.match(r.text, why, args);
  }
  assert.equal(connections(), opened, 'no device was read');
});

test('bad arguments: a missing or malformed interface, an unknown key', async () => {
  const run = consoleOn(rig);
  for (const [line, why] of [
    ['interface-shutdown device=east-access-2', /which interface\?/],
    ['interface-shutdown device=east-access-2 interface="Gi0/1; reload"', /does not look like an interface name/],
    ['interface-enable device=east-access-2 interface=Gi0/1 vlan=10', /has no argument "vlan"/],
    ['interface-description device=east-access-2 interface=Gi0/1', /text is missing/],
  ] as const) {
    const r = await run(`/net ${line}`);
    assert.equal(r.status, 2, r.text);
    assert.match(r.text, why, line);
  }
});
