/** Simulated Juniper Junos, from ../shared/fixtures/sessions/juniper_junos.yaml. */
import type { DatabaseTexts, Editor } from '../candidate-databases.js';
import { dailyCommands } from '../outputs/daily-commands.js';
import { juniperJunosOutputs } from '../outputs/juniper-junos.js';
import type { DailyLab } from '../outputs/renderers.js';
import type { PortConfig } from '../outputs/device-view.js';
import type { ConfigStore } from '../config-store.js';
import type { LabMode, LabPlatform } from '../lab-platforms.js';
import { byOutput, type PipeTable, pipe } from '../output-modifiers.js';
import { junosConfigXml } from '../views/junos-config-xml.js';
import { junosVersionJson, junosVersionXml } from '../views/junos-views.js';
import { type CommitRecord, flatView } from '../config-views.js';
import { CFG, caret, cmd } from './cisco-style.js';
import { junosNetconf } from '../netconf/junos-rpcs.js';

const OP: LabMode[] = ['user'];

const junosTime = (t: Date) => `${t.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
/** The commit the base configuration came from, before the lab's own. */
const BASE_COMMIT = '2021-05-28 22:43:53 UTC by netops';

/**
 * `show system commit`: newest first from 0, each by whom and how (`via cli`, `via netconf`),
 * its log comment on the line under it, and the base configuration's commit last.
 */
function systemCommit(commits: readonly CommitRecord[]): string {
  const lines = [...commits]
    .reverse()
    .flatMap((c, i) => [
      `${String(i).padEnd(4)}${junosTime(c.time)} by ${c.user} via ${c.client === 'NETCONF' ? 'netconf' : 'cli'}`,
      ...(c.log ? [`    ${c.log}`] : []),
    ]);
  return [...lines, `${String(commits.length).padEnd(4)}${BASE_COMMIT} via cli`].join('\n');
}
const CHANGED = 'The configuration has been changed but not committed';
const DISCARD = 'Discard uncommitted changes? [yes,no] (yes) ';
const PRIVATE_WARNING = 'warning: uncommitted changes will be discarded on exit\n';

/** What Junos says about its candidate databases (Juniper's CLI guide, and a live vJunos transcript for the refusals). */
const DATABASES: DatabaseTexts = {
  entering: {
    shared: 'Entering configuration mode\n',
    private: `${PRIVATE_WARNING}Entering configuration mode\n`,
    exclusive: `${PRIVATE_WARNING}Entering configuration mode\n`,
  },
  editorsHeading: 'Users currently editing the configuration:',
  editor: (e: Editor, exclusive: boolean) =>
    `  ${e.user} terminal pts/${e.pid % 100} (pid ${e.pid}) on since ${junosTime(e.since)}\n      ${exclusive ? 'exclusive ' : ''}[edit]`,
  changedNotCommitted: CHANGED,
  sharedModified: 'error: shared configuration database modified',
  modified: 'error: configuration database modified',
  lockedBy: 'error: configuration database locked by:',
  // Netmiko's exit_config_mode answers `yes` to "Exit with uncommitted changes?".
  exitAsk: {
    shared: `${CHANGED}\nExit with uncommitted changes? [yes,no] (yes) `,
    private: `${CHANGED}\n${DISCARD}`,
    exclusive: `${CHANGED}\nwarning: Auto rollback on exiting 'configure exclusive'\n${DISCARD}`,
  },
  discarded: {
    private: 'warning: discarding uncommitted changes\n',
    exclusive: 'warning: discarding uncommitted changes\nload complete\n',
  },
};

// --- What tools send (lab-cli) ------------------------------------------------------------
/** Ansible's junipernetworks.junos terminal plugin turns the CLI's timestamp off first; Junos answers with the prompt. */
const TOOL_COMMANDS = [cmd('set cli timestamp disable', OP, { kind: 'nothing' })];
/**
 * Junos modifiers chain (`| display set | match ntp`); `match` and `except` ignore case.
 * `display xml` / `display json` / `display set` are other views of the same output, one per output that has
 * one: the configuration side's views plug in here as `configuration: <its view>` (until
 * then the configuration's are drawn from the set statements the device holds).
 */
const PIPES: PipeTable = {
  chain: true,
  regex: 'posix',
  specs: [
    pipe('match <regex>', { kind: 'include', ignoreCase: true }),
    pipe('except <regex>', { kind: 'exclude', ignoreCase: true }),
    pipe('find <regex>', { kind: 'begin', ignoreCase: true }),
    pipe('count', { kind: 'count', say: (n) => `Count: ${n} lines` }),
    pipe('last <n>', { kind: 'last' }),
    pipe('no-more', { kind: 'no-more' }),
    pipe('display xml', { kind: 'view', view: byOutput({ 'show-version': junosVersionXml, configuration: junosConfigXml }) }),
    pipe('display json', { kind: 'view', view: byOutput({ 'show-version': junosVersionJson }) }),
    // The configuration side's own flat view, from the same source the command showed.
    pipe('display set', {
      kind: 'view',
      view: byOutput({
        configuration: (c) => flatView({ config: c.config, host: c.device.hostname, last: c.device.state.commits?.at(-1) }),
      }),
    }),
  ],
};
// ---------------------------------------------------------------------------------------------

// --- The everyday read commands (daily-commands): made from the lab's network ----------------
/** A port's statements: `set interfaces X disable`, `set interfaces X description "..."`. */
function junosPortConfig(running: ConfigStore, port: string): PortConfig {
  const own = running.statements().filter((l) => l.startsWith(`interfaces ${port} `));
  const d = own.map((l) => /^interfaces \S+ description (?:"(.*)"|(\S+))$/.exec(l)).find(Boolean);
  return { shut: own.includes(`interfaces ${port} disable`), ...(d ? { description: d[1] ?? d[2] } : {}) };
}

const DAILY: DailyLab = {
  port: (k) => ({ full: `ge-0/0/${k}`, short: `ge-0/0/${k}` }),
  render: juniperJunosOutputs,
  portConfig: junosPortConfig,
};
const DAILY_COMMANDS = dailyCommands(OP, {
  'bgp-summary': 'show bgp summary',
  'lldp-neighbors': 'show lldp neighbors',
  'arp-table': ['show arp no-resolve', 'show arp no-resolve <rest>'],
  'mac-table': ['show ethernet-switching table', 'show ethernet-switching table <rest>'],
  'port-status': 'show interfaces terse',
  'interface-descriptions': 'show interfaces descriptions',
  'ospf-neighbors': 'show ospf neighbor',
  route: 'show route <rest>',
  ping: 'ping <rest>',
  // One port (`show interfaces ge-0/0/1`, `... ge-0/0/1 terse`); `show interfaces` alone is the common command, served live all the same.
  'show-interfaces': 'show interfaces <rest>',
});
// ---------------------------------------------------------------------------------------------

export const juniperJunos: LabPlatform = {
  initialMode: 'user',
  topMode: 'user',
  prompt: {
    user: (c) => `\n${c.user}@${c.host}> `,
    privileged: (c) => `\n${c.user}@${c.host}> `,
    config: (c) => `\n[edit]\n${c.user}@${c.host}# `,
  },
  banner: () => '--- JUNOS 17.3R2.10 Kernel 64-bit  JNPR-11.0-20180127.fdc8dfc_buil\n',
  enablePasswordPrompt: 'Password: ',
  enableFailure: '',
  pagerMark: '---(more)---',
  pagerErase: '\b'.repeat(12) + ' '.repeat(12) + '\b'.repeat(12),
  defaultPageLength: 24,
  // Junos answers with a blank line before the output.
  lead: () => ' \n',
  errors: {
    invalid: ({ column, word, mode }) =>
      `${caret(column)}${word === 0 ? 'unknown command.' : mode === 'config' ? 'syntax error.' : 'syntax error, expecting <command>.'}\n`,
    incomplete: (column) => `${caret(column)}syntax error, expecting <command>.\n`,
    ambiguous: (input, column) => `${caret(column)}'${input.split(/\s+/).at(-1)}' is ambiguous.\n`,
  },
  captures: {
    'show-version': 'show_version',
    'show-interfaces': 'show_interfaces',
    'show-inventory': 'show_chassis_hardware',
    'show-system-uptime': 'show_system_uptime',
  },
  hostnameIn: [/^Hostname:\s*(\S+)/m],
  dialect: {
    kind: 'set',
    topLevel: [
      'system',
      'interfaces',
      'protocols',
      'snmp',
      'routing-options',
      'policy-options',
      'firewall',
      'security',
      'vlans',
      'chassis',
      'routing-instances',
      'class-of-service',
    ],
    singletons: ['host-name', 'description', 'location', 'contact', 'domain-name', 'time-zone', 'class', 'uid', 'encrypted-password'],
    // `set interfaces ge-0/0/1 disable` is `disable;` under `ge-0/0/1`, as Junos shows it.
    flags: ['disable'],
    pairs: [
      'unit',
      'host',
      'family',
      'user',
      'file',
      'group',
      'neighbor',
      'term',
      'policy-statement',
      'from-zone',
      'to-zone',
      'security-zone',
      'community',
      'interface',
    ],
    header: (_host, last) => [`## Last commit: ${last ? `${junosTime(last.time)} by ${last.user}` : BASE_COMMIT}`, 'version 17.3R2.10;'],
  },
  checkpointMissing: (name) => `error: no rollback named ${name}`,
  daily: DAILY,
  commands: [
    ...DAILY_COMMANDS,
    cmd('set cli complete-on-space off', OP, { kind: 'nothing', say: 'Disabling complete-on-space\n' }),
    cmd('set cli screen-length <n>', OP, { kind: 'paging', arg: 3, say: (n) => `Screen length set to ${n}\n` }),
    cmd('set cli screen-width <n>', OP, { kind: 'nothing', arg: 3, say: (n) => `Screen width set to ${n}\n` }),
    cmd('show version', OP, { kind: 'output', name: 'show-version' }),
    cmd('show interfaces', OP, { kind: 'output', name: 'show-interfaces' }),
    cmd('show chassis hardware', OP, { kind: 'output', name: 'show-inventory' }),
    cmd('show system uptime', OP, { kind: 'output', name: 'show-system-uptime' }),
    cmd('show configuration', OP, { kind: 'show-config' }),
    cmd('show system commit', OP, { kind: 'config-view', view: 'commit-list', list: systemCommit }),
    cmd('show configuration <rest>', OP, { kind: 'config-view', view: 'section', arg: 2 }),
    cmd('configure', OP, { kind: 'configure-database', database: 'shared', texts: DATABASES }),
    cmd('configure private', OP, { kind: 'configure-database', database: 'private', texts: DATABASES }),
    cmd('configure exclusive', OP, { kind: 'configure-database', database: 'exclusive', texts: DATABASES }),
    cmd('exit', OP, { kind: 'exit' }),
    cmd('quit', OP, { kind: 'exit' }),
    cmd('set <rest>', CFG, { kind: 'config-line' }),
    cmd('delete <rest>', CFG, { kind: 'config-line' }),
    cmd('show', CFG, { kind: 'show-config' }),
    cmd('show | compare', CFG, { kind: 'diff' }),
    cmd('show <rest>', CFG, { kind: 'config-view', view: 'section', arg: 1, candidate: true }),
    cmd('commit', CFG, { kind: 'commit', leave: false, say: 'commit complete\n', persistent: true }),
    cmd('commit check', CFG, { kind: 'commit-check', say: 'configuration check succeeds\n' }),
    cmd('commit confirmed <n>', CFG, {
      kind: 'commit',
      confirmedArg: 2,
      leave: false,
      persistent: true,
      say: 'commit confirmed will be automatically rolled back in {n} minutes unless confirmed\ncommit complete\n\n# commit confirmed will be rolled back in {n} minutes\n',
    }),
    cmd('rollback', CFG, { kind: 'rollback-candidate', say: 'load complete\n' }),
    cmd('rollback <n>', CFG, { kind: 'rollback-candidate', arg: 1, say: 'load complete\n' }),
    cmd('exit', CFG, { kind: 'end', say: 'Exiting configuration mode\n' }),
    cmd('exit configuration-mode', CFG, { kind: 'end', say: 'Exiting configuration mode\n' }),
    cmd('quit', CFG, { kind: 'end', say: 'Exiting configuration mode\n' }),
    ...TOOL_COMMANDS,
  ],
  pipes: PIPES,
  netconf: junosNetconf,
};
