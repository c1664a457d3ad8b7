/**
 * IOS-XR and Junos configuration in the lab, kept and shown as the real devices do: IOS-XR
 * nested `show running-config` and the one-line `formal` view say the same thing whichever way
 * the lines were typed; `show running-config <section>`; the commit list grows per commit;
 * Junos braces and `| display set` agree; and the bot's verification holds on the flat views
 * where it could never hold on the nested ones.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTemplates, verificationFor } from '../../src/core/templates.js';
import { labDevice } from './lab-cli.js';

const TEMPLATES = await loadTemplates(new URL('../../data/templates/', import.meta.url).pathname);

/** IOS-XR's nested text as formal lines: each statement under its head, `!`, header and `end` left out. */
function nestedToFormal(text: string): string[] {
  const out: string[] = [];
  let head: string | undefined;
  let open = false;
  for (const line of text.split('\n')) {
    if (!line.trim() || /^(!|Building configuration|end$)/.test(line)) {
      if (line === '!' && head && !open) out.push(head);
      if (line === '!') head = undefined;
      continue;
    }
    if (line.startsWith(' ')) {
      out.push(`${head} ${line.trim()}`);
      open = true;
    } else {
      if (head && !open) out.push(head);
      head = line;
      open = false;
    }
  }
  if (head && !open) out.push(head);
  return out;
}

const formalBody = (text: string) => text.split('\n').filter((l) => l && !/^(!|Building configuration|end$)/.test(l));

const XR_ENTRIES: [string, string[]][] = [
  ['one-line statements', ['ntp server 192.0.2.10', 'interface Loopback9 description netops', 'interface Loopback9 shutdown']],
  ['entered nested', ['ntp', 'server 192.0.2.10', 'exit', 'interface Loopback9', 'description netops', 'shutdown', 'exit']],
  ['both mixed', ['ntp', 'server 192.0.2.10', 'exit', 'interface Loopback9 description netops', 'interface Loopback9', 'shutdown']],
];

for (const [name, lines] of XR_ENTRIES) {
  test(`cisco_xr ${name}: nested running-config and formal agree, and show the same statements`, () => {
    const d = labDevice('cisco_xr');
    const t = d.login();
    t.type('configure');
    for (const l of lines) assert.equal(t.type(l), '', l);
    t.type('commit');
    t.type('end');
    const nested = t.type('show running-config');
    const formal = t.type('show running-config formal');
    assert.match(
      nested,
      /^Building configuration\.\.\.\n!! IOS XR Configuration version = \S+\n!! Last configuration change at .+ by netops\n!\n/,
    );
    assert.match(nested, /^ntp\n server 192\.0\.2\.123\n server 192\.0\.2\.10\n!$/m);
    assert.match(nested, /^interface Loopback9\n description netops\n shutdown\n!$/m);
    assert.doesNotMatch(nested, /^ntp server/m, 'nothing flat where XR nests');
    assert.match(formal, /^ntp server 192\.0\.2\.10$/m);
    assert.match(formal, /^interface Loopback9 description netops$/m);
    assert.deepEqual(nestedToFormal(nested), formalBody(formal));
    // No `!` after a plain line before a section, as the recorded XR shows (`telnet ...` then `username boxen`).
    assert.match(nested, /^hostname \S+\nusername netops$/m);
  });
}

test('cisco_xr: show running-config <section> prints that part alone, and says when there is none', () => {
  const t = labDevice('cisco_xr').login();
  const cases: [string, string][] = [
    ['show running-config ntp', 'ntp\n server 192.0.2.123\n!\n'],
    ['show run ntp', 'ntp\n server 192.0.2.123\n!\n'],
    ['show running-config interface GigabitEthernet0/0/0/0', 'interface GigabitEthernet0/0/0/0\n description uplink-1\n!\n'],
    ['show running-config hostname', 'hostname lab-cisco-xr\n'],
    ['show running-config router', '% No such configuration item(s)\n'],
  ];
  for (const [cmd, want] of cases) assert.equal(t.type(cmd), want, cmd);
  assert.equal(t.type('show running-config interface').match(/^interface /gm)?.length, 2, 'every interface');
});

