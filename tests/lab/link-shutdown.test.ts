/**
 * A shut port takes its link down for everything the lab answers, at both ends: the BGP session
 * on it leaves Established, the OSPF neighbour and the ARP entry learned on it go, a ping to the
 * far end's link address fails and the far device's loopback is no longer routed; enabling the
 * port brings it all back. Read through the bot's own commands (show-bgp, show-ospf, show-arp,
 * ping, show-route, show-interfaces) over real SSH to the shipped lab (data/lab.json). The port
 * is shut once with the bot's interface-shutdown, approved by another engineer through the
 * console, and once by Netmiko typing config mode into the lab's IOS-XR over SSH.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { consoleActor, startRig, TEST_CREDENTIALS, type TestRig } from '../support/test-lab.js';
import { expandLab, labDefinitionSchema } from '../../src/lab/lab-definition.js';
import { portKey } from '../../src/devices/parsers/addresses.js';
import type { Actor } from '../../src/core/types.js';
import { netmikoMissing, runNetmikoConfig } from '../../bench/tools/netmiko.js';
import { proposeAndApprove } from './console-approval.js';

const def = labDefinitionSchema.parse(JSON.parse(readFileSync(new URL('../../data/lab.json', import.meta.url), 'utf8')));
const specs = expandLab({ ...def, latencyMs: 0 });
const bob: Actor = { id: 'bob', name: 'bob', via: 'console' };
let rig: TestRig;

before(async () => {
  rig = await startRig(specs, { env: { NETOPS_APPROVERS: 'bob' } });
});
after(async () => rig.close());

/** One end of a cable: the device, its port, its address on the link, its loopback. */
interface End {
  device: string;
  port: string;
  ip: string;
  loopback: string;
}

// east-core-1 (IOS) Gi0/2 -- east-edge-1 (Junos) ge-0/0/0: eBGP, OSPF; edge-1 has no other way in.
const CORE_EDGE: [End, End] = [
  { device: 'east-core-1', port: 'GigabitEthernet0/2', ip: '10.1.2.1', loopback: '10.255.0.1' },
  { device: 'east-edge-1', port: 'ge-0/0/0', ip: '10.1.2.2', loopback: '10.255.0.3' },
];
// east-core-1 (IOS) Gi0/1 -- east-core-2 (IOS-XR) Gi0/0/0/0: the core pair's iBGP, OSPF.
const CORE_PAIR: [End, End] = [
  { device: 'east-core-1', port: 'GigabitEthernet0/1', ip: '10.1.1.1', loopback: '10.255.0.1' },
  { device: 'east-core-2', port: 'GigabitEthernet0/0/0/0', ip: '10.1.1.2', loopback: '10.255.0.2' },
];

async function rows(line: string): Promise<Record<string, string>[]> {
  const sub = await rig.app.service.submit(line, consoleActor);
  assert.equal(sub.kind, 'job', line);
  if (sub.kind !== 'job') return [];
  const [r] = (await sub.done).results;
  assert.equal(r?.status, 'ok', `${line}: ${r?.error?.reason ?? ''}`);
  assert.ok(!r!.unparsed, `${line} unparsed:\n${r!.raw}`);
  return r!.parsed ?? [];
}

/** What `here` knows of the link to `there`, and how many of its BGP sessions are Established. */
async function seenFrom(here: End, there: End) {
  const bgp = await rows(`show-bgp device=${here.device}`);
  const session = bgp.find((b) => b.neighbor === there.ip);
  assert.ok(session, `${here.device} has a BGP session to ${there.ip}`);
  const port = (await rows(`show-interfaces device=${here.device}`)).find((i) => portKey(i.interface!) === portKey(here.port));
  return {
    bgp: session.state,
    established: bgp.filter((b) => b.state === 'Established').length,
    ospf: (await rows(`show-ospf device=${here.device}`)).some((o) => o.address === there.ip || o.neighborId === there.loopback),
    arp: (await rows(`show-arp device=${here.device}`)).some((a) => a.ip === there.ip),
    ping: (await rows(`ping device=${here.device} target=${there.ip} count=3`))[0]?.received,
    // The parser answers one `no route` row when the device has none.
    route: (await rows(`show-route device=${here.device} prefix=${there.loopback}`)).filter((r) => r.prefix !== 'no route').length,
    port: port?.status,
  };
}

