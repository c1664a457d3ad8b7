/**
 * The lab agrees with itself about ports: on every device of the shipped lab (data/lab.json,
 * all five platforms), the bot's own show-interfaces, show-ports and show-neighbors name the
 * same ports, a neighbour's port is one its device lists, both ends of a cable carry addresses
 * of one subnet, and `show interfaces <name>` answers for one port. Through the bot's commands
 * over real SSH to the lab.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { consoleActor, startRig, type TestRig } from '../support/test-lab.js';
import { expandLab, labDefinitionSchema } from '../../src/lab/lab-definition.js';
import { ipv4ToNumber, parseIpv4Prefix, portKey } from '../../src/devices/parsers/addresses.js';
import type { DeviceResult } from '../../src/core/types.js';

const def = labDefinitionSchema.parse(JSON.parse(readFileSync(new URL('../../data/lab.json', import.meta.url), 'utf8')));
const specs = expandLab({ ...def, latencyMs: 0 });
let rig: TestRig;

before(async () => {
  rig = await startRig(specs);
});
after(async () => rig.close());

type Rows = Map<string, Record<string, string>[]>;

/** Every device's parsed rows for one command over the whole lab; each device answered and was understood. */
async function rowsOf(command: string): Promise<Rows> {
  const sub = await rig.app.service.submit(`${command} device=* --confirm`, consoleActor);
  assert.equal(sub.kind, 'job', command);
  if (sub.kind !== 'job') return new Map();
  const results: DeviceResult[] = (await sub.done).results;
  assert.equal(results.length, specs.length, command);
  for (const r of results) {
    assert.equal(r.status, 'ok', `${command} ${r.device}: ${r.error?.reason ?? ''}`);
    assert.ok(r.parsed && !r.unparsed, `${command} ${r.device} unparsed:\n${r.raw}`);
  }
  return new Map(results.map((r) => [r.device, r.parsed ?? []]));
}

const keys = (names: (string | undefined)[]) => [...new Set(names.map((n) => portKey(n ?? '')))].sort();

test('show-interfaces, show-ports and show-neighbors name the same ports on all five platforms', async () => {
  const interfaces = await rowsOf('show-interfaces');
  const ports = await rowsOf('show-ports');
  const neighbors = await rowsOf('show-neighbors');
  for (const s of specs) {
    const own = keys(ports.get(s.name)!.map((p) => p.port));
    assert.ok(own.length > 0, `${s.name} lists ports`);
    // Junos lists each port's unit too (ge-0/0/0.0): the same port.
    assert.deepEqual(keys(interfaces.get(s.name)!.map((i) => i.interface)), own, `${s.name} (${s.platform}): show-interfaces = show-ports`);
    for (const n of neighbors.get(s.name)!) {
      assert.ok(own.includes(portKey(n.localPort!)), `${s.name}: its neighbour's local port ${n.localPort} is one of its ports`);
      const far = keys(ports.get(n.neighbor!)?.map((p) => p.port) ?? []);
      assert.ok(far.includes(portKey(n.neighborPort!)), `${s.name}: ${n.neighbor} has the port ${n.neighborPort} LLDP names`);
    }
    // Nothing is shut: every port is up, as the status table says it is connected.
    for (const i of interfaces.get(s.name)!) assert.equal(i.status, 'up', `${s.name} ${i.interface}`);
    for (const p of ports.get(s.name)!) assert.match(p.status ?? '', /^(?:connected|up)$/i, `${s.name} ${p.port}`);
  }
  assert.equal(new Set(specs.map((s) => s.platform)).size, 5, 'all five platforms');
});

