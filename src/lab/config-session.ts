/**
 * The configuration side of one CLI session on a simulated device: config mode, the
 * candidate (where the platform has one), commits, rollbacks, checkpoints and saves, on
 * the device's state that every session shares, so a test sees a change land.
 */
import type { ConfigStore } from './config-store.js';
import type { LabAction, LabMode, LabPlatform } from './lab-platforms.js';
import type { ConfigModeHook } from './config-mode-log.js';

export interface DeviceState {
  running: ConfigStore;
  startup: ConfigStore;
  /** Earlier committed configurations, newest last (`rollback 1` is the last one). */
  history: ConfigStore[];
  checkpoints: Map<string, ConfigStore>;
  /** The lab's record of config mode for this connection (config-mode-log.ts); absent outside a lab server. */
  configMode?: ConfigModeHook;
}

/** What a config action prints, and where it leaves the session. */
export type Outcome = { text: string; mode?: LabMode } | { invalidWord: number } | { ask: string; then: (answer: string) => Outcome };

const fileName = (word: string) => word.replace(/^[\w-]+:/, '');

export class ConfigSession {
  candidate: ConfigStore | undefined;
  section: string | undefined;
  tag: string | undefined;
  session: string | undefined;

  constructor(
    private readonly platform: LabPlatform,
    private readonly state: DeviceState,
    private readonly host: string,
  ) {}

  private leave(): Outcome {
    this.state.configMode?.left();
    this.candidate = this.section = this.tag = this.session = undefined;
    return { text: '', mode: this.platform.topMode };
  }

  /** Handles the config actions; undefined for the others. */
  handle(a: LabAction, tokens: string[], line: string, mode: LabMode): Outcome | undefined {
    const s = this.state;
    s.configMode?.acted(a.kind, line);
    switch (a.kind) {
      case 'configure':
        s.configMode?.entered();
        this.candidate = a.candidate ? s.running.clone() : undefined;
        this.session = a.session === undefined ? undefined : tokens[a.session];
        return { text: a.say ?? '', mode: 'config' };
      case 'config-line': {
        const r = (this.candidate ?? s.running).apply(line, this.section);
        if (!r.ok) return { invalidWord: r.word };
        this.section = r.section;
        this.tag = r.tag;
        return { text: r.note ? `${r.note}\n` : '' };
      }
      case 'end':
        return { ...this.leave(), text: a.say ?? '' };
      case 'config-exit':
        if (this.section === undefined) return this.leave();
        this.section = this.tag = undefined;
        return { text: '' };
      case 'show-config': {
        const shown = mode === 'config' ? (this.candidate ?? s.running) : s.running;
        return { text: `${shown.render(this.host)}\n` };
      }
      case 'diff': {
        const d = this.candidate?.diff(s.running, { session: this.session }) ?? '';
        return { text: d ? `${d}\n` : '' };
      }
      case 'commit':
        return this.commit(a, tokens);
      case 'commit-check':
        return { text: a.say };
      case 'abort':
        return this.leave();
      case 'rollback-candidate': {
        const n = a.arg === undefined ? 0 : Number(tokens[a.arg]);
        const from = n === 0 ? s.running : s.history[s.history.length - n];
        if (!from) return { text: `error: rollback ${n} does not exist\n` };
        this.candidate = from.clone();
        return { text: a.say };
      }
      case 'rollback-running': {
        const n = Number(tokens[a.arg]);
        const from = s.history[s.history.length - n];
        if (!from) return { text: `% Invalid input detected: there are only ${s.history.length} commits to roll back\n` };
        s.history.push(s.running);
        s.running = from.clone();
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

  private commit(a: Extract<LabAction, { kind: 'commit' }>, tokens: string[]): Outcome {
    const s = this.state;
    const say = a.say.replaceAll('{n}', a.confirmedArg === undefined ? '' : (tokens[a.confirmedArg] ?? ''));
    if (this.candidate) {
      s.history.push(s.running);
      s.running = this.candidate;
      this.candidate = s.running.clone();
    }
    if (a.persistent) s.startup = s.running.clone();
    if (!a.leave) return { text: say };
    const left = this.leave();
    return { ...left, text: say };
  }
}