type Seen = Awaited<ReturnType<typeof seenFrom>>;

const both = async ([a, b]: [End, End]): Promise<[Seen, Seen]> => [await seenFrom(a, b), await seenFrom(b, a)];

/** The link as it is up: at each end the session Established, the neighbour, the entry, the pings and the route. */
const up = (s: Seen): Seen => ({ ...s, bgp: 'Established', ospf: true, arp: true, ping: '3', route: 1, port: 'up' });

/** At each end when the link is down: one Established session fewer, nothing learned over it; `port`: that end's state. */
const downFrom = (before: Seen, port: string): Seen => ({
  // No route to the peer: the session does not even try (Idle), unlike the one down on purpose (Active).
  bgp: 'Idle',
  established: before.established - 1,
  ospf: false,
  arp: false,
  ping: '0',
  route: 0,
  port,
});

test('interface-shutdown on Junos ge-0/0/0, approved: BGP, OSPF, ARP, ping and routes go at both ends; interface-enable brings them back', async () => {
  const [core, edge] = CORE_EDGE;
  const before = await both(CORE_EDGE);
  assert.deepEqual(before, [up(before[0]), up(before[1])], 'the link is up to begin with');

  await proposeAndApprove(rig, bob, `interface-shutdown device=${edge.device} interface=${edge.port}`);
  // Shut at the Junos end: admin down there, only its line down at the IOS end.
  assert.deepEqual(await both(CORE_EDGE), [downFrom(before[0], 'down'), downFrom(before[1], 'admin-down')]);
  // The rest of the lab still reaches the core: only what lay behind the link is gone.
  assert.equal((await rows(`ping device=${core.device} target=${CORE_PAIR[1].ip} count=3`))[0]?.received, '3');

  await proposeAndApprove(rig, bob, `interface-enable device=${edge.device} interface=${edge.port}`);
  assert.deepEqual(await both(CORE_EDGE), before, 'all back as it was');
});

const missing = netmikoMissing();

test('shutdown typed in config mode over SSH (Netmiko on IOS-XR) takes the core pair link down at both ends; no shutdown brings it back', {
  skip: missing,
  timeout: 180_000,
}, async () => {
  const [, xr] = CORE_PAIR;
  const before = await both(CORE_PAIR);
  assert.deepEqual(before, [up(before[0]), up(before[1])], 'the link is up to begin with');
  const configure = async (lines: string[]) => {
    const { devices } = await runNetmikoConfig({
      devices: [
        {
          name: xr.device,
          host: rig.lab.host,
          port: rig.lab.device(xr.device).port,
          platform: 'cisco_xr',
          lines,
          check: `show interfaces ${xr.port}`,
        },
      ],
      username: TEST_CREDENTIALS.username,
      password: TEST_CREDENTIALS.password,
      secret: TEST_CREDENTIALS.enableSecret,
      knownHosts: join(rig.dir, 'known_hosts'),
    });
    assert.equal(devices[0]?.ok, true, devices[0]?.error);
    return devices[0]!.check ?? '';
  };

  const shut = await configure([`interface ${xr.port}`, 'shutdown']);
  assert.match(shut, /^GigabitEthernet0\/0\/0\/0 is administratively down, line protocol is administratively down$/m, shut);
  assert.deepEqual(await both(CORE_PAIR), [downFrom(before[0], 'down'), downFrom(before[1], 'admin-down')]);

  const open = await configure([`interface ${xr.port}`, 'no shutdown']);
  assert.match(open, /^GigabitEthernet0\/0\/0\/0 is up, line protocol is up$/m, open);
  assert.deepEqual(await both(CORE_PAIR), before, 'all back as it was');
});
