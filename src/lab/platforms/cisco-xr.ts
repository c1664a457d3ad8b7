/** Simulated Cisco IOS-XR, from ../shared/fixtures/sessions/cisco_iosxr.yaml. */
import { xrTime } from '../config-views.js';
import type { LabPlatform } from '../lab-platforms.js';
import { dailyCommands } from '../outputs/daily-commands.js';
import { ciscoXrOutputs } from '../outputs/cisco-xr.js';
import type { DailyLab } from '../outputs/renderers.js';
import { type PipeTable, pipe } from '../output-modifiers.js';
import { CFG, CISCO_VOCABULARY, PRIV, caret, ciscoCommon, ciscoFilters, cmd, iosPrompt, blockPortConfig } from './cisco-style.js';

const XR_STAMP = 'Fri May 28 23:21:45.779 UTC\n';
const xrPrompt = (host: string) => `RP/0/RSP0/CPU0:${host}`;

// --- What tools send (lab-cli) ------------------------------------------------------------
/**
 * Ansible's cisco.iosxr terminal plugin turns the timestamp off after paging, its cliconf
 * reads `show version | utility head -n 20` and `show running-config hostname`, and commits
 * with `commit show-error` (a commit that prints what failed, when something does).
 */
const TOOL_COMMANDS = [
  cmd('terminal exec prompt no-timestamp', PRIV, { kind: 'lead-off' }),
  cmd('show running-config hostname', ['privileged', 'config'], { kind: 'output', name: 'show-hostname' }),
  cmd('commit show-error', CFG, { kind: 'commit', leave: false, say: '', persistent: true }),
];
const TOOL_OUTPUTS = { 'show-hostname': (host: string) => `hostname ${host}` };
/** IOS-XR takes one modifier per line; it has no `| section`, and counts with `utility wc -l`. */
const PIPES: PipeTable = {
  chain: false,
  regex: 'cisco',
  specs: [
    ...ciscoFilters({ section: false }),
    pipe('utility head -n <n>', { kind: 'head' }),
    pipe('utility head count <n>', { kind: 'head' }),
    pipe('utility wc -l', { kind: 'count', say: (n) => String(n) }),
  ],
};
// ---------------------------------------------------------------------------------------------

// --- The everyday read commands (daily-commands): made from the lab's network ----------------
const DAILY: DailyLab = {
  port: (k) => ({ full: `GigabitEthernet0/0/0/${k}`, short: `Gi0/0/0/${k}` }),
  render: ciscoXrOutputs,
  portConfig: blockPortConfig,
};
const DAILY_COMMANDS = dailyCommands(PRIV, {
  'bgp-summary': 'show bgp summary',
  'lldp-neighbors': 'show lldp neighbors',
  'arp-table': ['show arp', 'show arp <rest>'],
  'port-status': 'show interfaces brief',
  'interface-descriptions': 'show interfaces description',
  'ospf-neighbors': 'show ospf neighbor',
  route: 'show route <rest>',
  ping: 'ping <rest>',
  // One port (`show interfaces Gi0/0/0/1`); `show interfaces` alone is the common command, served live all the same.
  'show-interfaces': 'show interfaces <rest>',
});
// ---------------------------------------------------------------------------------------------

