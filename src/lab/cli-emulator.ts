import type { EmulatedDevice, TerminalIo } from './emulated-device.js';
import type { LabCommand, LabMode, PromptContext } from './lab-platforms.js';
import { matchCommand } from './command-matcher.js';
import { Pager } from './pager.js';
import { answer, lineRefusal, pipeRefusal, wordRefusal } from './cli-refusals.js';
import { readPipedLine } from './piped-line.js';
import { ConfigSession, type Outcome } from './config-session.js';
import { type PipeStep, type ViewContext, pipeStart, runPipes } from './output-modifiers.js';

// The device's description lives beside it; re-exported for the modules that import it from here.
export type { EmulatedDevice, LabFault, TerminalIo } from './emulated-device.js';

/**
 * One interactive CLI session on a simulated device: echo, prompts, modes, enable,
 * pager, errors, configuration and latency, as the recorded sessions show them.
 */
export class CliEmulator {
  private mode: LabMode;
  private pending = '';
  private busy = false;
  private lastWasCr = false;
  private lineSoFar = '';
  /** A question is open (enable secret, file name): the next line answers it. */
  private awaiting: { hidden: boolean; then: (line: string) => void } | undefined;
  private passwordAttempts = 0;
  private readonly pager: Pager;
  private closed = false;
  private readonly config: ConfigSession;
  /** Called whenever the session is back at a prompt (exec requests end there). */
  onPrompt: ((failed: boolean) => void) | undefined;
  private failed = false;
  /** Serving an exec request: output only. */
  private quiet = false;
  /** The line being performed, for the caret under a refused word. */
  private current = '';
  /** The lead (IOS-XR's timestamp) was turned off for this session. */
  private leadOff = false;

