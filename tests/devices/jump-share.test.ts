/**
 * Jump-host sharing: the devices behind one bastion share one SSH connection to it, each
 * session a channel forwarded over it, never more open at once than the bastion's session
 * limit. Counted by the lab (connections it accepted, channels it forwarded), not by timing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DeviceError } from '../../src/core/errors.js';
import { parseInventory } from '../../src/inventory/inventory.js';
import { routeResolver } from '../../src/inventory/routes.js';
import { deviceRig, PLATFORMS, quick, spec } from './device-rig.js';

const BEHIND = 50;
const LIMIT = 10;

test(`${BEHIND} devices behind one bastion with a session limit of ${LIMIT}: one bastion login, at most ${LIMIT} channels at once`, async () => {
  const names = Array.from({ length: BEHIND }, (_, i) => `behind-${i + 1}`);
  const rig = await deviceRig([
    spec('bastion', 'cisco_ios'),
    ...names.map((n, i) => spec(n, PLATFORMS[i % PLATFORMS.length]!, { captureIndex: i })),
  ]);
  try {
    const jumpHost = {
      name: 'bastion',
      host: '127.0.0.1',
      port: rig.lab.device('bastion').port,
      credentials: 'default',
      maxSessions: LIMIT,
    };
    const connector = await rig.connector({ routeOf: () => ({ jumpHost }) });
    const timeouts = { timeoutMs: 20_000, signal: quick.signal };
    const outputs = await Promise.all(
      names.map(async (name) => {
        const session = await connector.open(rig.device(name), quick.signal);
        try {
          return await session.run('show version', timeouts);
        } finally {
          await session.close();
        }
      }),
    );
    assert.equal(outputs.filter((o) => /\S/.test(o)).length, BEHIND);
    const { stats } = rig.lab.device('bastion');
    assert.equal(stats.sshConnections, 1, 'one SSH connection to the bastion for every device behind it');
    assert.equal(stats.forwarded, BEHIND, 'one forwarded channel per device');
    assert.equal(stats.forwardedPeak, LIMIT, 'the limit was reached and never passed');
    for (const name of names) assert.equal(rig.lab.device(name).connections.length, 1, `${name}: one session`);
  } finally {
    await rig.close();
  }
});

test('a device waiting for a bastion session gives up at its deadline, and the others go on', async () => {
  const rig = await deviceRig([spec('bastion', 'cisco_ios'), spec('a', 'cisco_xr'), spec('b', 'cisco_nxos')]);
  try {
    const jumpHost = { name: 'bastion', host: '127.0.0.1', port: rig.lab.device('bastion').port, credentials: 'default', maxSessions: 1 };
    const connector = await rig.connector({ routeOf: () => ({ jumpHost }) });
    const first = await connector.open(rig.device('a'), quick.signal);
    const stop = new AbortController();
    const waiting = connector.open(rig.device('b'), stop.signal);
    stop.abort(new DeviceError('timeout', 'device deadline'));
    await assert.rejects(waiting, (e: unknown) => e instanceof DeviceError && e.code === 'timeout');
    assert.match(await first.run('show version', quick), /Cisco IOS XR/);
    await first.close();
    // The slot is free again: the next device gets it.
    const second = await connector.open(rig.device('b'), quick.signal);
    assert.match(await second.run('show version', quick), /NX-OS|Nexus/);
    await second.close();
    assert.equal(rig.lab.device('bastion').stats.forwardedPeak, 1);
  } finally {
    await rig.close();
  }
});

test("the inventory's maxSessions for a bastion reaches its route; absent, the connector's default (10) applies", () => {
  const inv = parseInventory(
    {
      jumpHosts: { wide: { host: '10.0.0.9', maxSessions: 64 }, plain: { host: '10.0.0.10' } },
      devices: [
        { name: 'a', host: 'h', platform: 'cisco_ios', site: 'east', role: 'core', jumpHost: 'wide' },
        { name: 'b', host: 'h', platform: 'cisco_ios', site: 'east', role: 'core', jumpHost: 'plain' },
      ],
    },
    'inv.json',
  );
  const route = routeResolver(inv.routes);
  assert.equal(route(inv.get('a')!).jumpHost?.maxSessions, 64);
  assert.equal(route(inv.get('b')!).jumpHost?.maxSessions, undefined);
});
