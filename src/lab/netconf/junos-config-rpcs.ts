/**
 * Junos configuration RPCs over NETCONF, as junipernetworks.junos (through ncclient) sends
 * them: `lock`/`unlock` of the candidate, `load-configuration` (set statements, or text),
 * `get-configuration` (the candidate or the committed configuration as XML, text or set;
 * with `compare="rollback"` the diff), `validate`, `commit-configuration` (check,
 * confirmed, log), `discard-changes`. Each works on the device's own candidate databases
 * through a `ConfigSession`, as a CLI session does: a lock is `configure exclusive`, edits
 * without one go to the shared candidate, so the CLI sees what NETCONF did and the other way
 * round, and the config-mode log records the session as a NETCONF one.
 */
import type { DatabaseTexts } from '../candidate-databases.js';
import { ConfigSession, type Outcome } from '../config-session.js';
import type { ConfigStore } from '../config-store.js';
import type { EmulatedDevice } from '../emulated-device.js';
import type { LabAction } from '../lab-platforms.js';
import { junosConfigurationXml } from '../views/junos-config-xml.js';
import { setStatements } from './configuration-text.js';
import { data, failed, ok, type RpcAnswer, type RpcError } from './session.js';
import { child, escapeXml, type XmlElement } from './xml.js';

const operationFailed = (message: string, info?: string): RpcError => ({ type: 'protocol', tag: 'operation-failed', message, info });
const unsupported = (message: string): RpcAnswer => failed({ type: 'protocol', tag: 'operation-not-supported', message });

/** What a config action said, as a Junos error line (`error: configuration database locked by: ...`), or undefined. */
function refusal(o: Outcome | undefined): string | undefined {
  if (!o || !('text' in o)) return undefined;
  // The refusal may follow other lines (`Users currently editing the configuration:`).
  return /^error: ([\s\S]*)/m.exec(o.text)?.[1]?.trim();
}

export class JunosConfigRpcs {
  private readonly session: ConfigSession;
  /** The database this NETCONF session is editing: the shared candidate, or the candidate under its lock. */
  private database: 'shared' | 'exclusive' | undefined;

  constructor(
    private readonly d: EmulatedDevice,
    user: string,
  ) {
    this.session = new ConfigSession(d.platform, d.state, d.hostname, user, 'netconf');
  }

  /** The platform's wording for its databases: the one its `configure exclusive` command carries. */
  private texts(): DatabaseTexts {
    for (const c of this.d.platform.commands) if (c.action.kind === 'configure-database') return c.action.texts;
    throw new Error(`${this.d.hostname}: the platform has no candidate databases for NETCONF`);
  }

  private act(a: LabAction, line: string): Outcome | undefined {
    return this.session.handle(a, line.split(/\s+/), line, 'config');
  }

  private enter(database: 'shared' | 'exclusive'): Outcome | undefined {
    const o = this.act({ kind: 'configure-database', database, texts: this.texts() }, database === 'exclusive' ? 'lock' : 'configure');
    if (o && 'mode' in o && o.mode === 'config') this.database = database;
    return o;
  }

  /** Edits without a lock go to the shared candidate, as a NETCONF session's do on Junos. */
  private editing(): void {
    if (!this.database) this.enter('shared');
  }

  /** The candidate this session sees: its own database's, else the shared one, else what runs. */
  private candidate(): ConfigStore {
    if (this.database) return this.session.viewSource('config').config;
    return this.d.state.shared ?? this.d.state.running;
  }

  lock(op: XmlElement): RpcAnswer {
    if (!child(child(op, 'target') ?? op, 'candidate')) return unsupported('only the candidate configuration can be locked');
    if (this.database === 'shared') {
      // Leaving the shared candidate with changes in it asks first: the lock is refused, as Junos refuses it.
      const left = this.act({ kind: 'end' }, 'lock');
      if (left && 'ask' in left)
        return failed({ type: 'protocol', tag: 'lock-denied', message: this.texts().modified.replace(/^error: /, '') });
      this.database = undefined;
    }
    const o = this.enter('exclusive');
    if (this.database === 'exclusive') return ok();
    return failed({ type: 'protocol', tag: 'lock-denied', message: refusal(o) ?? 'configuration database locked' });
  }

  unlock(op: XmlElement): RpcAnswer {
    if (!child(child(op, 'target') ?? op, 'candidate')) return unsupported('only the candidate configuration can be unlocked');
    if (this.database !== 'exclusive') return failed(operationFailed('configuration database is not locked by this session'));
    // Unlocking drops what was not committed, as leaving `configure exclusive` does.
    const o = this.act({ kind: 'end' }, 'unlock');
    if (o && 'ask' in o) o.then('yes');
    this.database = undefined;
    return ok();
  }

