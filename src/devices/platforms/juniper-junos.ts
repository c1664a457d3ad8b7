import type { DailyCli, InterfaceCli, PlatformDescription, ReadOnlyRules } from '../platform-types.js';
import { PIPELINED_SETUP, escapeRegex } from './cisco-style.js';

/**
 * Juniper Junos, from ../shared/fixtures/sessions/juniper_junos.yaml: `user@name>` in
 * operational mode, `[edit]` above `user@name#` in configuration mode, `---(more)---`.
 * A device without a host-name prompts with the user alone (`boxen>` in the recording).
 */
const JUNOS_PROMPT = /(?:^|\n)(?:(?:\{[\w:]+\})?(?:\[edit[^\]\n]*\])?\n)?(?:[\w.-]+@)?(?<host>[\w.-]{1,63})[>#] ?$/;

/**
 * Leaving a private candidate that still holds changes asks whether to discard them; only the
 * abort path can meet that question (after `rollback 0` there is nothing left), and yes is its intent.
 */
const EXIT_DISCARDING = { command: 'exit', asks: /Discard uncommitted changes\? \[yes,no\] \(yes\) ?$/, answer: 'yes' };

// --- The everyday read commands (daily-commands) ---------------------------------------------
/** Junos' default instance is inet.0, named by no routing-instance: `vrf=default` is it. */
const named = (vrf?: string) => vrf !== undefined && vrf !== 'default';

const DAILY: DailyCli = {
  bgp: ['show bgp summary'],
  neighbors: ['show lldp neighbors'],
  arp: ['show arp no-resolve'],
  arpOf: (ip) => `show arp no-resolve hostname ${ip}`,
  mac: (vlan) => `show ethernet-switching table${vlan ? ` vlan-id ${vlan}` : ''}`,
  // Junos prints MACs as aa:bb:cc:dd:ee:ff.
  macOf: (mac) => `show ethernet-switching table | match ${mac.replace(/\./g, '').replace(/(..)(?!$)/g, '$1:')}`,
  ports: ['show interfaces terse'],
  ospf: ['show ospf neighbor'],
  route: (p, vrf) => `show route ${p.address}/${p.length}${named(vrf) ? ` table ${vrf}.inet.0` : ''}`,
  // Without a count Junos pings until interrupted.
  ping: (target, count, vrf) => `ping ${target} count ${count} rapid${named(vrf) ? ` routing-instance ${vrf}` : ''}`,
};

const READ_ONLY: ReadOnlyRules = {
  // `show` only: never `request`, `file`, `start shell`, `restart`, `clear`.
  roots: ['show'],
  modifiers: ['match', 'except', 'count', 'display set'],
  vocabulary: [
    'append',
    'count',
    'compare',
    'display',
    'except',
    'find',
    'hold',
    'last',
    'match',
    'no-more',
    'refresh',
    'request',
    'resolve',
    'save',
    'tee',
    'trim',
  ],
  separators: [],
};
// ---------------------------------------------------------------------------------------------

// --- The interface change commands ------------------------------------------------------------
/**
 * Junos names are typed in full (ge-0/0/1, et-0/0/1, xe-0/0/2): no abbreviation. The
 * description goes in double quotes, so it cannot hold one, nor the backslash the CLI escapes with.
 */
const INTERFACES: InterfaceCli = {
  types: [],
  shutdown: (name) => [`set interfaces ${name} disable`],
  enable: (name) => [`delete interfaces ${name} disable`],
  describe: (name, text) => [`set interfaces ${name} description "${text}"`],
  refused: [
    { char: '"', why: 'Junos quotes the description with it' },
    { char: '\\', why: 'the Junos CLI reads it as an escape' },
    { char: '?', why: 'the CLI reads it as a request for help' },
  ],
  descriptionMax: 900,
  descriptions: 'show interfaces descriptions',
};
// ---------------------------------------------------------------------------------------------

export const juniperJunos: PlatformDescription = {
  daily: DAILY,
  readOnly: READ_ONLY,
  interfaces: INTERFACES,
  id: 'juniper_junos',
  label: 'Juniper Junos',
  promptPattern: JUNOS_PROMPT,
  // Junos has no privilege levels to climb; the operational prompt is as far as it goes.
  privilegedPrompt: (host) => new RegExp(String.raw`(?:^|\n)(?:[\w.\-]+@)?${escapeRegex(host)}> ?$`),
  // complete-on-space off first, so the words that follow are taken as typed.
  // Typed ahead, the later lines are read only after complete-on-space is off (the CLI reads
  // typed-ahead lines one by one, after each prompt), so they are still taken as typed.
  onOpen: ['set cli complete-on-space off', 'set cli screen-length 0', 'set cli screen-width 511'],
  ...PIPELINED_SETUP,
  pagerPattern: /\n?---\(more(?: \d+%)?\)---\s*$/,
  pagerContinue: ' ',
  // Timestamps and sizes of the listing (backups and drift leave them out).
  configNoise: /^\s*## Last (?:commit|changed): .*$/,
  errorPatterns: [/^syntax error.*$/m, /^unknown command\.$/m, /^error: .*$/m, /^'[^'\n]*' is ambiguous\.$/m, /^missing argument\.$/m],
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
    abort: ['rollback 0', EXIT_DISCARDING],
    save: ['configure private', 'commit', 'exit'],
    saveCommits: 1,
    restore: ({ commits }) => ['configure private', `rollback ${commits}`, 'commit', 'exit'],
  },
};
