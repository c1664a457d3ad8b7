/**
 * Junos configuration modes in the lab, several sessions on one device: the shared candidate
 * of `configure` survives leaving (after the question Netmiko answers) and the next
 * `configure` sees it; `configure private` is refused while the shared candidate holds
 * changes; `configure exclusive` locks it; commit, commit check, rollback and compare still work.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { labDevice } from './lab-cli.js';

const EXIT_ASK = 'The configuration has been changed but not committed\nExit with uncommitted changes? [yes,no] (yes) ';
const ADDED = '[edit system ntp]\n+    server 192.0.2.10;\n';

const NOT_IN_CONFIG = /^ +\^\nsyntax error, expecting <command>\.\n$/;
const junos = () => labDevice('juniper_junos');
const running = (d: ReturnType<typeof junos>) => d.state.running.flat().join('\n');

const ANSWERS: [string, { stays: boolean; shows: string }][] = [
  ['yes', { stays: false, shows: 'Exiting configuration mode\n' }],
  ['', { stays: false, shows: 'Exiting configuration mode\n' }],
  ['no', { stays: true, shows: '' }],
];

for (const [answer, want] of ANSWERS) {
  test(`junos configure: leaving with uncommitted changes asks; "${answer}" ${want.stays ? 'stays' : 'leaves, the changes kept'}`, () => {
    const d = junos();
    const alice = d.login('alice');
    assert.equal(alice.type('configure'), 'Entering configuration mode\n');
    assert.equal(alice.type('set system ntp server 192.0.2.10'), '');
    assert.equal(alice.type('exit'), EXIT_ASK);
    assert.equal(alice.type(answer), want.shows);
    // Still in configuration mode only after "no": `show | compare` is a config-mode command.
    const compare = alice.type('show | compare');
    if (want.stays) assert.equal(compare, ADDED);
    else assert.match(compare, NOT_IN_CONFIG);
    assert.doesNotMatch(running(d), /192\.0\.2\.10/, 'nothing is committed by leaving');
  });
}

test('junos configure: the shared candidate is what the next configure sees, and its commit commits it', () => {
  const d = junos();
  const alice = d.login('alice');
  alice.type('configure');
  alice.type('set system ntp server 192.0.2.10');
  alice.type('exit');
  alice.type('yes');
  const bob = d.login('bob');
  assert.equal(bob.type('configure'), 'Entering configuration mode\nThe configuration has been changed but not committed\n');
  assert.equal(bob.type('show | compare'), ADDED);
  assert.equal(bob.type('commit check'), 'configuration check succeeds\n');
  assert.equal(bob.type('commit'), 'commit complete\n');
  assert.equal(bob.type('exit'), 'Exiting configuration mode\n', 'nothing uncommitted: no question');
  assert.match(running(d), /^set system ntp server 192\.0\.2\.10$/m);
  // `rollback 1` brings the earlier configuration back into the candidate; the commit applies it.
  alice.type('configure');
  assert.equal(alice.type('rollback 1'), 'load complete\n');
  assert.equal(alice.type('show | compare'), '[edit system ntp]\n-    server 192.0.2.10;\n');
  alice.type('commit');
  assert.doesNotMatch(running(d), /192\.0\.2\.10/);
});

test('junos configure private: refused while the shared candidate holds changes, its own candidate otherwise', () => {
  const d = junos();
  const alice = d.login('alice');
  const bob = d.login('bob');
  alice.type('configure');
  alice.type('set system ntp server 192.0.2.10');
  assert.equal(bob.type('configure private'), 'error: shared configuration database modified\n');
  assert.match(bob.type('show | compare'), NOT_IN_CONFIG, 'bob stayed in operational mode');
  alice.type('rollback 0');
  alice.type('exit');
  assert.equal(bob.type('configure private'), 'warning: uncommitted changes will be discarded on exit\nEntering configuration mode\n');
  bob.type('set system ntp server 192.0.2.20');
  // Bob's private candidate is his alone: a shared session does not see it.
  alice.type('configure');
  assert.equal(alice.type('show | compare'), '');
  assert.equal(bob.type('exit'), 'The configuration has been changed but not committed\nDiscard uncommitted changes? [yes,no] (yes) ');
  assert.equal(bob.type('yes'), 'warning: discarding uncommitted changes\nExiting configuration mode\n');
  assert.doesNotMatch(running(d), /192\.0\.2\.20/);
});

test('junos configure exclusive: others may enter but not change or commit; its exit discards; a dropped session frees the lock', () => {
  const d = junos();
  const alice = d.login('alice');
  const bob = d.login('bob');
  alice.type('configure exclusive');
  alice.type('set system location building b7');
  const locked =
    /^error: configuration database locked by:\n {2}alice terminal pts\/\d+ \(pid \d+\) on since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\n {6}exclusive \[edit\]\n$/;
  assert.match(bob.type('configure exclusive'), locked);
  assert.match(bob.type('configure private'), locked);
  assert.match(
    bob.type('configure'),
    /^Entering configuration mode\nUsers currently editing the configuration:\n {2}alice .*\n {6}exclusive \[edit\]\n/,
  );
  assert.match(bob.type('set system ntp server 192.0.2.30'), locked);
  assert.match(bob.type('commit'), locked);
  assert.doesNotMatch(running(d), /b7|192\.0\.2\.30/);
  assert.equal(
    alice.type('exit'),
    "The configuration has been changed but not committed\nwarning: Auto rollback on exiting 'configure exclusive'\nDiscard uncommitted changes? [yes,no] (yes) ",
  );
  assert.equal(alice.type('yes'), 'warning: discarding uncommitted changes\nload complete\nExiting configuration mode\n');
  assert.equal(bob.type('show | compare'), '', 'the exclusive changes went with it');
  bob.type('exit');

  // A session that drops while holding the lock frees it, and its changes go.
  alice.type('configure exclusive');
  alice.type('set system location building b8');
  alice.drop();
  assert.equal(bob.type('configure exclusive'), 'warning: uncommitted changes will be discarded on exit\nEntering configuration mode\n');
  assert.equal(bob.type('show | compare'), '');
  bob.type('set system ntp server 192.0.2.40');
  assert.equal(bob.type('commit'), 'commit complete\n');
  assert.match(running(d), /^set system ntp server 192\.0\.2\.40$/m);
});

test('junos configure exclusive: refused while the shared candidate holds changes', () => {
  const d = junos();
  const alice = d.login('alice');
  alice.type('configure');
  alice.type('set system ntp server 192.0.2.10');
  assert.match(
    d.login('bob').type('configure exclusive'),
    /^Users currently editing the configuration:\n {2}alice terminal .*\n {6}\[edit\]\nerror: configuration database modified\n$/,
  );
});

test('junos configure private: its commit applies its own changes onto what others committed meanwhile', () => {
  const d = junos();
  const alice = d.login('alice');
  const bob = d.login('bob');
  alice.type('configure private');
  alice.type('set system ntp server 192.0.2.10');
  alice.type('delete system ntp server 192.0.2.123');
  bob.type('configure private');
  bob.type('set system location building b7');
  assert.equal(bob.type('commit'), 'commit complete\n');
  assert.equal(alice.type('commit'), 'commit complete\n');
  const now = running(d);
  assert.match(now, /^set system location building b7$/m, "bob's commit is still there");
  assert.match(now, /^set system ntp server 192\.0\.2\.10$/m);
  assert.doesNotMatch(now, /192\.0\.2\.123/);
});

test("junos configure private: edits under another session's lock, but commits only without it and without shared changes", () => {
  const d = junos();
  const alice = d.login('alice');
  const bob = d.login('bob');
  bob.type('configure private');
  alice.type('configure exclusive');
  assert.equal(bob.type('set system ntp server 192.0.2.10'), '');
  assert.match(bob.type('commit'), /^error: configuration database locked by:\n {2}alice /);
  alice.type('set system location building b7');
  alice.type('exit');
  alice.type('yes');
  // The lock is gone; uncommitted shared changes hold a private commit back too.
  const carol = d.login('carol');
  carol.type('configure');
  carol.type('set system location building b9');
  assert.equal(bob.type('commit'), 'error: shared configuration database modified\n');
  carol.type('rollback 0');
  assert.equal(bob.type('commit'), 'commit complete\n');
  assert.match(running(d), /^set system ntp server 192\.0\.2\.10$/m);
  assert.doesNotMatch(running(d), /b7|b9/);
});