test('cisco_xr: show configuration commit list grows by one per commit, newest first', () => {
  const d = labDevice('cisco_xr');
  const alice = d.login('alice');
  const rows = () => alice.type('show configuration commit list').trimEnd().split('\n').slice(2);
  assert.deepEqual(rows(), []);
  alice.type('configure');
  for (const [i, server] of ['192.0.2.1', '192.0.2.2', '192.0.2.3'].entries()) {
    alice.type(`ntp server ${server}`);
    alice.type('commit');
    alice.type('end');
    assert.equal(rows().length, i + 1);
    alice.type('configure');
  }
  alice.type('end');
  assert.match(
    alice.type('show running-config'),
    /^!! Last configuration change at \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4} by alice$/m,
    'the header names the last commit',
  );
  const list = rows();
  assert.deepEqual(
    list.map((r) => r.split(/\s+/).slice(0, 3)),
    [
      ['1', '1000000003', 'alice'],
      ['2', '1000000002', 'alice'],
      ['3', '1000000001', 'alice'],
    ],
  );
  assert.match(list[0]!, /^1 {4}1000000003 {12}alice {5}vty\d+:node0_RSP0_CP\S* +CLI +\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}$/);
  // A rollback is a commit too, by the Rollback client.
  alice.type('rollback configuration last 1');
  assert.match(rows()[0]!, /^1 {4}1000000004 .* Rollback /);
  assert.doesNotMatch(alice.type('show running-config formal'), /192\.0\.2\.3$/m);
});

/** Junos braces as set commands, one per statement, in the order shown. */
function bracesToSet(text: string): string[] {
  const path: string[] = [];
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    if (line.endsWith('{')) path.push(line.slice(0, -1).trim());
    else if (line === '}') path.pop();
    else out.push(['set', ...path, line.replace(/;$/, '')].join(' '));
  }
  return out;
}

test('juniper_junos: braces and | display set agree, before and after set and delete', () => {
  const t = labDevice('juniper_junos').login('carol');
  const agree = (label: string) => {
    const braces = t.type('show configuration');
    const set = t.type('show configuration | display set').trimEnd().split('\n');
    assert.deepEqual(bracesToSet(braces), set, label);
    return { braces, set };
  };
  agree('base configuration');
  t.type('configure');
  t.type('set system ntp server 192.0.2.10');
  t.type('set interfaces lo0 unit 99 description netops');
  t.type('delete system ntp server 192.0.2.123');
  assert.deepEqual(
    t
      .type('show | display set')
      .split('\n')
      .filter((l) => l.includes('ntp')),
    ['set system ntp server 192.0.2.10'],
  );
  t.type('commit');
  t.type('exit');
  const { braces, set } = agree('after the commit');
  assert.match(braces, /^## Last commit: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC by carol\nversion \S+;$/m);
  assert.match(braces, /^system \{\n[\s\S]*^ {4}ntp \{\n {8}server 192\.0\.2\.10;\n {4}\}$/m);
  assert.ok(set.includes('set interfaces lo0 unit 99 description netops'));
  assert.ok(!set.some((l) => l.includes('192.0.2.123')));
  // The version is the device's own (its identity, from the show version capture it serves).
  assert.match(set[0] ?? '', /^set version \S+$/);
});

test('juniper_junos: show configuration <path> shows that level from inside it', () => {
  const t = labDevice('juniper_junos').login();
  const cases: [string, string][] = [
    ['show configuration system ntp', 'server 192.0.2.123;\n'],
    ['show configuration system host-name', 'host-name lab-juniper-junos;\n'],
    ['show configuration interfaces fxp0 unit 0', 'family inet {\n    address 10.0.1.5/24;\n}\n'],
    ['show configuration protocols', ''],
  ];
  for (const [cmd, want] of cases) assert.equal(t.type(cmd), want, cmd);
});

test('the bot verifies ntp on the flat views (XR formal, Junos display set); the nested views would fail it', () => {
  const ntp = TEMPLATES.get('ntp')!;
  const args = { server: ['192.0.2.123'] };
  for (const platform of ['cisco_xr', 'juniper_junos'] as const) {
    const v = verificationFor(ntp, platform, args)!;
    const t = labDevice(platform).login();
    assert.equal(v.check(t.type(v.command)), undefined, `${platform}: ${v.command}`);
    const nested = t.type(platform === 'cisco_xr' ? 'show running-config' : 'show configuration');
    assert.match(v.check(nested) ?? '', /^not in/, `${platform}: the flat lines are not in the nested view`);
    assert.match(v.check(t.type(v.command).replace('192.0.2.123', '192.0.2.124')) ?? '', /192\.0\.2\.123/, 'a missing line fails');
  }
});