test('both ends of every cable carry addresses of one /30, and the descriptions agree with show-ports', async () => {
  const interfaces = await rowsOf('show-interfaces');
  const ports = await rowsOf('show-ports');
  const neighbors = await rowsOf('show-neighbors');
  const addressOn = (device: string, port: string) =>
    interfaces.get(device)!.find((i) => portKey(i.interface!) === portKey(port) && i.address)?.address;
  let links = 0;
  for (const [device, rows] of neighbors) {
    for (const n of rows) {
      const here = parseIpv4Prefix(addressOn(device, n.localPort!) ?? '');
      const there = parseIpv4Prefix(addressOn(n.neighbor!, n.neighborPort!) ?? '');
      assert.ok(here && there, `${device} ${n.localPort} -- ${n.neighbor} ${n.neighborPort}: both ends addressed`);
      assert.equal(here.length, 30);
      assert.equal(
        ipv4ToNumber(here.address) >>> 2,
        ipv4ToNumber(there.address) >>> 2,
        `${device} ${n.localPort} -- ${n.neighbor} ${n.neighborPort}: one subnet`,
      );
      assert.notEqual(here.address, there.address);
      links++;
    }
  }
  assert.ok(links >= 2 * 11, `every cable seen from both ends (${links})`);
  for (const [device, rows] of ports) {
    for (const p of rows.filter((r) => r.description)) {
      const full = interfaces.get(device)!.find((i) => portKey(i.interface!) === portKey(p.port!))?.description ?? '';
      // The status table cuts a description to its column; show interfaces prints it whole.
      assert.ok(full.startsWith(p.description!), `${device} ${p.port}: "${full}" starts "${p.description}"`);
    }
  }
});

test('show interfaces <name> over SSH: the one port, in short or full form; a name the device lacks is refused', async () => {
  const cases: [string, string, string, RegExp][] = [
    ['east-core-1', 'show interfaces Gi0/2', 'GigabitEthernet0/2', /^GigabitEthernet0\/2 is up, line protocol is up/m],
    [
      'east-core-2',
      'show interfaces GigabitEthernet0/0/0/1',
      'GigabitEthernet0/0/0/1',
      /^GigabitEthernet0\/0\/0\/1 is up, line protocol is up/m,
    ],
    ['east-access-1', 'show interface ethernet 1/2', 'Ethernet1/2', /^Ethernet1\/2 is up\nadmin state is up/m],
    ['east-edge-2', 'show interfaces Et1', 'Ethernet1', /^Ethernet1 is up, line protocol is up \(connected\)/m],
    ['east-edge-1', 'show interfaces ge-0/0/0', 'ge-0/0/0', /^Physical interface: ge-0\/0\/0, Enabled, Physical link is Up/m],
    ['east-edge-1', 'show interfaces ge-0/0/0 terse', 'ge-0/0/0', /^ge-0\/0\/0\.0 +up +up +inet +10\.1\.2\.2\/30$/m],
  ];
  for (const [device, command, port, head] of cases) {
    const sub = await rig.app.service.submit(`show device=${device} command="${command}"`, consoleActor);
    assert.equal(sub.kind, 'job', command);
    if (sub.kind !== 'job') continue;
    const [r] = (await sub.done).results;
    assert.equal(r?.status, 'ok', `${device} ${command}: ${r?.error?.reason ?? ''}`);
    assert.match(r!.raw ?? '', head, r?.raw);
    // Only that port: no other port's header.
    const heads = (r!.raw ?? '').match(/^(?:Physical interface: )?[A-Za-z][\w/.-]*\d(?=,? )/gm) ?? [];
    assert.deepEqual([...new Set(heads.map((h) => portKey(h.replace('Physical interface: ', ''))))], [portKey(port)], r?.raw);
  }
  const missing = await rig.app.service.submit('show device=east-core-1 command="show interfaces Gi0/9"', consoleActor);
  assert.equal(missing.kind, 'job');
  if (missing.kind === 'job') {
    const [r] = (await missing.done).results;
    assert.equal(r?.status, 'failed', r?.raw);
    assert.match(r?.error?.reason ?? '', /Invalid input/, r?.error?.reason);
  }
});