  constructor(
    private readonly d: EmulatedDevice,
    private readonly io: TerminalIo,
    private readonly user: string,
  ) {
    this.mode = d.platform.initialMode;
    this.pager = new Pager({
      length: d.platform.defaultPageLength,
      mark: d.platform.pagerMark,
      erase: d.platform.pagerErase,
      write: (t) => this.io.write(t),
      done: (text) => this.showPrompt(text),
    });
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
    this.pager.length = 0;
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
      if (this.pager.open) {
        const key = this.pending[0]!;
        this.pending = this.pending.slice(1);
        this.pager.key(key);
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
    const { commands } = this.d.platform;
    const m = matchCommand(commands, this.mode, tokens);
    const bar = pipeStart(line);
    // A `|` is a modifier unless the command itself spells it (Junos `show | compare`): a
    // `<rest>` word (`show running-config <section>`) must not swallow `| include ntp`.
    const whole = m.kind === 'command' && (bar < 0 || m.command.words.includes('|'));
    if (whole) return this.after(this.d.latencyMs, () => this.perform(m.command, m.tokens, line));
    if (bar > 0 && line.slice(0, bar).trim()) return this.executePiped(line, bar);
    if (m.kind === 'command') return this.after(this.d.latencyMs, () => this.perform(m.command, m.tokens, line));
    this.refuse(lineRefusal(this.d.platform, this.mode, line, this.caretBase(), m));
  }

  private refuse(text: string, now = false): void {
    this.failed = true;
    if (now) return this.showPrompt(text);
    this.after(this.d.latencyMs, () => this.showPrompt(text));
  }

  /** A command with output modifiers. */
  private executePiped(line: string, bar: number): void {
    const r = readPipedLine(this.d.platform, this.mode, line, bar, this.caretBase());
    if (r.kind === 'refused') return this.refuse(r.text);
    this.after(this.d.latencyMs, () => this.perform(r.command, r.tokens, line, r.steps));
  }

  /** Where the typed line starts on screen: after the prompt's last line. */
  private caretBase(): number {
    return this.promptText().split('\n').at(-1)!.length;
  }

  private lead(): string {
    const { lead } = this.d.platform;
    return lead && !this.leadOff ? lead() : '';
  }

  /**
   * The lead an output gets and its body: a capture that starts with its own lead (IOS-XR's
   * stamp) keeps it, unless the session turned the lead off. Modifiers apply to the body only.
   */
  private splitLead(text: string): [string, string] {
    const own = this.d.platform.leadIn?.exec(text);
    if (own?.index === 0) return [this.leadOff ? '' : own[0], text.slice(own[0].length)];
    return [this.lead(), text];
  }

  private perform(cmd: LabCommand, tokens: string[], line: string, pipes?: PipeStep[]): void {
    this.current = line;
    const a = cmd.action;
    switch (a.kind) {
      case 'output': {
        const query = a.arg === undefined ? undefined : this.d.queries?.[a.name];
        const live = this.d.live?.[a.name];
        const text = query ? query(tokens.slice(a.arg)) : live ? live() : (this.d.outputs[a.name] ?? '');
        return this.emitPiped(text, a.name, pipes);
      }
      case 'enable':
        if (this.mode !== 'user') return this.showPrompt();
        this.passwordAttempts = 0;
        return this.askSecret();
      case 'disable':
        this.mode = 'user';
        return this.showPrompt();
      case 'paging':
        if (!this.d.pagingStuck) this.pager.length = Number(tokens[a.arg]);
        return this.showPrompt(this.lead() + answer(a.say, tokens[a.arg]));
      case 'nothing':
        return this.showPrompt(this.lead() + answer(a.say, a.arg === undefined ? undefined : tokens[a.arg]));
      case 'exit':
        this.closed = true;
        return this.io.close();
      case 'lead-off':
        this.leadOff = true;
        return this.showPrompt();
    }
    const outcome = this.config.handle(a, tokens, line, this.mode);
    if (outcome && pipes && 'text' in outcome) {
      // The view a modifier swaps in is of the configuration the command showed (a config-mode `show`: the candidate).
      const candidate = a.kind === 'config-view' ? (a.candidate ?? false) : true;
      return this.emitPiped(outcome.text.replace(/\n$/, ''), a.kind === 'diff' ? 'diff' : 'configuration', pipes, candidate);
    }
    if (outcome) this.settle(outcome);
  }

  /** A command's output through its modifiers (none: as it is). */
  private emitPiped(text: string, source: ViewContext['source'], pipes: PipeStep[] | undefined, candidate = false): void {
    if (!pipes?.length) return this.emit(text);
    const { config } = this.config.viewSource(this.mode, candidate);
    const [lead, body] = this.splitLead(text);
    const r = runPipes(pipes, { device: this.d, source, mode: this.mode, text: body, config });
    if (!r.ok) {
      const at = { line: this.current, caretBase: this.caretBase(), at: r.at, word: 1, error: 'invalid' as const };
      return this.refuse(pipeRefusal(this.d.platform, this.mode, at), true);
    }
    // A filter that kept no line: the lead alone, then the prompt.
    if (r.text === '') return this.showPrompt(lead);
    this.print(lead + r.text, r.paging);
  }

  private settle(o: Outcome): void {
    if ('ask' in o) {
      this.awaiting = { hidden: false, then: (answer) => this.after(this.d.latencyMs, () => this.settle(o.then(answer))) };
      this.io.write(o.ask.replace(/\r?\n/g, '\r\n'));
      return;
    }
    if ('invalidWord' in o)
      return this.refuse(wordRefusal(this.d.platform, this.mode, this.current, this.caretBase(), o.invalidWord), true);
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
    const [lead, body] = this.splitLead(text);
    this.print(lead + body, true);
  }

  private print(text: string, paging: boolean): void {
    const lines = text.replace(/\r?\n/g, '\n').split('\n');
    if (this.d.fault === 'drop') {
      // Half the output, then the connection goes.
      this.io.write(lines.slice(0, Math.ceil(lines.length / 2)).join('\r\n'));
      this.closed = true;
      return this.io.close();
    }
    this.pager.show(lines, paging);
  }
}
