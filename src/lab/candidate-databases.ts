/**
 * Junos' candidate databases, shared by every session on one simulated device: `configure`
 * edits the shared candidate (uncommitted changes stay when the session leaves, and the next
 * `configure` sees them), `configure private` a copy of the running configuration (refused
 * while the shared candidate holds changes), `configure exclusive` the shared candidate under
 * a lock (others may look, not change or commit). The wording is the platform's (`DatabaseTexts`).
 */
import type { ConfigStore } from './config-store.js';

export type CandidateDatabase = 'shared' | 'private' | 'exclusive';

/** A session in configuration mode, as `Users currently editing the configuration:` lists it. */
export interface Editor {
  pid: number;
  user: string;
  database: CandidateDatabase;
  since: Date;
}

/** What Junos says, per database; questions end where the answer is typed. */
export interface DatabaseTexts {
  entering: Record<CandidateDatabase, string>;
  editorsHeading: string;
  /** One editor's two lines (`  user terminal pts/1 (pid 4242) on since ...`, `      exclusive [edit]`). */
  editor: (e: Editor, exclusive: boolean) => string;
  changedNotCommitted: string;
  /** `configure private` while the shared candidate holds changes. */
  sharedModified: string;
  /** `configure exclusive` while the shared candidate holds changes. */
  modified: string;
  /** Heading of the lock holder's lines, for a lock refused. */
  lockedBy: string;
  /** Asked when leaving with uncommitted changes. */
  exitAsk: Record<CandidateDatabase, string>;
  /** Said before leaving when the changes are thrown away. */
  discarded: Partial<Record<CandidateDatabase, string>>;
}

/** The part of a device's state the databases live in. */
export interface DatabaseState {
  running: ConfigStore;
  /** The shared candidate; undefined while nobody changed it. */
  shared?: ConfigStore;
  exclusive?: Editor;
  editors?: Editor[];
}

const same = (a: ConfigStore, b: ConfigStore) => a.statements().join('\n') === b.statements().join('\n');

export const sharedModified = (s: DatabaseState): boolean => s.shared !== undefined && !same(s.shared, s.running);

/** The shared candidate, made from the running configuration when nobody has changed it yet. */
export function sharedCandidate(s: DatabaseState): ConfigStore {
  s.shared ??= s.running.clone();
  return s.shared;
}

let lastPid = 4200;

/** Entering a database: the text to show, and whether the session is now in configuration mode. */
export function enterDatabase(
  s: DatabaseState,
  o: { database: CandidateDatabase; user: string; texts: DatabaseTexts },
): { text: string; editor?: Editor } {
  const t = o.texts;
  const others = s.editors ?? [];
  const list = others.length ? `${t.editorsHeading}\n${others.map((e) => t.editor(e, s.exclusive === e)).join('\n')}\n` : '';
  const lock = s.exclusive;
  if (lock && o.database !== 'shared') return { text: `${t.lockedBy}\n${t.editor(lock, true)}\n` };
  if (o.database === 'private' && sharedModified(s)) return { text: `${t.sharedModified}\n` };
  if (o.database === 'exclusive' && sharedModified(s)) return { text: `${list}${t.modified}\n` };
  const editor: Editor = { pid: ++lastPid, user: o.user, database: o.database, since: new Date() };
  s.editors = [...others, editor];
  if (o.database === 'exclusive') s.exclusive = editor;
  const changed = o.database === 'shared' && sharedModified(s) ? `${t.changedNotCommitted}\n` : '';
  return { text: `${t.entering[o.database]}${list}${changed}`, editor };
}

/** Why this editor may not change or commit the shared candidate (another holds the lock), or undefined. */
export function lockedOut(s: DatabaseState, e: Editor, t: DatabaseTexts): string | undefined {
  if (!s.exclusive || s.exclusive === e) return undefined;
  return `${t.lockedBy}\n${t.editor(s.exclusive, true)}\n`;
}

/** The editor leaves configuration mode (or its session ends): the lock goes, and an exclusive session's changes with it. */
export function leaveDatabase(s: DatabaseState, e: Editor, o: { discard: boolean }): void {
  s.editors = (s.editors ?? []).filter((x) => x !== e);
  if (o.discard && e.database !== 'private') s.shared = undefined;
  if (s.exclusive === e) s.exclusive = undefined;
}
