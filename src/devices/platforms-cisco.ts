/**
 * The Cisco platform descriptions, from the recorded sessions in
 * ../shared/fixtures/sessions/cisco_{iosxe,nxos,iosxr}.yaml.
 */
import type { PlatformDescription } from './platform-types.js';

/** Characters a hostname may hold in a prompt. */
export const HOST = String.raw`[\w.\-@/:]{1,63}`;
export const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `(config)`, `(config-if)`, `(config-s-netops)`, `(tcl)`: the mode in brackets after the name. */
const MODE = String.raw`(?:\([\w.\-/]+\))?`;

/** `name>`, `name#`, `name(config-if)#`, with the trailing space NX-OS and EOS add. */
const ciscoStylePrompt = (): RegExp => new RegExp(String.raw`(?:^|\n)(?<host>${HOST})${MODE}[>#]\s*$`);
const ciscoStylePrivileged = (host: string): RegExp => new RegExp(String.raw`(?:^|\n)${escape(host)}#\s*$`);

/** Prompts and pager as IOS, NX-OS and EOS share them (NX-OS and EOS add a space after the prompt). */
export const CISCO_STYLE = {
  promptPattern: ciscoStylePrompt(),
  privilegedPrompt: ciscoStylePrivileged,
  pagerPattern: /\s*--More--\s*$/,
  pagerContinue: ' ',
} as const satisfies Partial<PlatformDescription>;

/** IOS and NX-OS: `configure terminal`, each line takes effect as typed, `end` leaves. */
const CONFIG_TERMINAL = {
  applies: 'per-line',
  enter: () => ['configure terminal'],
  commit: () => [],
  leave: ['end'],
  abort: ['end'],
} as const satisfies Partial<PlatformDescription['config']>;

/** `enable`, then the secret at `Password:`. */
export const ENABLE = { command: 'enable', passwordPrompt: /(?:^|\n)Password:\s*$/ };

/** `copy running-config flash:x` asks where to; the name given is the answer. */
const DESTINATION = /Destination filename \[[^\]\n]*\]\?\s*$/;

export const ciscoIos: PlatformDescription = {
  id: 'cisco_ios',
  label: 'Cisco IOS / IOS-XE',
  ...CISCO_STYLE,
  onOpen: ['terminal length 0', 'terminal width 512'],
  enable: ENABLE,
  errorPatterns: [
    /^% Invalid input detected at '\^' marker\./m,
    /^% Incomplete command\./m,
    /^% Ambiguous command:.*$/m,
    /^% Unknown command.*$/m,
    /^% Bad IP address or host name.*$/m,
    /^% Bad secrets$/m,
    /^% Configuration not allowed.*$/m,
    // File operations (checkpoint copy, configure replace): `%Error opening flash:x (No such file
    // or directory)`. Unmatched, a restore that did nothing read as a restore that worked.
    /^%Error .*$/m,
  ],
  config: {
    ...CONFIG_TERMINAL,
    save: ['write memory'],
    checkpoint: (name) => [{ command: `copy running-config flash:${name}`, asks: DESTINATION, answer: '' }],
    restore: ({ checkpoint }) => [`configure replace flash:${checkpoint} force`],
  },
};

export const ciscoNxos: PlatformDescription = {
  id: 'cisco_nxos',
  label: 'Cisco NX-OS',
  // NX-OS prints its pager mark without the spaces IOS puts around it: the pattern allows both.
  ...CISCO_STYLE,
  onOpen: ['terminal length 0', 'terminal width 511'],
  // NX-OS logs in at privileged level: no enable.
  errorPatterns: [
    /^% Invalid command at '\^' marker\./m,
    /^% Incomplete command.*$/m,
    /^% Ambiguous command.*$/m,
    /^% Invalid (?:parameter|number|ip address|range|checkpoint name).*$/m,
    /^% Permission denied.*$/m,
  ],
  config: {
    ...CONFIG_TERMINAL,
    save: ['copy running-config startup-config'],
    checkpoint: (name) => [`checkpoint ${name}`],
    restore: ({ checkpoint }) => [`rollback running-config checkpoint ${checkpoint}`],
  },
};

/** `RP/0/RSP0/CPU0:name#`, `RP/0/RP0/CPU0:name(config-if)#`: the node path, then the name. */
const XR_PROMPT = new RegExp(String.raw`(?:^|\n)(?:RP|LC)/\d+/\w+/CPU\d+:(?<host>[\w.\-]{1,63})${MODE}#\s*$`);

export const ciscoXr: PlatformDescription = {
  id: 'cisco_xr',
  label: 'Cisco IOS-XR',
  promptPattern: XR_PROMPT,
  privilegedPrompt: (host) => new RegExp(String.raw`(?:^|\n)(?:RP|LC)/\d+/\w+/CPU\d+:${escape(host)}#\s*$`),
  onOpen: ['terminal length 0', 'terminal width 512'],
  pagerPattern: /\s*--More--\s*$/,
  pagerContinue: ' ',
  errorPatterns: [
    /^% Invalid input detected at '\^' marker\./m,
    /^% Incomplete command\./m,
    /^% Ambiguous command:.*$/m,
    /^% Failed to commit.*$/m,
    /^% This command is not authorized.*$/m,
  ],
  config: {
    applies: 'candidate',
    enter: () => ['configure terminal'],
    diff: 'show commit changes diff',
    commit: () => ['commit'],
    leave: ['end'],
    abort: ['abort'],
    // An XR commit is already persistent.
    save: [],
    restore: ({ commits }) => [`rollback configuration last ${commits}`],
  },
};
