/**
 * The views a simulated device gives of one configuration: hierarchical (IOS-XR nested blocks,
 * Junos braces), flat (IOS-XR `show running-config formal`, Junos `| display set`), one part of
 * it (`show running-config ntp`, `show configuration system ntp`), and IOS-XR's commit list.
 * An output modifier that swaps in another view of the configuration (`| display set`) calls
 * `flatView` with the same source the command it follows was shown from.
 */
import type { ConfigStore, LastChange } from './config-store.js';
import type { LabAction } from './lab-platforms.js';

export type ConfigViewName = 'hierarchical' | 'flat' | 'section' | 'commit-list';

/** What a view is made from: the configuration shown (running, or a session's candidate) and the device's name. */
export interface ViewSource {
  config: ConfigStore;
  host: string;
  /** The device's last commit, which the headers name. */
  last?: LastChange;
}

/** One commit as IOS-XR lists it. */
export interface CommitRecord {
  id: number;
  user: string;
  /** The terminal line the commit came from (`vty0:node0_RSP0_CPU0`). */
  line: string;
  client: 'CLI' | 'Rollback' | 'NETCONF';
  time: Date;
  /** The comment the commit was made with (Junos `commit comment`, NETCONF `<log>`). */
  log?: string;
}

export const hierarchicalView = (s: ViewSource): string => s.config.render(s.host, s.last);

/** One full line per statement: IOS-XR `show running-config formal`, Junos `show configuration | display set`. */
export const flatView = (s: ViewSource): string => s.config.renderFlat(s.host, s.last);

/** Junos' name for the flat view. */
export const displaySet = flatView;

/** The part the words name, or undefined when the device has none of it. */
export const sectionView = (s: ViewSource, words: string[]): string | undefined => s.config.section(words);

// A column's width holds one space after its value.
const pad = (s: string, n: number) => s.slice(0, n - 1).padEnd(n);

/** `Thu Jun  3 10:01:02 2021`, as IOS-XR stamps a commit. */
export function xrTime(t: Date): string {
  const [day, date, month, year, clock] = t.toUTCString().replace(',', '').split(' ');
  return `${day} ${month} ${String(Number(date)).padStart(2)} ${clock} ${year}`;
}

/** IOS-XR `show configuration commit list`: newest first, numbered from 1. */
export function commitListView(commits: readonly CommitRecord[]): string {
  const rows = [...commits]
    .reverse()
    .map(
      (c, i) => `${pad(String(i + 1), 5)}${pad(String(c.id), 22)}${pad(c.user, 10)}${pad(c.line, 20)}${pad(c.client, 12)}${xrTime(c.time)}`,
    );
  return [
    'SNo. Label/ID              User      Line                Client      Time Stamp',
    '~~~~ ~~~~~~~~              ~~~~      ~~~~                ~~~~~~      ~~~~~~~~~~',
    ...rows,
  ].join('\n');
}

/** The next commit id: IOS-XR numbers commits from 1000000001. */
export const nextCommitId = (commits: readonly CommitRecord[]): number => (commits.at(-1)?.id ?? 1000000000) + 1;

/** What a `config-view` command prints, line end included ('' for an empty part). */
export function viewText(
  a: Extract<LabAction, { kind: 'config-view' }>,
  tokens: string[],
  src: ViewSource,
  commits: readonly CommitRecord[],
): string {
  const text =
    a.view === 'commit-list'
      ? (a.list ?? commitListView)(commits)
      : a.view === 'flat'
        ? flatView(src)
        : a.view === 'hierarchical'
          ? hierarchicalView(src)
          : (sectionView(src, tokens.slice(a.arg ?? tokens.length)) ?? a.missing ?? '');
  return text ? `${text}\n` : '';
}
