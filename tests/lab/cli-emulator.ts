import type { LabMode, LabPlatform, LabCommand } from './lab-platforms.js';
import { matchCommand } from './command-matcher.js';

export type LabFault = 'none' | 'refuse-auth' | 'hang' | 'silent' | 'drop' | 'changed-host-key';

export interface EmulatedDevice {
  hostname: string;
  platform: LabPlatform;
  enableSecret: string;
  latencyMs: number;
  fault: LabFault;
  /** Ignore "terminal length 0", as a device whose user may not change it. */
  pagingStuck: boolean;
  banner: string;
  outputs: { 'show-version': string; 'show-running-config': () => string };
}

export interface TerminalIo {
  write(text: string): void;
  close(): void;
}

/**
 * One interactive CLI session on a simulated device: echo, prompts, modes, enable,
 * pager, errors and latency, as the recorded sessions show them.
 */
export class CliEmulator {
  private mode: LabMode = 'user';
  private pageLength: number;
  private pending = '';
  private busy = false;
  private lastWasCr = false;
  private passwordAttempts = 0;
  private pagerRest: string[] | undefined;
  private closed = false;

  constructor(private readonly d: EmulatedDevice, private readonly io: TerminalIo) {
    this.pageLength = d.platform.defaultPageLength;
  }

  start(): void {
    this.io.write(`${this.d.banner}\r\n${this.prompt()}`);
  }

  input(data: string): void {
    if (this.closed) return;
    this.pending += data;
    this.pump();
  }

  stop(): void {
    this.closed = true;
  }

  private prompt(): string {
    return this.d.platform.prompt[this.mode](this.d.hostname);
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
        if (!this.awaitingSecret) this.io.write(this.pending); // echo what is typed so far, never a secret
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
      if (this.awaitingSecret) {
        this.io.write('\r\n');
        this.checkSecret(line);
      } else {
        this.io.write(`${chunk}\r\n`);
        this.execute(line);
      }
    }
  }

  private lineSoFar = '';
  private awaitingSecret = false;

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
    if (tokens.length === 0) return this.io.write(this.prompt());
    const m = matchCommand(this.d.platform.commands, this.mode, tokens);
    const errors = this.d.platform.errors;
    if (m.kind === 'command') return this.after(this.d.latencyMs, () => this.perform(m.command, m.tokens));
    let text: string;
    if (m.kind === 'incomplete') text = errors.incomplete;
    else if (m.kind === 'ambiguous') text = errors.ambiguous(line.trim());
    else if (this.mode === 'config') text = errors.invalid(this.prompt().length + column(line, m.tokenIndex));
    else if (tokens.length === 1) text = errors.unknownWord;
    else text = errors.invalid(this.prompt().length + column(line, m.tokenIndex));
    this.after(this.d.latencyMs, () => this.io.write(text + this.prompt()));
  }

  private perform(cmd: LabCommand, tokens: string[]): void {
    const a = cmd.action;
    switch (a.kind) {
      case 'output': return this.emit(a.name);
      case 'enable':
        if (this.mode !== 'user') return this.io.write(this.prompt());
        this.awaitingSecret = true;
        this.passwordAttempts = 0;
        return this.io.write(this.d.platform.enablePasswordPrompt);
      case 'disable': this.mode = 'user'; return this.io.write(this.prompt());
      case 'paging':
        if (!this.d.pagingStuck) this.pageLength = Number(tokens[a.arg]);
        return this.io.write(this.prompt());
      case 'configure': this.mode = 'config'; return this.io.write(this.d.platform.configBanner + this.prompt());
      case 'end': this.mode = 'privileged'; return this.io.write(this.prompt());
      case 'exit':
        if (this.mode === 'config') { this.mode = 'privileged'; return this.io.write(this.prompt()); }
        this.closed = true;
        return this.io.close();
      case 'nothing': return this.io.write(this.prompt());
    }
  }

  private checkSecret(line: string): void {
    this.after(this.d.latencyMs, () => {
      if (line === this.d.enableSecret) {
        this.awaitingSecret = false;
        this.mode = 'privileged';
        return this.io.write(this.prompt());
      }
      this.passwordAttempts++;
      if (this.passwordAttempts < 3) return this.io.write(this.d.platform.enablePasswordPrompt);
      this.awaitingSecret = false;
      this.io.write(this.d.platform.enableFailure + this.prompt());
    });
  }

  private emit(name: keyof EmulatedDevice['outputs']): void {
    const out = this.d.outputs[name];
    const text = typeof out === 'function' ? out() : out;
    const lines = text.replace(/\r?\n/g, '\n').split('\n');
    if (this.d.fault === 'drop') {
      // Half the output, then the connection goes.
      this.io.write(lines.slice(0, Math.ceil(lines.length / 2)).join('\r\n'));
      this.closed = true;
      return this.io.close();
    }
    if (this.pageLength === 0 || lines.length < this.pageLength) {
      return this.io.write(`${lines.join('\r\n')}\r\n${this.prompt()}`);
    }
    this.pagerRest = lines;
    this.nextPage(this.pageLength - 1);
  }

  private nextPage(count: number): void {
    const rest = this.pagerRest ?? [];
    const page = rest.splice(0, count);
    if (rest.length === 0) {
      this.pagerRest = undefined;
      return this.io.write(`${page.join('\r\n')}\r\n${this.prompt()}`);
    }
    this.io.write(`${page.join('\r\n')}\r\n${this.d.platform.pagerMark}`);
  }

  private answerPager(key: string): void {
    this.io.write(this.d.platform.pagerErase);
    if (key === 'q' || key === 'Q') {
      this.pagerRest = undefined;
      return this.io.write(this.prompt());
    }
    this.nextPage(key === '\r' || key === '\n' ? 1 : this.pageLength - 1);
  }
}

/** Column of the token at `index` in the typed line, for the caret under a bad word. */
function column(line: string, index: number): number {
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  let i = 0;
  while ((m = re.exec(line))) {
    if (i++ === index) return m.index;
  }
  return line.length;
}