  load(op: XmlElement): RpcAnswer {
    const action = op.attrs['action'] ?? 'merge';
    const rollback = op.attrs['rollback'];
    this.editing();
    if (rollback !== undefined) {
      const why = refusal(this.act({ kind: 'rollback-candidate', arg: 1, say: '' }, `rollback ${Number(rollback)}`));
      return why ? failed(operationFailed(why)) : data('<load-configuration-results>\n<ok/>\n</load-configuration-results>');
    }
    let lines: string[];
    const set = child(op, 'configuration-set');
    const text = child(op, 'configuration-text');
    if (action === 'set' && (set ?? text)) lines = (set ?? text)!.text.split('\n');
    else if (text && (action === 'merge' || action === 'update')) {
      const parsed = setStatements(text.text);
      if (!parsed.ok) return failed(operationFailed(`syntax error: ${parsed.message}`));
      lines = parsed.statements;
    } else
      return unsupported(
        `the lab loads set statements (action="set") and merged text, not action="${action}" format="${op.attrs['format'] ?? 'xml'}"`,
      );
    return this.apply(lines.map((l) => l.trim()).filter((l) => l && !l.startsWith('#')));
  }

  /** Each statement as the CLI takes it; Junos loads the good ones and reports the others. */
  private apply(lines: string[]): RpcAnswer {
    const errors: RpcError[] = [];
    for (const line of lines) {
      const words = line.split(/\s+/);
      const bad = (word: number) => operationFailed('syntax error', `<bad-element>${escapeXml(words[word] ?? line)}</bad-element>`);
      if (words[0] !== 'set' && words[0] !== 'delete') {
        errors.push(bad(0));
        continue;
      }
      const o = this.act({ kind: 'config-line' }, line);
      const why = refusal(o);
      if (o && 'invalidWord' in o) errors.push(bad(o.invalidWord));
      else if (why) errors.push(operationFailed(why));
    }
    return errors.length ? failed(...errors) : data('<load-configuration-results>\n<ok/>\n</load-configuration-results>');
  }

  getConfiguration(op: XmlElement): RpcAnswer {
    const format = op.attrs['format'] ?? 'xml';
    if (op.attrs['compare'] === 'rollback') return this.compare(Number(op.attrs['rollback'] ?? 0));
    const config = op.attrs['database'] === 'committed' ? this.d.state.running : this.candidate();
    const last = this.d.state.commits?.at(-1);
    const text = config.render(this.d.hostname, last);
    if (format === 'xml') return data(this.configurationXml(config));
    if (format === 'text') return data(`<configuration-text>${escapeXml(text)}\n</configuration-text>`);
    if (format === 'set') return data(`<configuration-set>${escapeXml(config.renderFlat(this.d.hostname, last))}\n</configuration-set>`);
    return unsupported(`the lab serves configurations as xml, text or set, not ${format}`);
  }

  private configurationXml(config: ConfigStore): string {
    return junosConfigurationXml(config, config.render(this.d.hostname)).join('\n');
  }

  /** RFC 6241's own `<get-config>`: the committed configuration, inside `<data>`. */
  getConfig(): RpcAnswer {
    return data(`<data>\n${this.configurationXml(this.d.state.running)}\n</data>`);
  }

  /** The candidate against what ran `rollback` commits ago (0: what runs now): empty output when they agree. */
  private compare(rollback: number): RpcAnswer {
    const s = this.d.state;
    const base = rollback === 0 ? s.running : s.history[s.history.length - rollback];
    if (!Number.isInteger(rollback) || !base) return failed(operationFailed(`rollback ${rollback} does not exist`));
    const diff = this.candidate().diff(base, {});
    return data(
      `<configuration-information>\n<configuration-output>\n${escapeXml(diff)}\n</configuration-output>\n</configuration-information>`,
    );
  }

  /** A confirmed commit commits as the CLI's `commit confirmed` does: the lab never rolls it back by itself. */
  commit(op: XmlElement): RpcAnswer {
    if (child(op, 'check')) return this.validate();
    this.editing();
    const why = refusal(
      this.act({ kind: 'commit', leave: false, say: '', persistent: true }, child(op, 'confirmed') ? 'commit confirmed' : 'commit'),
    );
    if (why) return failed(operationFailed(why));
    const log = child(op, 'log')?.text.trim();
    const record = this.d.state.commits?.at(-1);
    if (record && log) record.log = log;
    return data(
      '<commit-results>\n<routing-engine junos:style="normal">\n<name>re0</name>\n<commit-success/>\n</routing-engine>\n</commit-results>',
    );
  }

  validate(): RpcAnswer {
    this.act({ kind: 'commit-check', say: '' }, 'commit check');
    return ok();
  }

  discard(): RpcAnswer {
    this.editing();
    const why = refusal(this.act({ kind: 'rollback-candidate', say: '' }, 'rollback 0'));
    return why ? failed(operationFailed(why)) : ok();
  }

  /** The session ended: its lock goes, and with it what it did not commit. */
  closed(): void {
    this.session.close();
    this.database = undefined;
  }
}
