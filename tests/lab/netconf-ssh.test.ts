/**
 * The lab's NETCONF subsystem over real SSH (ssh2 client on loopback, host key checked): the
 * Junos hello, base:1.1 chunked framing after it (base:1.0 end markers when the client speaks
 * only 1.0), the RPCs junipernetworks.junos sends, and the configuration they change being
 * the one the CLI sees (`show configuration`, `show system commit`, `configure exclusive`
 * refused under a NETCONF lock). Errors are rpc-error replies and the session goes on.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { deviceRig, spec, type DeviceRig } from '../devices/device-rig.js';
import { BASE_1_0, cliShell, netconfClient } from './netconf-rig.js';

const JUNOS = 'nc-junos';
const NTP = 'set system ntp server 192.0.2.77';
const LOAD = `<load-configuration action="set" format="text"><configuration-set>${NTP}</configuration-set></load-configuration>`;
const COMPARE = '<get-configuration compare="rollback" rollback="0" format="text"/>';
const LOCK = '<lock><target><candidate/></target></lock>';
const UNLOCK = '<unlock><target><candidate/></target></unlock>';

let rig: DeviceRig;
before(async () => {
  rig = await deviceRig([spec(JUNOS, 'juniper_junos'), spec('nc-ios', 'cisco_ios')]);
});
after(() => rig.close());

const state = () => rig.lab.device(JUNOS).state;
/** The text of the first `<tag>` in a reply. */
const text = (xml: string, tag: string) => new RegExp(`<${tag}(?: [^>]*)?>([\\s\\S]*?)</${tag}>`).exec(xml)?.[1];
const ntpRunning = () => state().running.statements().includes('system ntp server 192.0.2.77');

test('netconf hello: base 1.0 and 1.1, candidate, confirmed-commit, validate, the Junos capability, a session id', async () => {
  const nc = await netconfClient(rig.lab, JUNOS);
  try {
    for (const cap of [
      BASE_1_0,
      'urn:ietf:params:netconf:base:1.1',
      'urn:ietf:params:netconf:capability:candidate:1.0',
      'urn:ietf:params:netconf:capability:confirmed-commit:1.0',
      'urn:ietf:params:netconf:capability:validate:1.0',
      'http://xml.juniper.net/netconf/junos/1.0',
    ]) {
      assert.ok(nc.hello.includes(`<capability>${cap}</capability>`), `hello names ${cap}`);
    }
    assert.match(text(nc.hello, 'session-id') ?? '', /^[1-9]\d*$/);
    const reply = await nc.rpc('<get-software-information/>');
    assert.match(reply, /^<rpc-reply xmlns="urn:ietf:params:xml:ns:netconf:base:1.0" xmlns:junos="[^"]+" message-id="1">/);
    assert.equal(text(reply, 'host-name'), JUNOS, "the device's own name");
    assert.match(text(reply, 'junos-version') ?? '', /^\d+\.\d+/);
    // After both hellos named 1.1 every reply is chunked: the raw bytes after the hello start a chunk.
    const afterHello = nc.raw().toString('utf8').split(']]>]]>')[1] ?? '';
    assert.match(afterHello, /^\n#\d+\n<rpc-reply/);
  } finally {
    nc.end();
  }
});

test('netconf base:1.0 client: replies end with ]]>]]>, no chunks', async () => {
  const nc = await netconfClient(rig.lab, JUNOS, { capabilities: [BASE_1_0] });
  try {
    const reply = await nc.rpc('<get-chassis-inventory/>');
    assert.match(text(reply, 'serial-number') ?? '', /\S/, 'the chassis serial');
    assert.match(nc.raw().toString('utf8'), /<\/rpc-reply>\]\]>\]\]>$/);
  } finally {
    nc.end();
  }
});

test('netconf get-interface-information: the interfaces of show interfaces; an unknown one is an rpc-error', async () => {
  const nc = await netconfClient(rig.lab, JUNOS);
  try {
    const all = await nc.rpc('<get-interface-information><detail/></get-interface-information>');
    assert.match(
      all,
      /<interface-information[^>]*>\n<physical-interface>\n<name>ge-0\/0\/0<\/name>\n<admin-status>up<\/admin-status>\n<oper-status>up<\/oper-status>/,
    );
    const one = await nc.rpc('<get-interface-information><interface-name>ge-9/9/9</interface-name></get-interface-information>');
    assert.match(one, /<rpc-error>[\s\S]*<error-message>device ge-9\/9\/9 not found<\/error-message>/);
  } finally {
    nc.end();
  }
});

