/** Simulated Arista EOS, from ../shared/fixtures/sessions/arista_eos.yaml. */
import type { LabPlatform } from '../lab-platforms.js';
import { dailyCommands } from '../outputs/daily-commands.js';
import { aristaEosOutputs } from '../outputs/arista-eos.js';
import type { DailyLab } from '../outputs/renderers.js';
import { pipe } from '../output-modifiers.js';
import { eosJson } from '../views/eos-json.js';
import { CFG, CISCO_VOCABULARY, EXEC, PRIV, ciscoCommon, ciscoFilters, cmd, blockPortConfig } from './cisco-style.js';

/**
 * What tools send on the way to their first command and their first change, beyond paging:
 * Ansible's arista.eos cliconf reads `show version | json` and `show hostname | json` (the
 * modifiers below), the boot image from `bash timeout 5 cat /mnt/flash/boot-config`, asks
 * `show configuration sessions` to learn whether sessions work, and enters config mode with
 * `configure` where it does not use one.
 */
const TOOL_COMMANDS = [
  cmd('bash timeout <n> cat /mnt/flash/boot-config', PRIV, { kind: 'nothing', say: 'SWI=flash:/vEOS-lab.swi\n' }),
  cmd('show configuration sessions', PRIV, {
    kind: 'nothing',
    say: 'Maximum number of completed sessions: 1\nMaximum number of pending sessions: 5\n\n  Name    State         User    Terminal\n  ------- ------------- ------- --------\n',
  }),
  cmd('configure', PRIV, { kind: 'configure', candidate: false }),
];

const eosConfigPrompt = (host: string, session?: string, section?: string) =>
  `${host}(config${session ? `-s-${session.slice(0, 8)}` : ''}${section ? `-${section}` : ''})#`;

// --- The everyday read commands (daily-commands): made from the lab's network ----------------
const DAILY: DailyLab = {
  port: (k) => ({ full: `Ethernet${k + 1}`, short: `Et${k + 1}` }),
  render: aristaEosOutputs,
  portConfig: blockPortConfig,
};
const DAILY_COMMANDS = dailyCommands(EXEC, {
  'bgp-summary': 'show ip bgp summary',
  'lldp-neighbors': 'show lldp neighbors',
  'arp-table': ['show ip arp', 'show ip arp <rest>'],
  'mac-table': ['show mac address-table', 'show mac address-table <rest>'],
  'port-status': 'show interfaces status',
  'interface-descriptions': 'show interfaces description',
  'ospf-neighbors': 'show ip ospf neighbor',
  route: 'show ip route <rest>',
  ping: 'ping <rest>',
  // One port (`show interfaces Et1`); `show interfaces` alone is the common command, served live all the same.
  'show-interfaces': 'show interfaces <rest>',
});
// ---------------------------------------------------------------------------------------------

export const aristaEos: LabPlatform = {
  initialMode: 'user',
  topMode: 'privileged',
  prompt: { user: (c) => `${c.host}>`, privileged: (c) => `${c.host}#`, config: (c) => eosConfigPrompt(c.host, c.session, c.section) },
  banner: (host) => `Last login: Fri May 28 23:02:11 2021 from 10.0.0.2\n! netops lab: simulated Arista vEOS switch ${host}\n`,
  enablePasswordPrompt: 'Password: ',
  enableFailure: '% Access denied\n',
  pagerMark: ' --More-- ',
  pagerErase: '\b'.repeat(10) + ' '.repeat(10) + '\b'.repeat(10),
  defaultPageLength: 24,
  errors: {
    invalid: () => '% Invalid input\n',
    incomplete: () => '% Incomplete command\n',
    ambiguous: () => '% Ambiguous command\n',
    privilegeRequired: '% Invalid input (privileged mode required)\n',
  },
  captures: { 'show-version': 'show_version', 'show-interfaces': 'show_interfaces', 'show-inventory': 'show_inventory' },
  // EOS show version names no host; `show hostname` does.
  hostnameIn: [],
  made: { 'show-hostname': (host) => `Hostname: ${host}\nFQDN:     ${host}.lab.example` },
  dialect: {
    kind: 'blocks',
    indent: '   ',
    ...CISCO_VOCABULARY,
    header: (host) => ['! Command: show running-config', `! device: ${host} (vEOS, EOS-4.22.1F)`, '!'],
    footer: ['end'],
    diffFrame: ({ session }) => ({
      before: ['--- system:/running-config', `+++ session:/${session ?? 'session'}-session-config`],
      after: [],
    }),
  },
  checkpointMissing: (name) => `% Error copying flash:${name} to running-config (No such file or directory)`,
  daily: DAILY,
  commands: [
    ...DAILY_COMMANDS,
    cmd('enable', EXEC, { kind: 'enable' }),
    cmd('disable', ['privileged', 'config'], { kind: 'disable' }),
    cmd('show hostname', EXEC, { kind: 'output', name: 'show-hostname' }),
    cmd('show running-config', ['privileged', 'config'], { kind: 'show-config' }),
    // One interface's block: how a description change is read back.
    cmd('show running-config interface <word>', ['privileged', 'config'], { kind: 'config-view', view: 'section', arg: 2 }),
    cmd('configure terminal', PRIV, { kind: 'configure', candidate: false }),
    cmd('configure session <word>', PRIV, { kind: 'configure', candidate: true, session: 2 }),
    cmd('show session-config diffs', CFG, { kind: 'diff' }),
    cmd('commit', CFG, { kind: 'commit', leave: true, say: '' }),
    cmd('abort', CFG, { kind: 'abort' }),
    cmd('write memory', PRIV, { kind: 'save', say: 'Copy completed successfully.\n' }),
    cmd('copy running-config <word>', PRIV, { kind: 'checkpoint-save', arg: 2, say: 'Copy completed successfully.\n' }),
    cmd('configure replace <word>', PRIV, { kind: 'checkpoint-restore', arg: 2, say: '' }),
    // The recording: `Pagination disabled.` and `Width set to 32767 columns.`, in every mode (only
    // `terminal length 0` is recorded; a page length is confirmed the same way); `show` in config mode.
    ...ciscoCommon({
      show: EXEC,
      interfaces: 'show interfaces',
      showInConfig: true,
      terminal: {
        modes: ['user', 'privileged', 'config'],
        length: (n) => (Number(n) === 0 ? 'Pagination disabled.\n' : `Pagination set to ${n} lines.\n`),
        width: (n) => `Width set to ${n} columns.\n`,
      },
    }),
    ...TOOL_COMMANDS,
  ],
  // EOS chains modifiers; it has no `| count` of its own (the shell's `wc -l` counts).
  pipes: {
    chain: true,
    regex: 'posix',
    specs: [
      ...ciscoFilters({ section: true }),
      pipe('wc -l', { kind: 'count', say: (n) => String(n) }),
      pipe('no-more', { kind: 'no-more' }),
      pipe('json', { kind: 'view', view: eosJson }),
    ],
  },
};
