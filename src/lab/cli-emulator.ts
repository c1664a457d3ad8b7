import type { LabMode, LabPlatform, LabCommand, OutputName, PromptContext, Say } from './lab-platforms.js';
import { matchCommand } from './command-matcher.js';
import { ConfigSession, type DeviceState, type Outcome } from './config-session.js';

export type LabFault = 'none' | 'refuse-auth' | 'hang' | 'silent' | 'drop' | 'changed-host-key' | 'no-shell';

export interface EmulatedDevice {
  hostname: string;
  platform: LabPlatform;
  enableSecret: string;
  latencyMs: number;
  fault: LabFault;
  /** Ignore "terminal length 0", as a device whose user may not change it. */
  pagingStuck: boolean;
  banner: string;
  outputs: Partial<Record<OutputName, string>>;
  /** Configuration state every session on the device shares. */
  state: DeviceState;
}

export interface TerminalIo {
  write(text: string): void;
  close(): void;
}

/**
 * One interactive CLI session on a simulated device: echo, prompts, modes, enable,
 * pager, errors, configuration and latency, as the recorded sessions show them.
 */
export class CliEmulator {
  private mode: LabMode;
  private pageLength: number;
  private pending = '';
  private busy = false;
  private lastWasCr = false;
  private lineSoFar = '';
  /** A question is open (enable secret, file name): the next line answers it. */
  private awaiting: { hidden: boolean; then: (line: string) => void } | undefined;
  private passwordAttempts = 0;
  private pagerRest: string[] | undefined;
  private closed = false;
  private readonly config: ConfigSession;
  /** Called whenever the session is back at a prompt (exec requests end there). */
  onPrompt: ((failed: boolean) => void) | undefined;
  private failed = false;
  /** Serving an exec request: output only. */
  private quiet = false;
  /** The line being performed, for the caret under a refused word. */
  private current = '';

  constructor(
    private readonly d: EmulatedDevice,
    private readonly io: TerminalIo,
    private readonly user: string,
  ) {
    this.mode = d.platform.initialMode;
    this.pageLength = d.platform.defaultPageLength;
    this.config = new ConfigSession(d.platform, d.state, d.hostname, user);
  }

  start(): void {
    // The banner and the first prompt arrive apart, as on a device that is slow to start the CLI.
    this.io.write(`${this.d.banner.replace(/\r?\n/g, '\r\n')}\r\n`);
    this.after(this.d.latencyMs, () => this.showPrompt());
  }

  /** An exec request: no banner, echo, prompt or pager; the top operational mode. */
  startExec(): void {
    this.mode = this.d.platform.topMode;
    this.pageLength = 0;
    this.quiet = true;
  }

  input(data: string): void {
    if (this.closed) return;
    this.pending += data;
    this.pump();
  }

  stop(): void {
    this.closed = true;
    // A session that goes while editing gives up its lock (Junos `configure exclusive`) as an exit would.
    this.config.close();
  }

  private promptText(): string {
    const c: PromptContext = { host: this.d.hostname, user: this.user, section: this.config.tag, session: this.config.session };
    return this.d.platform.prompt[this.mode](c);
  }

  private showPrompt(before = ''): void {
    const prompt = this.quiet ? '' : this.promptText();
    this.io.write(`${before}${prompt}`.replace(/\r?\n/g, '\r\n'));
    const failed = this.failed;
    this.failed = false;
    this.onPrompt?.(failed);
  }

  private pump(): void {
    while (!this.busy && this.pending.length > 0 && !this.closed) {
      if (this.pagerRest) {
        const key = this.pending[0]!;
        this.pending = this.pending.slice(1);
        this.answerPager(key);
        continue;
      }
      const eol = this.pending.search(/[\r\n]/);
      if (eol < 0) {
        if (!this.awaiting?.hidden && !this.quiet) this.io.write(this.pending); // echo what is typed so far, never a secret
        this.lineSoFar += this.pending;
        this.pending = '';
        return;
      }
      const chunk = this.pending.slice(0, eol);
      const ch = this.pending[eol]!;
      this.pending = this.pending.slice(eol + 1);
      if (ch === '\n' && this.lastWasCr && chunk === '' && this.lineSoFar === '') {
        this.lastWasCr = false;
        continue;
      }
      this.lastWasCr = ch === '\r';
      const line = this.lineSoFar + chunk;
      this.lineSoFar = '';
      const question = this.awaiting;
      if (!this.quiet) this.io.write(question?.hidden ? '\r\n' : `${chunk}\r\n`);
      if (question) {
        this.awaiting = undefined;
        question.then(line);
      } else {
        this.execute(line);
      }
    }
  }

  private after(ms: number, fn: () => void): void {
    this.busy = true;
    const run = () => {
      this.busy = false;
      if (this.closed) return;
      fn();
      this.pump();
    };
    if (ms > 0) setTimeout(run, ms);
    else run();
  }