test('netconf change: lock, load set, diff, commit with a log; the CLI shows it; a second load diffs empty', async () => {
  const nc = await netconfClient(rig.lab, JUNOS, { user: rig.lab.credentials.username });
  const commitsBefore = state().commits?.length ?? 0;
  try {
    assert.match(await nc.rpc(LOCK), /<ok\/>/);
    assert.match(await nc.rpc(LOAD), /<load-configuration-results>\n<ok\/>/);
    assert.match(await nc.rpc('<validate><source><candidate/></source></validate>'), /<ok\/>/);
    assert.equal(text(await nc.rpc(COMPARE), 'configuration-output')?.trim(), '[edit system ntp]\n+    server 192.0.2.77;');
    assert.equal(ntpRunning(), false, 'nothing runs before the commit');
    const commit = await nc.rpc('<commit-configuration><log>ntp via netconf</log></commit-configuration>');
    assert.match(commit, /<commit-results>[\s\S]*<commit-success\/>/);
    assert.equal(ntpRunning(), true);
    // The same line again: the candidate equals what runs, so the diff is empty (Ansible's "no change").
    assert.match(await nc.rpc(LOAD), /<ok\/>/);
    assert.equal(text(await nc.rpc(COMPARE), 'configuration-output')?.trim(), '');
    assert.match(await nc.rpc(UNLOCK), /<ok\/>/);
    assert.equal(state().commits?.length, commitsBefore + 1);
  } finally {
    nc.end();
  }
  const cli = await cliShell(rig.lab, JUNOS);
  try {
    assert.match(await cli.type('show configuration system ntp'), /server 192\.0\.2\.77;/);
    const commits = await cli.type('show system commit');
    assert.match(
      commits,
      new RegExp(`\n0   \\d{4}-\\d\\d-\\d\\d [\\d:]+ UTC by ${rig.lab.credentials.username} via netconf\n    ntp via netconf\n`),
    );
    assert.match(await cli.type('show configuration | display set | match 192.0.2.77'), new RegExp(NTP));
  } finally {
    cli.end();
  }
});

test('netconf lock: the CLI may not configure exclusive nor change the candidate; unlock discards, and the CLI may again', async () => {
  const nc = await netconfClient(rig.lab, JUNOS);
  const cli = await cliShell(rig.lab, JUNOS);
  try {
    assert.match(await nc.rpc(LOCK), /<ok\/>/);
    assert.match(await nc.rpc(LOAD.replace('192.0.2.77', '192.0.2.78')), /<ok\/>/);
    assert.match(await cli.type('configure exclusive'), /error: configuration database locked by:/);
    assert.match(await cli.type('configure'), /Entering configuration mode/);
    assert.match(await cli.type('set system ntp server 192.0.2.79'), /error: configuration database locked by:/);
    // A second NETCONF session is refused the lock, naming who holds it.
    const other = await netconfClient(rig.lab, JUNOS);
    const denied = await other.rpc(LOCK);
    other.end();
    assert.match(denied, /<error-tag>lock-denied<\/error-tag>[\s\S]*configuration database locked by:/);
    assert.match(await nc.rpc(UNLOCK), /<ok\/>/);
    assert.equal(
      state().shared?.statements().includes('system ntp server 192.0.2.78') ?? false,
      false,
      'unlock dropped the uncommitted load',
    );
    assert.doesNotMatch(await cli.type('set system ntp server 192.0.2.79'), /error/);
    assert.match(await cli.type('show | compare'), /\+ {4}server 192\.0\.2\.79;/);
    // Uncommitted CLI changes in the shared candidate: NETCONF's lock is refused, as configure exclusive is.
    assert.match(await nc.rpc(LOCK), /<error-tag>lock-denied<\/error-tag>[\s\S]*configuration database modified/);
    await cli.type('rollback 0');
    // The log: the NETCONF lock was a stay of its own, ended by the unlock; the CLI's is open and has no via.
    const stays = rig.lab.configModeLog().stays.filter((s) => s.device === JUNOS);
    assert.deepEqual(
      stays.slice(-2).map((s) => [s.via, s.leftBy]),
      [
        ['netconf', 'exit'],
        [undefined, undefined],
      ],
    );
  } finally {
    cli.end();
    nc.end();
  }
});

