/**
 * Simulated IOS/IOS-XE, NX-OS and IOS-XR, from the recorded sessions
 * ../shared/fixtures/sessions/cisco_{iosxe,nxos,iosxr}.yaml.
 */
import type { BlockDialect } from './block-config.js';
import type { LabCommand, LabMode, LabPlatform, Say } from './lab-platforms.js';

export const EXEC: LabMode[] = ['user', 'privileged'];
export const PRIV: LabMode[] = ['privileged'];
export const CFG: LabMode[] = ['config'];
export const caret = (col: number) => `${' '.repeat(col)}^\n`;

/** Configuration words the simulated Cisco-style devices accept (EOS shares them). */
export const CISCO_VOCABULARY: Pick<BlockDialect, 'globalWords' | 'sectionWords' | 'sections' | 'singletons'> = {
  globalWords: ['hostname', 'interface', 'ip', 'ipv6', 'ntp', 'snmp-server', 'logging', 'username', 'enable', 'line',
    'router', 'banner', 'service', 'vlan', 'access-list', 'aaa', 'clock', 'spanning-tree', 'vrf', 'feature', 'ssh',
    'management', 'version'],
  sectionWords: ['description', 'ip', 'ipv4', 'ipv6', 'shutdown', 'switchport', 'speed', 'duplex', 'mtu', 'login',
    'transport', 'network', 'neighbor', 'name', 'vrf', 'channel-group', 'group', 'secret', 'server', 'password'],
  sections: [
    { head: /^interface \S+$/, tag: 'if' }, { head: /^router /, tag: 'router' }, { head: /^line /, tag: 'line' },
    { head: /^vlan \d+$/, tag: 'vlan' }, { head: /^username \S+$/, tag: 'un' }, { head: /^ntp$/, tag: 'ntp' },
    { head: /^management /, tag: 'mgmt' },
  ],
  singletons: ['hostname', 'description', 'ip address', 'ipv4 address', 'ip domain name', 'snmp-server location',
    'snmp-server contact', 'name', 'mtu'],
};

export const cmd = (words: string, modes: LabMode[], action: LabCommand['action']): LabCommand =>
  ({ words: words.split(' '), modes, action });

/**
 * How a platform answers `terminal length`/`terminal width`, and in which modes (default:
 * where `show` works, silently, as IOS, NX-OS and IOS-XR do in the recordings).
 */
export interface TerminalAnswers { modes?: LabMode[]; length?: Say; width?: Say }

/** What every Cisco-style CLI here shares: paging, show commands, leaving config mode, config lines. */
export const ciscoCommon = (o: {
  show: LabMode[]; interfaces: string; terminal?: TerminalAnswers;
  /** `show` commands work in config mode too, without `do` (NX-OS, EOS). */
  showInConfig?: boolean;
}): LabCommand[] => {
  const show: LabMode[] = o.showInConfig ? [...o.show, 'config'] : o.show;
  return [
    cmd('terminal length <n>', o.terminal?.modes ?? o.show, { kind: 'paging', arg: 2, say: o.terminal?.length }),
    cmd('terminal width <n>', o.terminal?.modes ?? o.show, { kind: 'nothing', arg: 2, say: o.terminal?.width }),
    cmd('show version', show, { kind: 'output', name: 'show-version' }),
    cmd(o.interfaces, show, { kind: 'output', name: 'show-interfaces' }),
    cmd('show inventory', show, { kind: 'output', name: 'show-inventory' }),
    cmd('end', CFG, { kind: 'end' }),
    cmd('exit', CFG, { kind: 'config-exit' }),
    cmd('exit', o.show, { kind: 'exit' }),
    cmd('<rest>', CFG, { kind: 'config-line' }),
  ];
};

const iosPrompt = (host: string, tag?: string) => `${host}(config${tag ? `-${tag}` : ''})#`;

export const ciscoIos: LabPlatform = {
  initialMode: 'user',
  topMode: 'privileged',
  prompt: { user: (c) => `${c.host}>`, privileged: (c) => `${c.host}#`, config: (c) => iosPrompt(c.host, c.section) },
  banner: (host) => [
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
    invalid: ({ column, word, words, mode }) => (mode !== 'config' && word === 0 && words === 1
      // A single unknown word in exec mode: IOS tries it as a host name to telnet to.
      ? '% Bad IP address or host name% Unknown command or computer name, or unable to find computer address\n'
      : `${caret(column)}% Invalid input detected at '^' marker.\n\n`),
    incomplete: () => '% Incomplete command.\n\n',
    ambiguous: (input) => `% Ambiguous command:  "${input}"\n`,
  },
  captures: { 'show-version': 'show_version', 'show-interfaces': 'show_interfaces', 'show-inventory': 'show_inventory' },
  hostnameIn: [/^(\S+)\s+uptime is/m],
  dialect: {
    kind: 'blocks', indent: ' ', ...CISCO_VOCABULARY,
    header: () => ['Building configuration...', '', 'Current configuration : 1024 bytes', '!', 'version 16.12'],
    footer: ['end'],
    diffFrame: () => ({ before: [], after: [] }),
  },
  checkpointMissing: (name) => `%Error opening flash:${name} (No such file or directory)`,
  commands: [
    cmd('enable', EXEC, { kind: 'enable' }),
    cmd('disable', PRIV, { kind: 'disable' }),
    cmd('logout', EXEC, { kind: 'exit' }),
    cmd('show running-config', PRIV, { kind: 'show-config' }),
    cmd('configure terminal', PRIV, { kind: 'configure', candidate: false, say: 'Enter configuration commands, one per line.  End with CNTL/Z.\n' }),
    cmd('write memory', PRIV, { kind: 'save', say: 'Building configuration...\n[OK]\n' }),
    cmd('copy running-config <word>', PRIV, {
      kind: 'checkpoint-save', arg: 2, asks: (name) => `Destination filename [${name}]? `,
      say: '2817 bytes copied in 0.120 secs (23475 bytes/sec)\n',
    }),
    cmd('configure replace <word> force', PRIV, { kind: 'checkpoint-restore', arg: 2, say: 'Total number of passes: 1\nRollback Done\n\n' }),
    ...ciscoCommon({ show: EXEC, interfaces: 'show interfaces' }),
  ],
};

