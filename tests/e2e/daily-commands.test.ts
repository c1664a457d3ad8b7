/**
 * The everyday read commands end to end against the whole built-in lab (data/lab.json: the
 * five platforms over two sites): every usage example in their help through the console, and
 * per command what the lab's one network makes true at both ends (BGP peers, LLDP, ARP/MAC
 * pointing at real ports, routes, ping by reachability).
 */
import { captureConsole } from '../support/console-capture.js';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { consoleActor, startRig, type TestRig } from '../support/test-lab.js';
import { expandLab, labDefinitionSchema } from '../../src/lab/lab-definition.js';
import { portKey } from '../../src/devices/parsers/addresses.js';
import type { DeviceResult } from '../../src/core/types.js';
import { Registry } from '../../src/core/registry.js';
import { fileURLToPath } from 'node:url';
import { startSlackRig } from '../slack/slack-rig.js';
import { SLASH_COMMAND_DEFAULTS as SLACK } from '../slack/slack-signing.js';

const NEW_COMMANDS = [
  'show-bgp',
  'show-neighbors',
  'show-arp',
  'show-mac',
  'find',
  'show-ports',
  'show-ospf',
  'show-route',
  'ping',
  'show',
];
const def = labDefinitionSchema.parse(JSON.parse(readFileSync(new URL('../../data/lab.json', import.meta.url), 'utf8')));
const specs = expandLab({ ...def, latencyMs: 0 });
const platformOf = new Map(specs.map((s) => [s.name, s.platform]));
let rig: TestRig;

before(async () => {
  rig = await startRig(specs);
});
after(async () => rig.close());

async function results(line: string): Promise<DeviceResult[]> {
  const sub = await rig.app.service.submit(line, consoleActor);
  assert.equal(sub.kind, 'job', line);
  if (sub.kind !== 'job') return [];
  return (await sub.done).results;
}

/** Every device answered and its output was understood (`empty`: these devices answer an empty table). */
function allParsed(
  rs: DeviceResult[],
  line: string,
  empty: (device: string) => boolean = () => false,
): Map<string, Record<string, string>[]> {
  for (const r of rs) {
    assert.equal(r.status, 'ok', `${line}: ${r.device} ${r.error?.reason ?? ''}`);
    assert.ok(r.parsed && !r.unparsed, `${line}: ${r.device} unparsed:\n${r.raw}`);
    assert.equal(r.parsed.length === 0, empty(r.device), `${line}: ${r.device} rows:\n${r.raw}`);
  }
  return new Map(rs.map((r) => [r.device, r.parsed!]));
}

/** A console on the rig's service; `run` answers the exit status and what was printed. */
function consoleOnRig(): { run: (line: string) => Promise<{ status: number; text: string }> } {
  return { run: captureConsole(rig.app.service, rig.dir) };
}

test('every usage example of the new commands runs against the lab through the console', async () => {
  const console = consoleOnRig();
  const registry = await Registry.load(fileURLToPath(new URL('../../commands', import.meta.url)));
  let examples = 0;
  for (const name of NEW_COMMANDS) {
    for (const usage of registry.get(name).usage) {
      const { status, text } = await console.run(`/net ${usage}`);
      assert.equal(status, 0, `${usage}:\n${text}`);
      assert.doesNotMatch(text, /\(unparsed\)/, usage);
      examples++;
    }
  }
  assert.ok(examples >= 2 * NEW_COMMANDS.length);
});

test('show-bgp: every session is on a link of the lab, seen at both ends; one is down, at both ends, listed first', async () => {
  // Access switches run no BGP: their summary is understood and empty.
  const rows = allParsed(await results('show-bgp device=* --confirm'), 'show-bgp', (d) => d.includes('-access-'));
  const down = [...rows].flatMap(([d, rs]) => rs.filter((r) => r.state !== 'Established').map((r) => ({ d, r })));
  assert.equal(down.length, 2, JSON.stringify(down));
  for (const { d } of down) assert.notEqual(rows.get(d)![0]!.state, 'Established', `${d}: down session first`);
  const platforms = new Set([...rows.keys()].filter((d) => rows.get(d)!.length).map((d) => platformOf.get(d)));
  assert.deepEqual([...platforms].sort(), ['arista_eos', 'cisco_ios', 'cisco_xr', 'juniper_junos']);
  const sessions = [...rows.values()].flat().length;
  assert.equal(sessions % 2, 0, 'every session has two ends');
});

/** The BGP states in a rendered summary, in order, from the line that counts them on. */
function statesAfterCount(text: string): string[] {
  const from = text.search(/sessions not Established/);
  return [
    ...text.slice(from + 'sessions not Established'.length).matchAll(/\b(Established|Active|Idle|Connect|OpenSent|OpenConfirm)\b/g),
  ].map((m) => m[1]!);
}

