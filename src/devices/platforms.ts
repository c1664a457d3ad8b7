import type { PlatformId } from '../core/types.js';
import type { PlatformDescription } from './platform-types.js';
import { CISCO_STYLE, ENABLE, ciscoIos, ciscoNxos, ciscoXr, escape } from './platforms-cisco.js';

/**
 * Arista EOS, from ../shared/fixtures/sessions/arista_eos.yaml: Cisco-style prompts and
 * enable, its own terse error lines, and configuration sessions for changes.
 */
const aristaEos: PlatformDescription = {
  id: 'arista_eos',
  label: 'Arista EOS',
  ...CISCO_STYLE,
  onOpen: ['terminal length 0', 'terminal width 32767'],
  enable: ENABLE,
  errorPatterns: [
    /^% Invalid input.*$/m,
    /^% Incomplete command.*$/m,
    /^% Ambiguous command.*$/m,
    /^% Unavailable command.*$/m,
    /^% Cannot commit.*$/m,
  ],
  config: {
    applies: 'candidate',
    enter: (session) => [`configure session ${session}`],
    diff: 'show session-config diffs',
    // EOS leaves the session for privileged mode on commit and on abort.
    commit: () => ['commit'],
    leave: [],
    abort: ['abort'],
    save: ['write memory'],
    checkpoint: (name) => [`copy running-config flash:${name}`],
    restore: ({ checkpoint }) => [`configure replace flash:${checkpoint}`],
  },
};

/**
 * Juniper Junos, from ../shared/fixtures/sessions/juniper_junos.yaml: `user@name>` in
 * operational mode, `[edit]` above `user@name#` in configuration mode, `---(more)---`.
 * A device without a host-name prompts with the user alone (`boxen>` in the recording).
 */
const JUNOS_PROMPT = new RegExp(
  String.raw`(?:^|\n)(?:(?:\{[\w:]+\})?(?:\[edit[^\]\n]*\])?\n)?(?:[\w.\-]+@)?(?<host>[\w.\-]{1,63})[>#] ?$`,
);

const juniperJunos: PlatformDescription = {
  id: 'juniper_junos',
  label: 'Juniper Junos',
  promptPattern: JUNOS_PROMPT,
  // Junos has no privilege levels to climb; the operational prompt is as far as it goes.
  privilegedPrompt: (host) => new RegExp(String.raw`(?:^|\n)(?:[\w.\-]+@)?${escape(host)}> ?$`),
  // complete-on-space off first, so the words that follow are taken as typed.
  onOpen: ['set cli complete-on-space off', 'set cli screen-length 0', 'set cli screen-width 511'],
  pagerPattern: /\n?---\(more(?: \d+%)?\)---\s*$/,
  pagerContinue: ' ',
  errorPatterns: [
    /^syntax error.*$/m,
    /^unknown command\.$/m,
    /^error: .*$/m,
    /^'[^'\n]*' is ambiguous\.$/m,
    /^missing argument\.$/m,
  ],
  config: {
    applies: 'candidate',
    // A private candidate: another user's uncommitted changes are never committed with ours.
    enter: () => ['configure private'],
    diff: 'show | compare',
    check: 'commit check',
    // `commit confirmed` reverts by itself unless confirmed; the confirming commit is the save,
    // which runs only after verification passed. A change that cuts the bot off reverts on its own.
    commit: ({ confirmMinutes }) => (confirmMinutes ? [`commit confirmed ${confirmMinutes}`] : ['commit']),
    leave: ['exit'],
    abort: ['rollback 0', 'exit'],
    save: ['configure private', 'commit', 'exit'],
    saveCommits: 1,
    restore: ({ commits }) => ['configure private', `rollback ${commits}`, 'commit', 'exit'],
  },
};

/** One description per platform: every difference the session code needs is here. */
export const PLATFORMS: Record<PlatformId, PlatformDescription> = {
  cisco_ios: ciscoIos,
  cisco_nxos: ciscoNxos,
  cisco_xr: ciscoXr,
  arista_eos: aristaEos,
  juniper_junos: juniperJunos,
};

export function platformOf(id: PlatformId): PlatformDescription | undefined {
  return PLATFORMS[id];
}
