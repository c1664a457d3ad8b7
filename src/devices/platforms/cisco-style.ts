/** What the Cisco-style platform descriptions share (IOS, NX-OS, EOS), from the recorded sessions. */
import type { InterfaceCli, PlatformDescription } from '../platform-types.js';

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

/**
 * `enable`, then the secret at `Password:`. At the privileged prompt `enable` only prints the
 * prompt again (cisco_iosxe.yaml and arista_eos.yaml, privilege_exec `enable`: the output is the
 * `#` prompt), so it is typed ahead with the set-up: a login that lands privileged costs nothing.
 */
export const ENABLE = { command: 'enable', passwordPrompt: /(?:^|\n)Password:\s*$/, harmlessWhenPrivileged: true };

/**
 * Why the set-up may be typed ahead on every platform here: the recorded sessions run the
 * `on_open_inputs` at the exec (user) level as well as privileged (`terminal length 0` and
 * `terminal width` answer with the `>` prompt), so they need no enable first; and these CLIs
 * take lines typed ahead, each read and echoed after the previous prompt: Netmiko's
 * send_config_set with fast_cli writes every line back to back without reading (netmiko 2.4.2
 * base_connection.py), for all five platforms. Width and length stay two commands (no platform
 * takes both in one); typed ahead together they cost one round trip, which is what folding would buy.
 */
export const PIPELINED_SETUP = { pipelineSetup: true } as const;

/** `copy running-config flash:x` asks where to; the name given is the answer. */
export const DESTINATION = /Destination filename \[[^\]\n]*\]\?\s*$/;

/**
 * The interface lines the Cisco-style CLIs share (IOS, NX-OS, IOS-XR, EOS): `interface X`,
 * then the statement indented under it. The description is the rest of the line, taken as
 * typed; `?` is the CLI's help key (typed, it lists the choices instead of being kept).
 */
export function ciscoInterfaces(o: {
  types: string[];
  descriptionMax: number;
  refused?: InterfaceCli['refused'];
  descriptions?: string;
}): InterfaceCli {
  return {
    types: o.types,
    shutdown: (name) => [`interface ${name}`, ' shutdown'],
    enable: (name) => [`interface ${name}`, ' no shutdown'],
    describe: (name, text) => [`interface ${name}`, ` description ${text}`],
    refused: [{ char: '?', why: 'the CLI reads it as a request for help' }, ...(o.refused ?? [])],
    descriptionMax: o.descriptionMax,
    descriptions: o.descriptions ?? 'show interfaces description',
  };
}
