/**
 * The configuration side of one CLI session on a simulated device: config mode, the
 * candidate (where the platform has one), commits, rollbacks, checkpoints and saves, on
 * the device's state that every session shares, so a test sees a change land.
 */
import {
  type DatabaseState,
  type DatabaseTexts,
  type Editor,
  enterDatabase,
  leaveDatabase,
  lockedOut,
  sharedCandidate,
  sharedModified,
} from './candidate-databases.js';
import type { ConfigStore } from './config-store.js';
import { type CommitRecord, hierarchicalView, nextCommitId, type ViewSource, viewText } from './config-views.js';
import type { LabAction, LabMode, LabPlatform } from './lab-platforms.js';
import type { ConfigModeHook } from './config-mode-log.js';

export interface DeviceState extends DatabaseState {
  running: ConfigStore;
  startup: ConfigStore;
  /** Earlier committed configurations, newest last (`rollback 1` is the last one). */
  history: ConfigStore[];
  checkpoints: Map<string, ConfigStore>;
  /** The lab's record of config mode for this connection (config-mode-log.ts); absent outside a lab server. */
  configMode?: ConfigModeHook;
  /** Commits as IOS-XR lists them, oldest first. */
  commits?: CommitRecord[];
}

/** What a config action prints, and where it leaves the session. */
export type Outcome = { text: string; mode?: LabMode } | { invalidWord: number } | { ask: string; then: (answer: string) => Outcome };

const fileName = (word: string) => word.replace(/^[\w-]+:/, '');
const YES = /^(y|yes|)$/i;
const NO = /^(n|no)$/i;

let lastLine = -1;

/** A question asked again until `choose` takes the answer. */
function question(ask: string, choose: (answer: string) => Outcome | undefined): Outcome {
  return { ask, then: (answer) => choose(answer.trim()) ?? question(ask, choose) };
}

export class ConfigSession {
  /** The session's own candidate (IOS-XR, EOS sessions, Junos private); Junos shared/exclusive edit the device's. */
  candidate: ConfigStore | undefined;
  section: string | undefined;
  tag: string | undefined;
  session: string | undefined;
  /** What a private candidate was copied from, so its commit applies only its own changes. */
  private base: ConfigStore | undefined;
  /** The Junos database this session edits, while in configuration mode. */
  private db: { editor: Editor; texts: DatabaseTexts } | undefined;
  /** The terminal line commits are recorded from (`vty3`). */
  private readonly line = `vty${++lastLine}`;

  constructor(
    private readonly platform: LabPlatform,
    private readonly state: DeviceState,
    private readonly host: string,
    private readonly user = 'netops',
    /** How the session reached the device: its commits and config-mode stays are recorded as such. */
    private readonly via: 'cli' | 'netconf' = 'cli',
  ) {}

  /** The configuration this session edits: its own candidate, the shared one, or (no candidate) the running one. */
  private working(): ConfigStore {
    if (this.db && this.db.editor.database !== 'private') return sharedCandidate(this.state);
    return this.candidate ?? this.state.running;
  }

  /** What a command typed in `mode` shows: in config mode the candidate where `candidate` says so, else the running configuration. */
  viewSource(mode: LabMode, candidate = true): ViewSource {
    const config = mode === 'config' && candidate ? this.working() : this.state.running;
    return { config, host: this.host, last: this.state.commits?.at(-1) };
  }

  private leave(o: { discard: boolean } = { discard: true }): Outcome {
    this.state.configMode?.left();
    if (this.db) leaveDatabase(this.state, this.db.editor, o);
    this.candidate = this.base = this.section = this.tag = this.session = this.db = undefined;
    return { text: '', mode: this.platform.topMode };
  }

  /** The session ended (the connection went): it leaves configuration mode as an exit would, without asking. */
  close(): void {
    if (this.db) this.leave({ discard: this.db.editor.database === 'exclusive' });
  }

  /** Handles the config actions; undefined for the others. */
  handle(a: LabAction, tokens: string[], line: string, mode: LabMode): Outcome | undefined {
    const s = this.state;
    s.configMode?.acted(a.kind, line);
    switch (a.kind) {
      case 'configure':
        s.configMode?.entered(this.via);
        this.candidate = a.candidate ? s.running.clone() : undefined;
        this.session = a.session === undefined ? undefined : tokens[a.session];
        return { text: a.say ?? '', mode: 'config' };
      case 'configure-database': {
        const r = enterDatabase(s, { database: a.database, user: this.user, texts: a.texts });
        if (!r.editor) return { text: r.text };
        // Junos's configure/private/exclusive is config mode too: without this its stays went unrecorded.
        s.configMode?.entered(this.via);
        this.db = { editor: r.editor, texts: a.texts };
        this.candidate = a.database === 'private' ? s.running.clone() : undefined;
        this.base = a.database === 'private' ? s.running.clone() : undefined;
        return { text: r.text, mode: 'config' };
      }
      case 'config-line': {
        // A private candidate may be edited under another's lock; only its commit waits for it.
        const refused = this.db?.editor.database === 'private' ? undefined : this.refusedByLock();
        if (refused) return { text: refused };
        const r = this.working().apply(line, this.section);
        if (!r.ok) return { invalidWord: r.word };
        this.section = r.section;
        this.tag = r.tag;
        return { text: r.note ? `${r.note}\n` : '' };
      }
      case 'end':
        return this.db ? this.leaveAsking(a.say ?? '') : this.leaveCandidate(a.say ?? '');
      case 'config-exit':
        if (this.section === undefined) return this.leaveCandidate('');
        this.section = this.tag = undefined;
        return { text: '' };
      case 'show-config':
        return { text: `${hierarchicalView(this.viewSource(mode))}\n` };
      case 'config-view':
        return { text: viewText(a, tokens, this.viewSource(mode, a.candidate ?? false), s.commits ?? []) };
      case 'diff': {
        const d = this.hasCandidate() ? this.working().diff(s.running, { session: this.session }) : '';
        return { text: d ? `${d}\n` : '' };
      }
      case 'commit':
        return this.commit(a, tokens);
      case 'commit-check':
        return { text: a.say };
      case 'abort':
        return this.leave();
      default:
        return this.restore(a, tokens);
    }
  }

