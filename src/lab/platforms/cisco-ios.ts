/** Simulated Cisco IOS/IOS-XE, from ../shared/fixtures/sessions/cisco_iosxe.yaml. */
import type { LabPlatform } from '../lab-platforms.js';
import { dailyCommands } from '../outputs/daily-commands.js';
import { ciscoIosOutputs } from '../outputs/cisco-ios.js';
import type { DailyLab } from '../outputs/renderers.js';
import { pipe } from '../output-modifiers.js';
import { CISCO_VOCABULARY, EXEC, PRIV, caret, ciscoCommon, ciscoFilters, cmd, iosPrompt, blockPortConfig } from './cisco-style.js';

/**
 * What tools send on the way to their first command, beyond paging: Ansible's cisco.ios
 * terminal plugin checks `show privilege` before and after `enable` (and tries
 * `terminal width 0` after `terminal width 512`, which the common commands take).
 */
const TOOL_COMMANDS = [
  cmd('show privilege', ['user'], { kind: 'nothing', say: 'Current privilege level is 1\n' }),
  cmd('show privilege', PRIV, { kind: 'nothing', say: 'Current privilege level is 15\n' }),
];

// --- The everyday read commands (daily-commands): made from the lab's network ----------------
const DAILY: DailyLab = {
  port: (k) => ({ full: `GigabitEthernet0/${k + 1}`, short: `Gi0/${k + 1}` }),
  render: ciscoIosOutputs,
  portConfig: blockPortConfig,
};
const DAILY_COMMANDS = dailyCommands(EXEC, {
  'bgp-summary': 'show ip bgp summary',
  'lldp-neighbors': 'show lldp neighbors',
  'cdp-neighbors': 'show cdp neighbors',
  'arp-table': ['show ip arp', 'show ip arp <rest>'],
  'mac-table': ['show mac address-table', 'show mac address-table <rest>'],
  'port-status': 'show interfaces status',
  'interface-descriptions': 'show interfaces description',
  'ospf-neighbors': 'show ip ospf neighbor',
  route: 'show ip route <rest>',
  ping: 'ping <rest>',
  // One port (`show interfaces Gi0/1`); `show interfaces` alone is the common command, served live all the same.
  'show-interfaces': 'show interfaces <rest>',
});
// ---------------------------------------------------------------------------------------------

export const ciscoIos: LabPlatform = {
  initialMode: 'user',
  topMode: 'privileged',
  prompt: { user: (c) => `${c.host}>`, privileged: (c) => `${c.host}#`, config: (c) => iosPrompt(c.host, c.section) },
  banner: (host) =>
    [
      '*****************************************************************',
      `*  netops lab: simulated Cisco IOS-XE router ${host}`,
      '*  Authorized access only. Disconnect now if you are not an',
      '*  authorized user. All activity is logged.',
      '*****************************************************************',
    ].join('\n'),
  enablePasswordPrompt: 'Password: ',
  enableFailure: '% Bad secrets\n',
  pagerMark: ' --More-- ',
  pagerErase: '\b'.repeat(9) + ' '.repeat(9) + '\b'.repeat(9),
  defaultPageLength: 24,
  errors: {
    invalid: ({ column, word, words, mode }) =>
      mode !== 'config' && word === 0 && words === 1
        ? // A single unknown word in exec mode: IOS tries it as a host name to telnet to.
          '% Bad IP address or host name% Unknown command or computer name, or unable to find computer address\n'
        : `${caret(column)}% Invalid input detected at '^' marker.\n\n`,
    incomplete: () => '% Incomplete command.\n\n',
    ambiguous: (input) => `% Ambiguous command:  "${input}"\n`,
  },
  captures: { 'show-version': 'show_version', 'show-interfaces': 'show_interfaces', 'show-inventory': 'show_inventory' },
  hostnameIn: [/^(\S+)\s+uptime is/m],
  dialect: {
    kind: 'blocks',
    indent: ' ',
    ...CISCO_VOCABULARY,
    header: () => ['Building configuration...', '', 'Current configuration : 1024 bytes', '!', 'version 16.12'],
    footer: ['end'],
    diffFrame: () => ({ before: [], after: [] }),
  },
  checkpointMissing: (name) => `%Error opening flash:${name} (No such file or directory)`,
  daily: DAILY,
  commands: [
    ...DAILY_COMMANDS,
    cmd('enable', EXEC, { kind: 'enable' }),
    cmd('disable', PRIV, { kind: 'disable' }),
    cmd('logout', EXEC, { kind: 'exit' }),
    cmd('show running-config', PRIV, { kind: 'show-config' }),
    // One interface's block: how a description change is read back.
    cmd('show running-config interface <word>', PRIV, { kind: 'config-view', view: 'section', arg: 2 }),
    cmd('configure terminal', PRIV, {
      kind: 'configure',
      candidate: false,
      say: 'Enter configuration commands, one per line.  End with CNTL/Z.\n',
    }),
    cmd('write memory', PRIV, { kind: 'save', say: 'Building configuration...\n[OK]\n' }),
    cmd('copy running-config <word>', PRIV, {
      kind: 'checkpoint-save',
      arg: 2,
      asks: (name) => `Destination filename [${name}]? `,
      say: '2817 bytes copied in 0.120 secs (23475 bytes/sec)\n',
    }),
    cmd('configure replace <word> force', PRIV, {
      kind: 'checkpoint-restore',
      arg: 2,
      say: 'Total number of passes: 1\nRollback Done\n\n',
    }),
    ...ciscoCommon({ show: EXEC, interfaces: 'show interfaces' }),
    ...TOOL_COMMANDS,
  ],
  // IOS takes one modifier: the rest of the line is its regular expression, `|` included.
  pipes: {
    chain: false,
    regex: 'cisco',
    specs: [
      ...ciscoFilters({ section: true }),
      pipe('count', { kind: 'count', say: (n) => `Number of lines which match regexp = ${n}` }),
      pipe('count <regex>', { kind: 'count', say: (n) => `Number of lines which match regexp = ${n}` }),
    ],
  },
};
