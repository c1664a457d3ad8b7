/**
 * What the simulated Cisco-style CLIs share (IOS, NX-OS, IOS-XR, and EOS, which borrows them).
 */
import type { BlockDialect } from '../block-config.js';
import type { ConfigStore } from '../config-store.js';
import type { PortConfig } from '../outputs/device-view.js';
import type { LabCommand, LabMode, Say } from '../lab-platforms.js';
import { type PipeSpec, pipe } from '../output-modifiers.js';

export const EXEC: LabMode[] = ['user', 'privileged'];
export const PRIV: LabMode[] = ['privileged'];
export const CFG: LabMode[] = ['config'];
export const caret = (col: number) => `${' '.repeat(col)}^\n`;

/** Configuration words the simulated Cisco-style devices accept (EOS shares them). */
export const CISCO_VOCABULARY: Pick<BlockDialect, 'globalWords' | 'sectionWords' | 'sections' | 'singletons'> = {
  globalWords: [
    'hostname',
    'interface',
    'ip',
    'ipv6',
    'ntp',
    'snmp-server',
    'logging',
    'username',
    'enable',
    'line',
    'router',
    'banner',
    'service',
    'vlan',
    'access-list',
    'aaa',
    'clock',
    'spanning-tree',
    'vrf',
    'feature',
    'ssh',
    'management',
    'version',
  ],
  sectionWords: [
    'description',
    'ip',
    'ipv4',
    'ipv6',
    'shutdown',
    'switchport',
    'speed',
    'duplex',
    'mtu',
    'login',
    'transport',
    'network',
    'neighbor',
    'name',
    'vrf',
    'channel-group',
    'group',
    'secret',
    'server',
    'password',
  ],
  sections: [
    { head: /^interface \S+$/, tag: 'if' },
    { head: /^router /, tag: 'router' },
    { head: /^line /, tag: 'line' },
    { head: /^vlan \d+$/, tag: 'vlan' },
    { head: /^username \S+$/, tag: 'un' },
    { head: /^ntp$/, tag: 'ntp' },
    { head: /^management /, tag: 'mgmt' },
  ],
  singletons: [
    'hostname',
    'description',
    'ip address',
    'ipv4 address',
    'ip domain name',
    'snmp-server location',
    'snmp-server contact',
    'name',
    'mtu',
  ],
};

export const cmd = (words: string, modes: LabMode[], action: LabCommand['action']): LabCommand => ({
  words: words.split(' '),
  modes,
  action,
});

/**
 * How a platform answers `terminal length`/`terminal width`, and in which modes (default:
 * where `show` works, silently, as IOS, NX-OS and IOS-XR do in the recordings).
 */
export interface TerminalAnswers {
  modes?: LabMode[];
  length?: Say;
  width?: Say;
}

/** What every Cisco-style CLI here shares: paging, show commands, leaving config mode, config lines. */
export const ciscoCommon = (o: {
  show: LabMode[];
  interfaces: string;
  terminal?: TerminalAnswers;
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

/** `host(config)#`, `host(config-if)#`: the config prompt IOS, NX-OS and IOS-XR share. */
export const iosPrompt = (host: string, tag?: string) => `${host}(config${tag ? `-${tag}` : ''})#`;

/**
 * The filters every Cisco-style CLI has (`| include`, `| exclude`, `| begin`), and
 * `| section` where the platform has it (IOS, NX-OS, EOS; IOS-XR has none).
 */
export const ciscoFilters = (o: { section: boolean }): PipeSpec[] => [
  pipe('include <regex>', { kind: 'include' }),
  pipe('exclude <regex>', { kind: 'exclude' }),
  pipe('begin <regex>', { kind: 'begin' }),
  ...(o.section ? [pipe('section <regex>', { kind: 'section' })] : []),
];

/** A port's `interface X` block: ` shutdown` under it, and its ` description`. */
export function blockPortConfig(running: ConfigStore, port: string): PortConfig {
  const block = running.section(['interface', port]) ?? '';
  const description = /^\s+description (.*?)\s*$/m.exec(block)?.[1];
  return { shut: /^\s+shutdown\s*$/m.test(block), ...(description === undefined ? {} : { description }) };
}