  private hasCandidate(): boolean {
    return this.candidate !== undefined || this.db !== undefined;
  }

  /** Why this session may not change or commit: another's lock, or (a private commit) uncommitted shared changes. */
  private refusedByLock(o: { committing?: boolean } = {}): string | undefined {
    if (!this.db) return undefined;
    const locked = lockedOut(this.state, this.db.editor, this.db.texts);
    if (locked || !o.committing || this.db.editor.database !== 'private') return locked;
    return sharedModified(this.state) ? `${this.db.texts.sharedModified}\n` : undefined;
  }

  /** Junos leaving configuration mode: with uncommitted changes it asks first, and `no` stays. */
  private leaveAsking(say: string): Outcome {
    const { editor, texts } = this.db!;
    const changed = this.working().diff(this.state.running, {}) !== '';
    const discard = editor.database !== 'shared';
    if (!changed) return { ...this.leave({ discard }), text: say };
    return question(texts.exitAsk[editor.database], (a) => {
      if (NO.test(a)) return { text: '' };
      if (!YES.test(a)) return undefined;
      return { ...this.leave({ discard }), text: `${texts.discarded[editor.database] ?? ''}${say}` };
    });
  }

  /** IOS-XR leaving with an uncommitted candidate: yes commits it, no drops it, cancel (the default) stays. */
  private leaveCandidate(say: string): Outcome {
    const d = this.platform.dialect;
    const ask = d.kind === 'blocks' ? d.uncommittedAsk : undefined;
    const candidate = this.candidate;
    if (!ask || !candidate || candidate.diff(this.state.running, {}) === '') return { ...this.leave(), text: say };
    return question(ask, (answer) => {
      const a = answer.toLowerCase();
      if (a === '' || a === 'cancel') return { text: '' };
      if (a !== 'yes' && a !== 'no') return undefined;
      if (a === 'yes') {
        this.install(candidate, this.client());
        // The platforms that ask commit persistently (IOS-XR).
        this.state.startup = this.state.running.clone();
      }
      return { ...this.leave(), text: say };
    });
  }

  /** Rollbacks, checkpoints and saves. */
  private restore(a: LabAction, tokens: string[]): Outcome | undefined {
    const s = this.state;
    switch (a.kind) {
      case 'rollback-candidate': {
        const n = a.arg === undefined ? 0 : Number(tokens[a.arg]);
        const from = n === 0 ? s.running : s.history[s.history.length - n];
        if (!from) return { text: `error: rollback ${n} does not exist\n` };
        if (this.db && this.db.editor.database !== 'private') s.shared = from.clone();
        else this.candidate = from.clone();
        return { text: a.say };
      }
      case 'rollback-running': {
        const n = Number(tokens[a.arg]);
        const from = s.history[s.history.length - n];
        if (!from) return { text: `% Invalid input detected: there are only ${s.history.length} commits to roll back\n` };
        this.install(from.clone(), 'Rollback');
        if (a.persistent) s.startup = s.running.clone();
        return { text: a.say };
      }
      case 'checkpoint-save': {
        const name = fileName(tokens[a.arg] ?? '');
        const store = (): Outcome => {
          s.checkpoints.set(name, s.running.clone());
          return { text: a.say };
        };
        return a.asks ? { ask: a.asks(name), then: store } : store();
      }
      case 'checkpoint-restore': {
        const name = fileName(tokens[a.arg] ?? '');
        const cp = s.checkpoints.get(name);
        if (!cp) return { text: `${this.platform.checkpointMissing(name)}\n` };
        s.history.push(s.running);
        s.running = cp.clone();
        return { text: a.say };
      }
      case 'save':
        s.startup = s.running.clone();
        return { text: a.say };
      default:
        return undefined;
    }
  }

  private client(): CommitRecord['client'] {
    return this.via === 'netconf' ? 'NETCONF' : 'CLI';
  }

  /** A new running configuration, the old one kept for rollbacks and the commit recorded. */
  private install(next: ConfigStore, client: CommitRecord['client']): void {
    const s = this.state;
    s.history.push(s.running);
    s.running = next;
    s.commits ??= [];
    s.commits.push({ id: nextCommitId(s.commits), user: this.user, line: `${this.line}:node0_RSP0_CPU0`, client, time: new Date() });
  }

  private commit(a: Extract<LabAction, { kind: 'commit' }>, tokens: string[]): Outcome {
    const s = this.state;
    const refused = this.refusedByLock({ committing: true });
    if (refused) return { text: refused };
    const say = a.say.replaceAll('{n}', a.confirmedArg === undefined ? '' : (tokens[a.confirmedArg] ?? ''));
    if (this.db && this.db.editor.database !== 'private') {
      this.install(sharedCandidate(s), this.client());
      s.shared = undefined;
    } else if (this.candidate) {
      // A private candidate's own changes go onto what runs now, which others may have committed to since.
      const next = this.base && this.candidate.rebase ? this.candidate.rebase(this.base, s.running) : this.candidate;
      this.install(next, this.client());
      this.candidate = s.running.clone();
      this.base = this.db ? s.running.clone() : undefined;
    }
    if (a.persistent) s.startup = s.running.clone();
    if (!a.leave) return { text: say };
    const left = this.leave();
    return { ...left, text: say };
  }
}