export const ciscoNxos: LabPlatform = {
  initialMode: 'privileged',
  topMode: 'privileged',
  prompt: { user: (c) => `${c.host}> `, privileged: (c) => `${c.host}# `, config: (c) => `${iosPrompt(c.host, c.section)} ` },
  banner: () => [
    'Cisco NX-OS Software',
    'Copyright (c) 2002-2019, Cisco Systems, Inc. All rights reserved.',
    'Nexus 9000v software ("NX-OSv9K") and related documentation,',
    'files or other reference materials ("Documentation") are',
    'the proprietary property and confidential information of Cisco',
    'Systems, Inc. ("Cisco") and are protected, without limitation,',
    'pursuant to United States and International copyright and trademark',
    'laws in the applicable jurisdiction which provide civil and criminal',
    'penalties for copying or distribution without Cisco\'s authorization.',
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
    kind: 'blocks', indent: '  ', ...CISCO_VOCABULARY,
    header: () => ['', '!Command: show running-config', '!Running configuration last done at: Fri May 28 20:56:59 2021', ''],
    footer: [],
    diffFrame: () => ({ before: [], after: [] }),
  },
  checkpointMissing: (name) => `% Invalid checkpoint name ${name}: checkpoint does not exist`,
  commands: [
    cmd('show running-config', ['privileged', 'config'], { kind: 'show-config' }),
    // The recording: `end` outside config mode answers with the prompt alone.
    cmd('end', PRIV, { kind: 'nothing' }),
    cmd('configure terminal', PRIV, { kind: 'configure', candidate: false, say: 'Enter configuration commands, one per line. End with CNTL/Z.\n' }),
    cmd('copy running-config startup-config', PRIV, {
      kind: 'save', say: '[########################################] 100%\nCopy complete, now saving to disk (please wait)...\nCopy complete.\n',
    }),
    cmd('checkpoint <word>', PRIV, { kind: 'checkpoint-save', arg: 1, say: '...........Done\n' }),
    cmd('rollback running-config checkpoint <word>', PRIV, {
      kind: 'checkpoint-restore', arg: 3,
      say: 'Note: Applying config parallelly may fail Rollback verification\nCollecting Running-Config\n#Generating Rollback Patch\nExecuting Rollback Patch\nRollback completed successfully.\n',
    }),
    // The recording: `terminal width`/`length` answer with the prompt alone in config mode too,
    // and `show` commands work there.
    ...ciscoCommon({ show: PRIV, interfaces: 'show interface', terminal: { modes: ['privileged', 'config'] }, showInConfig: true }),
  ],
};

/** IOS-XR prints the time above every answer; its captures already start with one. */
const XR_STAMP = 'Fri May 28 23:21:45.779 UTC\n';
const xrPrompt = (host: string) => `RP/0/RSP0/CPU0:${host}`;

export const ciscoXr: LabPlatform = {
  initialMode: 'privileged',
  topMode: 'privileged',
  prompt: { user: (c) => `${xrPrompt(c.host)}>`, privileged: (c) => `${xrPrompt(c.host)}#`, config: (c) => iosPrompt(xrPrompt(c.host), c.section) },
  banner: (host) => `\nIMPORTANT:  READ CAREFULLY\nWelcome to the lab version of Cisco IOS XRv on ${host}.\nUnauthorized access is prohibited.\n`,
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
  dialect: {
    kind: 'blocks', indent: ' ', ...CISCO_VOCABULARY,
    header: () => ['Building configuration...', '!! IOS XR Configuration version = 6.5.3', '!'],
    footer: ['end'],
    diffFrame: () => ({ before: ['Building configuration...', '!! IOS XR Configuration 6.5.3'], after: ['end'] }),
  },
  checkpointMissing: (name) => `% Invalid input detected: no checkpoint ${name}`,
  commands: [
    cmd('show running-config', ['privileged', 'config'], { kind: 'show-config' }),
    cmd('configure terminal', PRIV, { kind: 'configure', candidate: true }),
    cmd('configure', PRIV, { kind: 'configure', candidate: true }),
    cmd('show commit changes diff', CFG, { kind: 'diff' }),
    cmd('show configuration', CFG, { kind: 'diff' }),
    cmd('commit', CFG, { kind: 'commit', leave: false, say: '', persistent: true }),
    cmd('abort', CFG, { kind: 'abort' }),
    cmd('rollback configuration last <n>', PRIV, {
      kind: 'rollback-running', arg: 3,
      say: 'Loading Rollback Changes.\nLoaded Rollback Changes in 1 sec\nCommitting.\nUpdated Commit database in 1 sec\nConfiguration successfully rolled back.\n',
    }),
    ...ciscoCommon({ show: PRIV, interfaces: 'show interfaces' }),
  ],
};
