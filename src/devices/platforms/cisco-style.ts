/** What the Cisco-style platform descriptions share (IOS, NX-OS, EOS), from the recorded sessions. */
import type { PlatformDescription } from '../platform-types.js';

/** Characters a hostname may hold in a prompt. */
export const HOST = String.raw`[\w.\-@/:]{1,63}`;
export const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `(config)`, `(config-if)`, `(config-s-netops)`, `(tcl)`: the mode in brackets after the name. */
export const MODE = String.raw`(?:\([\w.\-/]+\))?`;

/** `name>`, `name#`, `name(config-if)#`, with the trailing space NX-OS and EOS add. */
const ciscoStylePrompt = (): RegExp => new RegExp(String.raw`(?:^|\n)(?<host>${HOST})${MODE}[>#]\s*$`);
const ciscoStylePrivileged = (host: string): RegExp => new RegExp(String.raw`(?:^|\n)${escapeRegex(host)}#\s*$`);

/** Prompts and pager as IOS, NX-OS and EOS share them (NX-OS and EOS add a space after the prompt). */
export const CISCO_STYLE = {
  promptPattern: ciscoStylePrompt(),
  privilegedPrompt: ciscoStylePrivileged,
  pagerPattern: /\s*--More--\s*$/,
  pagerContinue: ' ',
} as const satisfies Partial<PlatformDescription>;

/** IOS and NX-OS: `configure terminal`, each line takes effect as typed, `end` leaves. */
export const CONFIG_TERMINAL = {
  applies: 'per-line',
  enter: () => ['configure terminal'],
  commit: () => [],
  leave: ['end'],
  abort: ['end'],
} as const satisfies Partial<PlatformDescription['config']>;

/** `enable`, then the secret at `Password:`. */
export const ENABLE = { command: 'enable', passwordPrompt: /(?:^|\n)Password:\s*$/ };

/** `copy running-config flash:x` asks where to; the name given is the answer. */
export const DESTINATION = /Destination filename \[[^\]\n]*\]\?\s*$/;