  private execute(line: string): void {
    if (this.d.fault === 'hang') {
      this.busy = true; // swallows the command and never answers
      return;
    }
    const tokens = line.trim().split(/\s+/).filter(Boolean);
    if (tokens.length === 0) return this.showPrompt();
    const { commands, errors } = this.d.platform;
    const m = matchCommand(commands, this.mode, tokens);
    if (m.kind === 'command') return this.after(this.d.latencyMs, () => this.perform(m.command, m.tokens, line));
    const col = (i: number) => this.caretBase() + column(line, i);
    let text: string;
    if (m.kind === 'incomplete') text = errors.incomplete(col(tokens.length));
    else if (m.kind === 'ambiguous') text = errors.ambiguous(line.trim(), col(m.tokenIndex));
    else if (errors.privilegeRequired && matchCommand(commands, 'privileged', tokens).kind === 'command') text = errors.privilegeRequired;
    else text = errors.invalid({ column: col(m.tokenIndex), word: m.tokenIndex, words: tokens.length, mode: this.mode });
    this.failed = true;
    this.after(this.d.latencyMs, () => this.showPrompt(text));
  }

  /** Where the typed line starts on screen: after the prompt's last line. */
  private caretBase(): number {
    return this.promptText().split('\n').at(-1)!.length;
  }

  private lead(text = ''): string {
    const { lead, leadIn } = this.d.platform;
    return lead && !leadIn?.test(text) ? lead() : '';
  }

  private perform(cmd: LabCommand, tokens: string[], line: string): void {
    this.current = line;
    const a = cmd.action;
    switch (a.kind) {
      case 'output':
        return this.emit(this.d.outputs[a.name] ?? '');
      case 'enable':
        if (this.mode !== 'user') return this.showPrompt();
        this.passwordAttempts = 0;
        return this.askSecret();
      case 'disable':
        this.mode = 'user';
        return this.showPrompt();
      case 'paging':
        if (!this.d.pagingStuck) this.pageLength = Number(tokens[a.arg]);
        return this.showPrompt(this.lead() + answer(a.say, tokens[a.arg]));
      case 'nothing':
        return this.showPrompt(this.lead() + answer(a.say, a.arg === undefined ? undefined : tokens[a.arg]));
      case 'exit':
        this.closed = true;
        return this.io.close();
    }
    const outcome = this.config.handle(a, tokens, line, this.mode);
    if (outcome) this.settle(outcome);
  }

  private settle(o: Outcome): void {
    if ('ask' in o) {
      this.awaiting = { hidden: false, then: (answer) => this.after(this.d.latencyMs, () => this.settle(o.then(answer))) };
      this.io.write(o.ask.replace(/\r?\n/g, '\r\n'));
      return;
    }
    if ('invalidWord' in o) {
      this.failed = true;
      const text = this.d.platform.errors.invalid({
        column: this.caretBase() + column(this.current, o.invalidWord),
        word: o.invalidWord,
        words: 0,
        mode: this.mode,
      });
      return this.showPrompt(text);
    }
    if (o.mode) this.mode = o.mode;
    // Long configurations page like any other output.
    if (o.text.split('\n').length > 2) return this.emit(o.text.replace(/\n$/, ''));
    this.showPrompt(this.lead() + o.text);
  }

  private askSecret(): void {
    this.io.write(this.d.platform.enablePasswordPrompt);
    this.awaiting = { hidden: true, then: (line) => this.after(this.d.latencyMs, () => this.checkSecret(line)) };
  }

  private checkSecret(line: string): void {
    if (line === this.d.enableSecret) {
      this.mode = 'privileged';
      return this.showPrompt();
    }
    if (++this.passwordAttempts < 3) return this.askSecret();
    this.failed = true;
    this.showPrompt(this.d.platform.enableFailure);
  }

  private emit(text: string): void {
    const lines = `${this.lead(text)}${text}`.replace(/\r?\n/g, '\n').split('\n');
    if (this.d.fault === 'drop') {
      // Half the output, then the connection goes.
      this.io.write(lines.slice(0, Math.ceil(lines.length / 2)).join('\r\n'));
      this.closed = true;
      return this.io.close();
    }
    if (this.pageLength === 0 || lines.length < this.pageLength) return this.showPrompt(`${lines.join('\n')}\n`);
    this.pagerRest = lines;
    this.nextPage(this.pageLength - 1);
  }

  private nextPage(count: number): void {
    const rest = this.pagerRest ?? [];
    const page = rest.splice(0, count);
    if (rest.length === 0) {
      this.pagerRest = undefined;
      return this.showPrompt(`${page.join('\n')}\n`);
    }
    this.io.write(`${page.join('\r\n')}\r\n${this.d.platform.pagerMark}`);
  }

  private answerPager(key: string): void {
    this.io.write(this.d.platform.pagerErase);
    if (key === 'q' || key === 'Q') {
      this.pagerRest = undefined;
      return this.showPrompt();
    }
    this.nextPage(key === '\r' || key === '\n' ? 1 : this.pageLength - 1);
  }
}

/** A command's answer: fixed text, or made from the value the user typed. */
function answer(say: Say | undefined, value: string | undefined): string {
  return typeof say === 'function' ? say(value ?? '') : (say ?? '');
}

/** Column of the token at `index` in the typed line, for the caret under a bad word. */
function column(line: string, index: number): number {
  let i = 0;
  for (const m of line.matchAll(/\S+/g)) {
    if (i++ === index) return m.index;
  }
  return line.length;
}
