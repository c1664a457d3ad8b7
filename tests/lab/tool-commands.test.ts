/**
 * What the tools send on login and on the way to their first command, answered as the real
 * platforms answer, without the tools themselves (tests/lab-tools/ runs them): the commands
 * of Ansible's terminal and cliconf plugins (cisco.ios, cisco.iosxr, cisco.nxos, arista.eos,
 * junipernetworks.junos under /usr/lib/python3/dist-packages/ansible_collections) and
 * Netmiko 2.4's session preparation. Each must come back without the platform's error
 * (the error patterns are the plugins' own terminal_stderr_re).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PlatformId } from '../../src/core/types.js';
import { readyCli, shown, typedCli } from './emulator-rig.js';

/** The plugins' terminal_stderr_re, the part that fires on a refused command. */
const ERROR = /% ?Error|invalid input|invalid command|(?:incomplete|ambiguous) command|unknown command|syntax error/i;

/** Sent on login (terminal plugins' on_open_shell, Netmiko's session_preparation) and before the first command (cliconf). */
const SENT: Record<PlatformId, string[]> = {
  cisco_ios: ['terminal length 0', 'terminal width 512', 'terminal width 0', 'terminal width 511', 'show privilege', 'show version'],
  cisco_nxos: ['terminal length 0', 'terminal width 511', 'show privilege', 'show version', 'show inventory'],
  cisco_xr: [
    'terminal length 0',
    'terminal width 512',
    'terminal exec prompt no-timestamp',
    'show version | utility head -n 20',
    'show running-config hostname',
  ],
  arista_eos: [
    'terminal length 0',
    'terminal width 512',
    'show version | json',
    'show hostname | json',
    'bash timeout 5 cat /mnt/flash/boot-config',
    'show configuration sessions',
  ],
  juniper_junos: [
    'set cli timestamp disable',
    'set cli screen-length 0',
    'set cli screen-width 1024',
    'set cli complete-on-space off',
    'set cli screen-width 511',
    'show version',
  ],
};

for (const platform of Object.keys(SENT) as PlatformId[]) {
  test(`${platform}: every command the tools send on the way to their first command is answered`, () => {
    const cli = readyCli(platform);
    for (const line of SENT[platform]) assert.doesNotMatch(shown(cli, platform, line), ERROR, line);
  });
}

test('cisco_ios: show privilege says 1 before enable and 15 after, as Ansible checks', () => {
  const cli = typedCli('cisco_ios');
  assert.equal(shown(cli, 'cisco_ios', 'show privilege').split('\n')[0], 'Current privilege level is 1');
  const ready = readyCli('cisco_ios');
  assert.equal(shown(ready, 'cisco_ios', 'show privilege'), 'Current privilege level is 15');
});

test('cisco_xr: terminal exec prompt no-timestamp stops the stamp above every answer', () => {
  const cli = readyCli('cisco_xr', { captureIndex: 0 });
  const stamp = /^\w{3} \w{3} +\d+ [\d:.]+ \w+\r?\n/;
  assert.match(cli.type('show version'), stamp);
  assert.match(cli.type('show running-config hostname'), stamp);
  cli.type('terminal exec prompt no-timestamp');
  assert.doesNotMatch(cli.type('show version'), stamp);
  assert.equal(shown(cli, 'cisco_xr', 'show running-config hostname'), `hostname ${cli.device.hostname}`);
});

test('arista_eos: the keys Ansible reads from show version | json and show hostname | json', () => {
  const cli = readyCli('arista_eos');
  const version = JSON.parse(shown(cli, 'arista_eos', 'show version | json')) as Record<string, unknown>;
  assert.equal(typeof version['version'], 'string');
  assert.equal(typeof version['modelName'], 'string');
  assert.match(
    shown(cli, 'arista_eos', 'show version'),
    new RegExp(`Software image version: ${String(version['version']).replace(/[.()]/g, '\\$&')}`),
  );
  const host = JSON.parse(shown(cli, 'arista_eos', 'show hostname | json')) as Record<string, unknown>;
  assert.equal(host['hostname'], cli.device.hostname);
  assert.match(shown(cli, 'arista_eos', 'bash timeout 5 cat /mnt/flash/boot-config'), /^SWI=/m);
});