test('netconf errors: unknown operation, malformed XML, a missing message-id, a bad statement: rpc-errors, and the session goes on', async () => {
  const nc = await netconfClient(rig.lab, JUNOS);
  try {
    const unknown = await nc.rpc('<get-frobnicator-information/>');
    assert.match(unknown, /<error-tag>operation-not-supported<\/error-tag>[\s\S]*<bad-element>get-frobnicator-information<\/bad-element>/);
    nc.send('<rpc message-id="x"><get-software-information></rpc>');
    assert.match(await nc.next(), /<error-tag>malformed-message<\/error-tag>/);
    nc.send('<rpc><get-software-information/></rpc>');
    assert.match(await nc.next(), /<error-tag>missing-attribute<\/error-tag>[\s\S]*<bad-attribute>message-id<\/bad-attribute>/);
    const bad = await nc.rpc(LOAD.replace(NTP, 'set frobnicate on'));
    assert.match(bad, /<error-message>syntax error<\/error-message>[\s\S]*<bad-element>frobnicate<\/bad-element>/);
    const notSet = await nc.rpc(LOAD.replace(NTP, 'deactivate system ntp'));
    assert.match(notSet, /<bad-element>deactivate<\/bad-element>/);
    assert.match(await nc.rpc('<discard-changes/>'), /<ok\/>/);
    assert.equal(text(await nc.rpc('<get-software-information/>'), 'host-name'), JUNOS, 'still served');
  } finally {
    nc.end();
  }
});

test('netconf text load, commit check and confirmed: check commits nothing; get-configuration serves text, set and xml', async () => {
  const nc = await netconfClient(rig.lab, JUNOS);
  const commits = () => state().commits?.length ?? 0;
  try {
    assert.match(await nc.rpc(LOCK), /<ok\/>/);
    const load =
      '<load-configuration action="merge" format="text"><configuration-text>system {\n    ntp {\n        server 192.0.2.80;\n    }\n}</configuration-text></load-configuration>';
    assert.match(await nc.rpc(load), /<ok\/>/);
    const before = commits();
    assert.match(await nc.rpc('<commit-configuration><check/></commit-configuration>'), /<ok\/>/);
    assert.equal(commits(), before, 'a check commits nothing');
    const candidate = await nc.rpc('<get-configuration format="text"/>');
    assert.match(text(candidate, 'configuration-text') ?? '', /server 192\.0\.2\.80;/, 'the candidate by default');
    const committed = await nc.rpc('<get-configuration database="committed" format="set"/>');
    assert.doesNotMatch(text(committed, 'configuration-set') ?? '', /192\.0\.2\.80/);
    const confirmed = await nc.rpc('<commit-configuration><confirmed/><confirm-timeout>5</confirm-timeout></commit-configuration>');
    assert.match(confirmed, /<commit-success\/>/);
    assert.equal(commits(), before + 1);
    const xml = await nc.rpc('<get-configuration/>');
    assert.match(xml, /<configuration>[\s\S]*<ntp>[\s\S]*<name>192\.0\.2\.80<\/name>/);
    const standard = await nc.rpc('<get-config><source><running/></source></get-config>');
    assert.match(standard, /<data>\n<configuration>[\s\S]*<name>192\.0\.2\.80<\/name>[\s\S]*<\/configuration>\n<\/data>/);
  } finally {
    nc.end();
  }
});

test('netconf close-session: ok, then the channel closes; the lock and the uncommitted load go; the config-mode log names NETCONF', async () => {
  const nc = await netconfClient(rig.lab, JUNOS);
  assert.match(await nc.rpc(LOCK), /<ok\/>/);
  assert.match(await nc.rpc(LOAD.replace('192.0.2.77', '192.0.2.81')), /<ok\/>/);
  assert.ok(state().exclusive, 'locked');
  assert.match(await nc.rpc('<close-session/>'), /<ok\/>/);
  await nc.closed;
  assert.equal(state().exclusive, undefined, 'the lock went with the session');
  assert.equal(state().shared?.statements().includes('system ntp server 192.0.2.81') ?? false, false);
  const stays = rig.lab.configModeLog().stays.filter((s) => s.device === JUNOS);
  assert.ok(stays.length > 0);
  const last = stays.at(-1)!;
  assert.equal(last.via, 'netconf');
  assert.equal(last.leftBy, 'exit');
});

test('netconf subsystem: refused on a platform without NETCONF (IOS)', async () => {
  await assert.rejects(netconfClient(rig.lab, 'nc-ios'), /subsystem|rejected|failure/i);
});