test('show-bgp summary through the console: counts the sessions not Established and lists them first', async () => {
  const console = consoleOnRig();
  const sessions = [...allParsed(await results('show-bgp device=* --confirm'), 'show-bgp', (d) => d.includes('-access-')).values()].flat();
  const { status, text } = await console.run('/net show-bgp device=* --confirm');
  assert.equal(status, 0, text);
  assert.match(text, new RegExp(`\\b2 of ${sessions.length} sessions not Established\\b`), text);
  const states = statesAfterCount(text);
  assert.equal(states.length, sessions.length, text);
  assert.deepEqual(states.slice(0, 2), ['Active', 'Active'], `the down sessions first:\n${text}`);
  assert.ok(
    states.slice(2).every((s) => s === 'Established'),
    text,
  );
});

test('show-neighbors: LLDP neighbours match at both ends on all five platforms', async () => {
  const rows = allParsed(await results('show-neighbors device=* --confirm'), 'show-neighbors');
  assert.equal(new Set([...rows.keys()].map((d) => platformOf.get(d))).size, 5);
  for (const [device, rs] of rows) {
    for (const r of rs) {
      const far = rows.get(r.neighbor!);
      assert.ok(far, `${device}: neighbour ${r.neighbor} is a lab device`);
      const back = far.find((f) => f.neighbor === device && portKey(f.localPort!) === portKey(r.neighborPort!));
      assert.ok(back, `${r.neighbor} ${r.neighborPort} sees ${device} ${r.localPort}`);
      assert.equal(portKey(back.neighborPort!), portKey(r.localPort!));
      // IOS and NX-OS also ask CDP, which names the neighbour's model.
      if (['cisco_ios', 'cisco_nxos'].includes(platformOf.get(device)!)) assert.notEqual(r.platform, '', `${device} ${r.localPort}`);
    }
  }
});

test('find: an address found in a core ARP table leads to the access port it lives on', async () => {
  const core = allParsed(await results('find device=east-core-1 ip=10.20.5.11'), 'find ip').get('east-core-1')![0]!;
  assert.equal(core.where, 'towards east-access-1');
  assert.match(core.mac!, /^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/);
  // The MAC typed in another form is the same MAC.
  const colon = core
    .mac!.replace(/\./g, '')
    .replace(/(..)(?!$)/g, '$1:')
    .toUpperCase();
  const access = allParsed(await results(`find site=east role=access mac=${colon}`), 'find mac');
  const here = [...access].flatMap(([d, rs]) => rs.filter((r) => r.where === 'here').map((r) => ({ d, r })));
  assert.equal(here.length, 1, JSON.stringify([...access]));
  assert.equal(here[0]!.d, 'east-access-1');
  assert.equal(here[0]!.r.vlan, '10');
  const ports = allParsed(await results('show-ports device=east-access-1'), 'show-ports').get('east-access-1')!;
  assert.ok(
    ports.some((p) => portKey(p.port!) === portKey(here[0]!.r.port!) && p.status === 'connected'),
    'the port is a real, connected port',
  );
});

test('find: neither or both of ip= and mac=, or a malformed address, is refused up front through the console: no job, nothing sent', async () => {
  const console = consoleOnRig();
  const requested = async () => (await rig.app.audit.query({ action: 'job.requested' })).length;
  const traffic = () => JSON.stringify(rig.lab.connections()['east-core-1'] ?? []);
  const jobsBefore = await requested();
  const trafficBefore = traffic();
  const refusals: [string, RegExp][] = [
    ['find device=east-core-1', /find needs an address: ip= or mac=/],
    ['find device=east-core-1 ip=10.20.5.11 mac=0226.58ed.07f8', /find takes one address: ip= or mac=, not both/],
    ['find device=east-core-1 mac=0226.58ed.07', /mac: expected a MAC address/],
    ['find device=east-core-1 ip=10.20.5.256', /ip: expected an IPv4 address/],
  ];
  for (const [line, error] of refusals) {
    const { status, text } = await console.run(`/net ${line}`);
    assert.notEqual(status, 0, line);
    assert.match(text, error, `${line}:\n${text}`);
    assert.doesNotMatch(text, /\bJ-\d+|ok in/, `${line}: no job ran:\n${text}`);
  }
  assert.equal(await requested(), jobsBefore, 'no job.requested audit record');
  assert.equal(traffic(), trafficBefore, 'east-core-1 was not contacted');
  // The check is real: the same console and audit see a valid find start a job.
  const found = await console.run('/net find device=east-core-1 ip=10.20.5.11');
  assert.equal(found.status, 0, found.text);
  assert.equal(await requested(), jobsBefore + 1);
});

