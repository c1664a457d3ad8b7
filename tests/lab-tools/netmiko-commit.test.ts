/**
 * Netmiko 2.4 changes the lab's IOS-XR and Junos configuration the way a script does it:
 * `send_config_set(lines)` then `commit()` (bench/tools/netmiko_config.py with exitBeforeCommit), and the line is then
 * in `show running-config` / `show configuration`, nested as the real devices show it. On Junos
 * that holds only because the shared candidate survives `exit configuration-mode` (Netmiko
 * answers "Exit with uncommitted changes?" with yes) and the next `configure` commits it.
 * Without Netmiko the test is skipped with how to install it; with CI=true it fails instead.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PlatformId } from '../../src/core/types.js';
import { sharedModified } from '../../src/lab/candidate-databases.js';
import { netmikoMissing, runNetmikoConfig } from '../../bench/tools/netmiko.js';
import { deviceRig, spec } from '../devices/device-rig.js';
import { TEST_CREDENTIALS } from '../support/test-lab.js';

const missing = netmikoMissing();
const inCi = process.env['CI'] === 'true';

const CASES: { platform: PlatformId; lines: string[]; show: string; shown: RegExp; commit: RegExp }[] = [
  {
    platform: 'cisco_xr',
    lines: ['ntp server 192.0.2.77'],
    show: 'show running-config',
    // Nested under the `ntp` the base configuration already has.
    shown: /^ntp\n server 192\.0\.2\.123\n server 192\.0\.2\.77\n!$/m,
    commit: /commit/,
  },
  {
    platform: 'juniper_junos',
    lines: ['set system ntp server 192.0.2.77'],
    show: 'show configuration',
    shown: /^ {4}ntp \{\n {8}server 192\.0\.2\.123;\n {8}server 192\.0\.2\.77;\n {4}\}$/m,
    commit: /commit complete/,
  },
];

test('Netmiko is installed where CI runs the tool tests', { skip: !inCi && 'CI is not true' }, () => {
  assert.equal(missing, false, String(missing));
});

for (const c of CASES) {
  test(`Netmiko on ${c.platform}: send_config_set, commit(), and the line is in the configuration`, {
    skip: missing,
    timeout: 120_000,
  }, async () => {
    const name = `nmc-${c.platform.replace('_', '-')}`;
    const rig = await deviceRig([spec(name, c.platform)]);
    try {
      const d = rig.lab.device(name);
      const { devices } = await runNetmikoConfig({
        devices: [{ name, host: rig.lab.host, port: d.port, platform: c.platform, lines: c.lines, check: c.show, exitBeforeCommit: true }],
        username: TEST_CREDENTIALS.username,
        password: TEST_CREDENTIALS.password,
        secret: TEST_CREDENTIALS.enableSecret,
        knownHosts: rig.knownHostsFile,
      });
      assert.equal(devices.length, 1);
      const r = devices[0]!;
      assert.equal(r.ok, true, r.error);
      assert.match(r.commit ?? '', c.commit);
      assert.match((r.check ?? '').replace(/\r/g, ''), c.shown);
      assert.ok(
        d.state.running.flat().some((l) => l.endsWith('ntp server 192.0.2.77')),
        'committed to the running configuration',
      );
      assert.equal(sharedModified(d.state), false, 'no uncommitted changes are left behind');
    } finally {
      await rig.close();
    }
  });
}
