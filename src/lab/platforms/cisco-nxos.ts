/** Simulated Cisco NX-OS, from ../shared/fixtures/sessions/cisco_nxos.yaml. */
import type { LabPlatform } from '../lab-platforms.js';
import { dailyCommands } from '../outputs/daily-commands.js';
import { ciscoNxosOutputs } from '../outputs/cisco-nxos.js';
import type { DailyLab } from '../outputs/renderers.js';
import { pipe } from '../output-modifiers.js';
import { nxosJson } from '../views/nxos-json.js';
import { CISCO_VOCABULARY, PRIV, caret, ciscoCommon, ciscoFilters, cmd, iosPrompt, blockPortConfig } from './cisco-style.js';

/**
 * What tools send on the way to their first command, beyond paging: Ansible's cisco.nxos
 * terminal plugin asks `show privilege` when the prompt is not already `#` (a network-admin
 * login is; the lab's is).
 */
const TOOL_COMMANDS = [cmd('show privilege', PRIV, { kind: 'nothing', say: 'User privilege level: 15\nFeature privilege: Disabled\n' })];

// --- The everyday read commands (daily-commands): made from the lab's network ----------------
const DAILY: DailyLab = {
  port: (k) => ({ full: `Ethernet1/${k + 1}`, short: `Eth1/${k + 1}` }),
  render: ciscoNxosOutputs,
  portConfig: blockPortConfig,
};
const DAILY_COMMANDS = dailyCommands(['privileged', 'config'], {
  'bgp-summary': 'show ip bgp summary',
  'lldp-neighbors': 'show lldp neighbors',
  'cdp-neighbors': 'show cdp neighbors',
  'arp-table': ['show ip arp', 'show ip arp <rest>'],
  'mac-table': ['show mac address-table', 'show mac address-table <rest>'],
  'port-status': 'show interface status',
  'interface-descriptions': 'show interface description',
  'ospf-neighbors': 'show ip ospf neighbors',
  route: 'show ip route <rest>',
  ping: 'ping <rest>',
  // One port (`show interface Eth1/1`, `show interface ethernet 1/1`); `show interface` alone is the common command, served live all the same.
  'show-interfaces': 'show interface <rest>',
});
// ---------------------------------------------------------------------------------------------

export const ciscoNxos: LabPlatform = {
  initialMode: 'privileged',
  topMode: 'privileged',
  prompt: { user: (c) => `${c.host}> `, privileged: (c) => `${c.host}# `, config: (c) => `${iosPrompt(c.host, c.section)} ` },
  banner: () =>
    [
      'Cisco NX-OS Software',
      'Copyright (c) 2002-2019, Cisco Systems, Inc. All rights reserved.',
      'Nexus 9000v software ("NX-OSv9K") and related documentation,',
      'files or other reference materials ("Documentation") are',
      'the proprietary property and confidential information of Cisco',
      'Systems, Inc. ("Cisco") and are protected, without limitation,',
      'pursuant to United States and International copyright and trademark',
      'laws in the applicable jurisdiction which provide civil and criminal',
      "penalties for copying or distribution without Cisco's authorization.",
    ].join('\n'),
  enablePasswordPrompt: 'Password: ',
  enableFailure: '% Permission denied\n',
  pagerMark: '--More--',
  pagerErase: '\b'.repeat(8) + ' '.repeat(8) + '\b'.repeat(8),
  defaultPageLength: 24,
  errors: {
    invalid: ({ column }) => `${caret(column)}% Invalid command at '^' marker.\n`,
    incomplete: (column) => `${caret(column)}% Incomplete command at '^' marker.\n`,
    ambiguous: (_input, column) => `${caret(column)}% Ambiguous command at '^' marker.\n`,
  },
  captures: { 'show-version': 'show_version', 'show-interfaces': 'show_interface', 'show-inventory': 'show_inventory' },
  hostnameIn: [/^\s*Device name:\s*(\S+)/m],
  dialect: {
    kind: 'blocks',
    indent: '  ',
    ...CISCO_VOCABULARY,
    header: () => ['', '!Command: show running-config', '!Running configuration last done at: Fri May 28 20:56:59 2021', ''],
    footer: [],
    diffFrame: () => ({ before: [], after: [] }),
  },
  checkpointMissing: (name) => `% Invalid checkpoint name ${name}: checkpoint does not exist`,
  daily: DAILY,
  commands: [
    ...DAILY_COMMANDS,
    cmd('show running-config', ['privileged', 'config'], { kind: 'show-config' }),
    // One interface's block: how a description change is read back.
    cmd('show running-config interface <word>', ['privileged', 'config'], { kind: 'config-view', view: 'section', arg: 2 }),
    // The recording: `end` outside config mode answers with the prompt alone.
    cmd('end', PRIV, { kind: 'nothing' }),
    cmd('configure terminal', PRIV, {
      kind: 'configure',
      candidate: false,
      say: 'Enter configuration commands, one per line. End with CNTL/Z.\n',
    }),
    cmd('copy running-config startup-config', PRIV, {
      kind: 'save',
      say: '[########################################] 100%\nCopy complete, now saving to disk (please wait)...\nCopy complete.\n',
    }),
    cmd('checkpoint <word>', PRIV, { kind: 'checkpoint-save', arg: 1, say: '...........Done\n' }),
    cmd('rollback running-config checkpoint <word>', PRIV, {
      kind: 'checkpoint-restore',
      arg: 3,
      say: 'Note: Applying config parallelly may fail Rollback verification\nCollecting Running-Config\n#Generating Rollback Patch\nExecuting Rollback Patch\nRollback completed successfully.\n',
    }),
    // The recording: `terminal width`/`length` answer with the prompt alone in config mode too,
    // and `show` commands work there.
    ...ciscoCommon({ show: PRIV, interfaces: 'show interface', terminal: { modes: ['privileged', 'config'] }, showInConfig: true }),
    ...TOOL_COMMANDS,
  ],
  // NX-OS chains modifiers (`| include x | count`); `| count` prints the number alone.
  pipes: {
    chain: true,
    regex: 'posix',
    specs: [
      ...ciscoFilters({ section: true }),
      pipe('count', { kind: 'count', say: (n) => String(n) }),
      pipe('head lines <n>', { kind: 'head' }),
      pipe('last <n>', { kind: 'last' }),
      pipe('no-more', { kind: 'no-more' }),
      pipe('json', { kind: 'view', view: nxosJson }),
      pipe('json-pretty', { kind: 'view', view: nxosJson }),
    ],
  },
};

/** IOS-XR prints the time above every answer; its captures already start with one. */
