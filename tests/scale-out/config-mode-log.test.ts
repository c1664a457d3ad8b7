/**
 * The lab's record of config mode, which the scale-out scenarios judge the bot by: real SSH
 * sessions on the lab are recorded per connection, a dropped connection closes its stay, and
 * `overlaps` finds a planted overlap of one device and of one redundancy group.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { overlaps, type ConfigModeStay } from '../../src/lab/config-mode-log.js';
import { deviceRig, quick, spec } from '../devices/device-rig.js';

const stay = (device: string, group: string | undefined, session: number, enteredAt: number, leftAt?: number): ConfigModeStay => ({
  device,
  group,
  session,
  enteredAt,
  leftAt,
  leftBy: leftAt === undefined ? undefined : 'exit',
});

const CASES: [string, ConfigModeStay[], string[]][] = [
  ['one device, one after the other', [stay('a', 'g', 1, 0, 10), stay('a', 'g', 2, 10, 20)], []],
  ['one device, two connections at once', [stay('a', undefined, 1, 0, 10), stay('a', undefined, 2, 5, 20)], ['device a 1+2']],
  ['one device, a stay still open', [stay('a', undefined, 1, 0), stay('a', undefined, 2, 100, 110)], ['device a 1+2']],
  ['two members of a group at once', [stay('a', 'g', 1, 0, 10), stay('b', 'g', 2, 9, 20)], ['group g 1+2']],
  ['two members of a group in turn', [stay('a', 'g', 1, 0, 10), stay('b', 'g', 2, 11, 20), stay('a', 'g', 3, 21, 30)], []],
  ['two devices of no group at once', [stay('a', undefined, 1, 0, 10), stay('b', undefined, 2, 0, 10)], []],
  ['two devices of two groups at once', [stay('a', 'g', 1, 0, 10), stay('b', 'h', 2, 0, 10)], []],
  ['one device twice in its group is a device overlap only', [stay('a', 'g', 1, 0, 10), stay('a', 'g', 2, 1, 2)], ['device a 1+2']],
];

for (const [name, stays, expected] of CASES) {
  test(`overlaps: ${name}`, () => {
    const found = overlaps({ stays: [...stays].reverse() }).map((o) => `${o.rule} ${o.key} ${o.first.session}+${o.second.session}`);
    assert.deepEqual(found.sort(), expected);
  });
}

test('the lab records config mode per connection, and a planted overlap is found', async () => {
  const rig = await deviceRig([
    spec('east-core-1', 'cisco_ios', { group: 'east-core' }),
    spec('east-core-2', 'arista_eos', { group: 'east-core' }),
    spec('east-edge-1', 'juniper_junos'),
  ]);
  try {
    const connector = await rig.connector();
    const open = (name: string) => connector.open(rig.device(name), quick.signal);
    const [a, b, c] = await Promise.all([open('east-core-1'), open('east-core-2'), open('east-edge-1')]);
    // One after the other in the group: no overlap.
    assert.equal((await a.configure(['ntp server 192.0.2.1'], quick)).committed, true);
    assert.equal((await b.configure(['ntp server 192.0.2.1'], quick)).committed, true);
    assert.equal((await c.configure(['set system ntp server 192.0.2.1'], quick)).committed, true);
    await a.run('show version', quick);
    const calm = rig.lab.configModeLog();
    // Junos enters config mode twice for one change (commit confirmed, then the confirming commit).
    const seen = [...new Set(calm.stays.map((s) => `${s.device} ${s.group ?? '-'} ${s.leftBy}`))];
    assert.deepEqual(seen, ['east-core-1 east-core exit', 'east-core-2 east-core exit', 'east-edge-1 - exit']);
    assert.equal(new Set(calm.stays.map((s) => s.session)).size, 3, 'one session id per connection');
    assert.ok(calm.actions.some((x) => x.device === 'east-edge-1' && x.kind === 'commit'));
    assert.deepEqual(overlaps(calm), []);

    // Planted: east-core-1 is left in config mode and its connection dropped later; east-core-2
    // (same group) and a second connection to east-core-1 enter config mode meanwhile.
    const held = await open('east-core-1');
    await held.run('configure terminal', quick);
    assert.equal((await b.configure(['ntp server 192.0.2.2'], quick)).committed, true);
    assert.equal((await a.configure(['ntp server 192.0.2.2'], quick)).committed, true);
    await held.close();
    await waitFor(() => rig.lab.configModeLog().stays.every((s) => s.leftAt !== undefined));
    const log = rig.lab.configModeLog();
    const heldStay = log.stays.find((s) => s.leftBy === 'disconnect');
    assert.equal(heldStay?.device, 'east-core-1', 'the dropped connection closed its stay');
    const found = overlaps(log).map((o) => `${o.rule} ${o.key}`);
    assert.deepEqual(found.sort(), ['device east-core-1', 'group east-core']);
    await Promise.all([a.close(), b.close(), c.close()]);
  } finally {
    await rig.close();
  }
});

async function waitFor(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 25));
  assert.ok(ok(), 'the lab saw the connection close');
}