export const ciscoXr: LabPlatform = {
  initialMode: 'privileged',
  topMode: 'privileged',
  prompt: {
    user: (c) => `${xrPrompt(c.host)}>`,
    privileged: (c) => `${xrPrompt(c.host)}#`,
    config: (c) => iosPrompt(xrPrompt(c.host), c.section),
  },
  banner: (host) =>
    `\nIMPORTANT:  READ CAREFULLY\nWelcome to the lab version of Cisco IOS XRv on ${host}.\nUnauthorized access is prohibited.\n`,
  enablePasswordPrompt: 'Password: ',
  enableFailure: '% Permission denied\n',
  pagerMark: ' --More-- ',
  pagerErase: '\b'.repeat(9) + ' '.repeat(9) + '\b'.repeat(9),
  defaultPageLength: 24,
  lead: () => XR_STAMP,
  leadIn: /^\w{3} \w{3} +\d+ [\d:.]+ \w+\s*\n/,
  errors: {
    invalid: ({ column }) => `${caret(column)}% Invalid input detected at '^' marker.\n`,
    incomplete: () => '% Incomplete command.\n',
    ambiguous: (input) => `% Ambiguous command:  "${input}"\n`,
  },
  captures: { 'show-version': 'show_version', 'show-interfaces': 'show_interfaces', 'show-inventory': 'show_inventory' },
  hostnameIn: [/^(?!System\b)(\S+) uptime is/m],
  made: { ...TOOL_OUTPUTS },
  dialect: {
    kind: 'blocks',
    indent: ' ',
    ...CISCO_VOCABULARY,
    header: (_host, last) => [
      'Building configuration...',
      '!! IOS XR Configuration version = 6.5.3',
      // Before any commit in the lab: the recorded router's last change, by the lab's user.
      `!! Last configuration change at ${last ? `${xrTime(last.time)} by ${last.user}` : 'Fri May 28 20:43:31 2021 by netops'}`,
      '!',
    ],
    footer: ['end'],
    diffFrame: () => ({ before: ['Building configuration...', '!! IOS XR Configuration 6.5.3'], after: ['end'] }),
    // IOS-XR keeps one-line statements under their container and shows them nested.
    nested: [
      { word: 'ntp', keys: 0 },
      { word: 'interface', keys: 1 },
      { word: 'username', keys: 1 },
      { word: 'router', keys: 2 },
      { word: 'line', keys: 1 },
    ],
    bangBeforeSections: false,
    // Netmiko's exit_config_mode answers `no` when it sees "Uncommitted changes found".
    uncommittedAsk: 'Uncommitted changes found, commit them before exiting(yes/no/cancel)? [cancel]:',
  },
  checkpointMissing: (name) => `% Invalid input detected: no checkpoint ${name}`,
  daily: DAILY,
  commands: [
    ...DAILY_COMMANDS,
    // The running configuration even in config mode, as the recording shows; `show configuration` is the candidate.
    cmd('show running-config', ['privileged', 'config'], { kind: 'config-view', view: 'hierarchical' }),
    cmd('show running-config formal', ['privileged', 'config'], { kind: 'config-view', view: 'flat' }),
    cmd('show running-config <rest>', ['privileged', 'config'], {
      kind: 'config-view',
      view: 'section',
      arg: 2,
      missing: '% No such configuration item(s)',
    }),
    cmd('show configuration commit list', PRIV, { kind: 'config-view', view: 'commit-list' }),
    cmd('configure terminal', PRIV, { kind: 'configure', candidate: true }),
    cmd('configure', PRIV, { kind: 'configure', candidate: true }),
    // As recorded; Ansible's cisco.iosxr sends it for exclusive changes. The lab keeps no lock for it.
    cmd('configure exclusive', PRIV, { kind: 'configure', candidate: true }),
    cmd('show commit changes diff', CFG, { kind: 'diff' }),
    cmd('show configuration', CFG, { kind: 'diff' }),
    cmd('commit', CFG, { kind: 'commit', leave: false, say: '', persistent: true }),
    cmd('abort', CFG, { kind: 'abort' }),
    cmd('rollback configuration last <n>', PRIV, {
      kind: 'rollback-running',
      persistent: true,
      arg: 3,
      say: 'Loading Rollback Changes.\nLoaded Rollback Changes in 1 sec\nCommitting.\nUpdated Commit database in 1 sec\nConfiguration successfully rolled back.\n',
    }),
    ...ciscoCommon({ show: PRIV, interfaces: 'show interfaces' }),
    ...TOOL_COMMANDS,
  ],
  pipes: PIPES,
};