test('show-arp, show-mac, show-ports, show-ospf: parsed on every platform that has them', async () => {
  const arp = allParsed(await results('show-arp device=* --confirm'), 'show-arp');
  assert.equal(arp.size, specs.length);
  const mac = await results('show-mac device=* --confirm');
  for (const r of mac) {
    if (platformOf.get(r.device) === 'cisco_xr') assert.equal(r.error?.code, 'unsupported', r.device);
    else assert.ok(r.parsed?.length && !r.unparsed, `${r.device}: ${r.raw}`);
  }
  const vlan10 = allParsed(await results('show-mac role=access vlan=10'), 'show-mac vlan');
  for (const rs of vlan10.values()) assert.ok(rs.every((r) => r.vlan === '10'));
  const ports = allParsed(await results('show-ports device=* --confirm'), 'show-ports');
  for (const [d, rs] of ports)
    assert.ok(
      rs.some((r) => r.status === 'connected'),
      d,
    );
  const ospf = allParsed(await results('show-ospf device=* --confirm'), 'show-ospf');
  for (const [d, rs] of ospf)
    assert.ok(
      rs.every((r) => /^full/i.test(r.state!)),
      d,
    );
});

test('show-route: a loopback is routed everywhere, a prefix outside the lab nowhere', async () => {
  const lo = allParsed(await results('show-route device=* --confirm prefix=10.255.0.1'), 'show-route');
  for (const [d, rs] of lo) assert.equal(rs[0]!.prefix, '10.255.0.1/32', d);
  assert.match(lo.get('east-core-2')![0]!.protocol ?? '', /^ospf/i);
  const none = allParsed(await results('show-route device=* --confirm prefix=192.0.2.0/24'), 'show-route none');
  for (const [d, rs] of none) assert.equal(rs[0]!.prefix, 'no route', d);
});

test('ping: a host in the lab answers from every device; an address outside it from none', async () => {
  const host = allParsed(await results('ping device=* --confirm target=10.20.5.11 count=3'), 'ping host');
  for (const [d, [r]] of host) assert.deepEqual([r!.sent, r!.received, r!.loss], ['3', '3', '0%'], d);
  const away = allParsed(await results('ping device=* --confirm target=192.0.2.1'), 'ping away');
  for (const [d, [r]] of away) assert.deepEqual([r!.sent, r!.received, r!.loss], ['5', '0', '100%'], d);
});

test('show: a modifier only Junos has runs there and is refused, unsent, on the others', async () => {
  const rs = await results('show device=* --confirm command="show version | match Junos"');
  for (const r of rs) {
    if (platformOf.get(r.device) === 'juniper_junos') assert.equal(r.status, 'ok', r.device);
    else assert.match(r.error?.reason ?? '', /refused "match"/, r.device);
  }
  await assert.rejects(
    rig.app.service.submit('show device=* --confirm command="show run | redirect flash:x"', consoleActor),
    /refused "redirect"/,
  );
});

test('through Slack (HTTP mode): each new command on all five platforms ends in one summary message; show attaches its output', async () => {
  const s = await startSlackRig(specs);
  try {
    const lines = [
      'show-bgp device=* --confirm',
      'show-neighbors device=* --confirm',
      'show-arp device=* --confirm',
      'find site=east ip=10.20.5.11',
      'show-ports device=* --confirm',
      'show-ospf device=* --confirm',
      'show-route device=* --confirm prefix=10.255.0.1',
      'ping device=* --confirm target=10.20.5.11',
      'show platform=juniper_junos command="show version | match Junos"',
    ];
    for (const [i, line] of lines.entries()) {
      const ack = await s.command(line);
      assert.equal(ack.status, 200, line);
      await s.bot.idle();
      const posts = s.fake.messages().filter((m) => !m.thread_ts && m.channel === SLACK.channel_id);
      assert.equal(posts.length, i + 1, `${line}: one job message`);
      const blocks = JSON.stringify(s.fake.message(SLACK.channel_id, posts.at(-1)!.ts)!.blocks);
      assert.match(blocks, /succeeded/, `${line}: ${blocks.slice(0, 400)}`);
      assert.doesNotMatch(blocks, /unparsed/, line);
    }
    const bgp = JSON.stringify(s.fake.message(SLACK.channel_id, s.fake.messages().filter((m) => !m.thread_ts)[0]!.ts)!.blocks);
    assert.match(bgp, /\*2 of \d+ sessions not Established\*/, bgp.slice(0, 600));
    assert.deepEqual(statesAfterCount(bgp).slice(0, 3), ['Active', 'Active', 'Established'], 'down sessions first in Slack too');
    const show = JSON.stringify(
      s.fake.message(
        SLACK.channel_id,
        s.fake
          .messages()
          .filter((m) => !m.thread_ts)
          .at(-1)!.ts,
      )!.blocks,
    );
    assert.match(show, /Lines/);
    assert.ok(
      s.fake.files().some((f) => f.completed && f.content?.includes('Junos')),
      'the show output is attached in the thread',
    );
    assert.deepEqual(s.fake.violations, []);
  } finally {
    await s.close();
  }
});
