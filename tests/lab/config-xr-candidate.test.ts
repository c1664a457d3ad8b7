/**
 * IOS-XR's candidate in the lab: leaving config mode with uncommitted changes asks, as the
 * real router does and as Netmiko's exit_config_mode expects (it answers `no`); yes commits,
 * no drops the changes, cancel (the default) stays. Nothing is asked once the candidate is committed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { labDevice } from './lab-cli.js';

const ASK = 'Uncommitted changes found, commit them before exiting(yes/no/cancel)? [cancel]:';

const CASES: [string, string, { committed: boolean; inConfig: boolean }][] = [
  ['end', 'yes', { committed: true, inConfig: false }],
  ['end', 'no', { committed: false, inConfig: false }],
  ['end', 'cancel', { committed: false, inConfig: true }],
  ['end', '', { committed: false, inConfig: true }],
  ['exit', 'yes', { committed: true, inConfig: false }],
  ['exit', 'no', { committed: false, inConfig: false }],
];

for (const [leave, answer, want] of CASES) {
  test(`cisco_xr ${leave} with uncommitted changes, answered "${answer}"`, () => {
    const d = labDevice('cisco_xr');
    const t = d.login('alice');
    t.type('configure');
    t.type('ntp server 192.0.2.10');
    assert.equal(t.type(leave), ASK);
    t.type(answer);
    assert.equal(d.state.running.flat().includes('ntp server 192.0.2.10'), want.committed);
    assert.equal(d.state.startup.flat().includes('ntp server 192.0.2.10'), want.committed, 'an XR commit is persistent');
    // `show configuration` is the candidate's diff in config mode, an unknown command outside it.
    const shown = t.type('show configuration');
    if (want.inConfig) assert.match(shown, /^\+ server 192\.0\.2\.10$/m);
    else assert.doesNotMatch(shown, /server 192\.0\.2\.10/);
    assert.equal(d.state.commits?.length ?? 0, want.committed ? 1 : 0);
  });
}

test('cisco_xr: nothing is asked when the candidate holds nothing new', () => {
  const t = labDevice('cisco_xr').login();
  t.type('configure');
  t.type('ntp server 192.0.2.10');
  t.type('commit');
  assert.equal(t.type('end'), '');
  t.type('configure');
  t.type('ntp server 192.0.2.123');
  assert.equal(t.type('end'), '', 'a line already running changes nothing');
});
