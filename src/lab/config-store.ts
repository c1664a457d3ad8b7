/**
 * A simulated device's configuration: what `show running-config` prints, what a
 * configuration line changes, and how a candidate differs from what runs. Two dialects:
 * indented blocks (IOS, NX-OS, IOS-XR, EOS) and Junos set statements.
 */
import { BlockConfig, type BlockDialect } from './block-config.js';
import { SetConfig, type SetDialect } from './set-config.js';

export type ApplyResult =
  | {
      ok: true /** the section now being edited (a block head), or undefined at top level */;
      section?: string /** its prompt tag */;
      tag?: string;
      note?: string;
    }
  | { ok: false /** index of the word the device points its caret at */; word: number };

/** The last commit, for the header lines that name it (`!! Last configuration change at ... by alice`). */
export interface LastChange {
  time: Date;
  user: string;
}

export interface ConfigStore {
  apply(line: string, section: string | undefined): ApplyResult;
  clone(): ConfigStore;
  /** The configuration as the device prints it: hierarchical (IOS-XR nested blocks, Junos braces). */
  render(host: string, last?: LastChange): string;
  /** The platform's flat view: one full line per statement (IOS-XR `formal`, Junos `display set`), no header. */
  flat(): string[];
  /** The flat view as the device prints it (IOS-XR with its header and `end`). */
  renderFlat(host: string, last?: LastChange): string;
  /** The part of the configuration the words name (`ntp`; Junos `system ntp`); undefined when the device has none. */
  section(words: string[]): string | undefined;
  /** This configuration against `base`, in the device's own diff format; '' when equal. */
  diff(base: ConfigStore, o: { session?: string }): string;
  /** This configuration's changes against `base`, made on `onto` instead (a Junos private commit); where the dialect can. */
  rebase?(base: ConfigStore, onto: ConfigStore): ConfigStore;
  /** The statements, one per line, for comparisons in tests. */
  statements(): string[];
}

export type ConfigDialect = BlockDialect | SetDialect;

export function createStore(dialect: ConfigDialect, text: string): ConfigStore {
  return dialect.kind === 'blocks' ? BlockConfig.parse(dialect, text) : SetConfig.parse(dialect, text);
}

/** The first words of a line, `no` put aside (so `no ntp server x` is an `ntp` line). */
export function splitNegation(line: string): { neg: boolean; rest: string; word: string; offset: number } {
  const trimmed = line.trim();
  const neg = /^no\s+/.test(trimmed);
  const rest = neg ? trimmed.replace(/^no\s+/, '') : trimmed;
  return { neg, rest, word: rest.split(/\s+/)[0] ?? '', offset: neg ? 1 : 0 };
}
