import type { ConfigOptions, ConfigResult, DeviceSession, RollbackPlan } from '../core/ports.js';
import { DeviceError } from '../core/errors.js';
import type { ChannelBuffer } from './channel-buffer.js';
import { applyConfig, runRollback, saveConfig } from './config-runner.js';
import { stripEchoAndPrompt } from './cli-text.js';
import type { CliStep, PlatformDescription } from './platform-types.js';
import { typeAhead } from './typed-ahead.js';

export { stripEchoAndPrompt } from './cli-text.js';

type Deadline = { timeoutMs: number; signal: AbortSignal };

export interface SessionTimeouts {
  /** Deadline for the prompt after login and for each set-up command. */
  promptMs: number;
}

/**
 * Drives one device's interactive CLI through its platform description: finds the prompt,
 * reaches privileged mode, turns paging off, and runs commands one at a time.
 */
export class CliSession implements DeviceSession {
  private host = '';
  private broken: DeviceError | undefined;
  /** The prompt the last command ended at (with the line above it, Junos `[edit]`). */
  private lastPrompt = '';

  constructor(
    private readonly buffer: ChannelBuffer,
    private readonly platform: PlatformDescription,
    private readonly deviceName: string,
    private readonly onClose: () => Promise<void>,
  ) {}

  /** Hostname learnt from the prompt. */
  get hostname(): string {
    return this.host;
  }

  /** Login sequence: prompt, privilege, terminal settings. */
  async prepare(o: { enableSecret?: string; timeoutMs: number; signal: AbortSignal }): Promise<void> {
    if (!this.platform.pipelineSetup) return this.prepareStepByStep(o);
    await this.firstPrompt(o);
    const enable = o.enableSecret === undefined ? undefined : this.platform.enable;
    const blindEnable = enable?.harmlessWhenPrivileged ? enable : undefined;
    const lines = [
      ...this.platform.onOpen.map((command) => ({ command })),
      ...(blindEnable ? [{ command: blindEnable.command, orAsks: blindEnable.passwordPrompt }] : []),
    ];
    this.buffer.clear();
    const answers = await typeAhead(this.buffer, lines, this.platform.promptPattern, o);
    // The prompt after the first echo is the device's answer, never banner text.
    this.host = this.platform.promptPattern.exec(answers[0]!.prompt)?.groups?.host ?? '';
    for (const a of answers) if (!a.asked) this.assertAccepted(a.command, a.output);
    const last = answers.at(-1)!;
    const privileged = this.platform.privilegedPrompt(this.host);
    if (blindEnable && last.asked) await this.answerSecret(blindEnable, o.enableSecret!, o);
    else if (blindEnable && !privileged.test(last.prompt)) throw this.enableRefused(last.output);
    else if (enable && !blindEnable && !privileged.test(last.prompt)) await this.enable(enable, o.enableSecret!, o);
  }

  /** One exchange at a time, for a platform whose CLI may drop lines typed ahead. */
  private async prepareStepByStep(o: { enableSecret?: string; timeoutMs: number; signal: AbortSignal }): Promise<void> {
    const login = await this.findPrompt(o);
    this.host = this.platform.promptPattern.exec(login)?.groups?.host ?? '';
    const privileged = this.platform.privilegedPrompt(this.host).test(login);
    const enable = this.platform.enable;
    if (enable && o.enableSecret !== undefined && !privileged) {
      await this.enable(enable, o.enableSecret, o);
    }
    for (const cmd of this.platform.onOpen) await this.run(cmd, o);
  }

  /**
   * The CLI is up once something ends in a prompt. The newline asks a device that waits for a
   * key before its first prompt; it costs no round trip of its own (it crosses the first
   * prompt on the wire), and a banner line that looks like a prompt ends this wait harmlessly.
   */
  private async firstPrompt(o: Deadline): Promise<void> {
    const { promptPattern } = this.platform;
    this.buffer.write('\n');
    await this.buffer.waitFor((_, tail) => promptPattern.test(tail), { ...o, what: 'the login prompt' });
  }

  /**
   * A banner or MOTD can hold a line that looks like a prompt, and arrives in pieces. So a
   * prompt only counts once the device has answered a fresh newline with it: what ends the
   * second wait is the device's reply to that newline, never banner text.
   */
  private async findPrompt(o: Deadline): Promise<string> {
    const { promptPattern } = this.platform;
    const deadline = Date.now() + o.timeoutMs;
    const wait = () =>
      this.buffer.waitFor((_, tail) => promptPattern.test(tail), {
        timeoutMs: Math.max(1, deadline - Date.now()),
        signal: o.signal,
        what: 'the login prompt',
      });
    this.buffer.write('\n');
    await wait();
    this.buffer.clear();
    this.buffer.write('\n');
    await wait();
    return this.buffer.take();
  }

  async configure(lines: string[], o: ConfigOptions): Promise<ConfigResult> {
    for (const line of lines) this.assertOneLine(line);
    return applyConfig(
      { device: this.deviceName, platform: this.platform, step: (s, d) => this.step(s, d), leftConfig: (after) => this.leftConfig(after) },
      lines,
      o,
    );
  }

  async rollback(plan: RollbackPlan, o: Deadline): Promise<string> {
    return runRollback((s, d) => this.step(s, d), plan, o);
  }

  async save(o: Deadline): Promise<void> {
    await saveConfig((s, d) => this.step(s, d), this.platform, o);
  }

  /** One strategy step: a command, answering the one question the step expects. */
  private step(step: CliStep, o: Deadline): Promise<string> {
    return typeof step === 'string' ? this.run(step, o) : this.run(step.command, o, { asks: step.asks, answer: step.answer });
  }

  async run(command: string, o: Deadline, question?: Question): Promise<string> {
    if (this.broken) throw this.broken;
    this.assertOneLine(command);
    try {
      return await this.exchange(command, o, question);
    } catch (err) {
      // After a timeout or a lost channel the CLI state is unknown: refuse further commands.
      if (err instanceof DeviceError && err.code !== 'command_rejected') this.broken = err;
      throw err;
    }
  }

  async close(): Promise<void> {
    await this.onClose();
  }

  private assertOneLine(command: string): void {
    if (/[\r\n]/.test(command)) throw new DeviceError('command_rejected', 'a command may not contain line breaks');
  }

  private async exchange(command: string, o: Deadline, question?: Question): Promise<string> {
    const { promptPattern, pagerPattern, pagerContinue } = this.platform;
    const deadline = Date.now() + o.timeoutMs;
    const wait = (test: (text: string, tail: string) => boolean) =>
      this.buffer.waitFor(test, { timeoutMs: Math.max(1, deadline - Date.now()), signal: o.signal, what: `the prompt after "${command}"` });
    this.buffer.clear();
    this.buffer.write(`${command}\n`);
    // Wait for our own echo first, so a stray prompt from an earlier newline cannot end this exchange.
    await wait((text) => text.includes(command));
    const echoEnd = this.buffer.peek().indexOf(command) + command.length;
    let output = '';
    let from = echoEnd;
    let asked = question;
    for (;;) {
      await wait((text, tail) => text.length > from && (promptPattern.test(tail) || pagerPattern.test(tail) || !!asked?.asks.test(tail)));
      if (asked?.asks.test(this.buffer.peek().slice(-256))) {
        // The step's expected question (e.g. a file name to confirm): answer it once.
        from = this.buffer.peek().length;
        this.buffer.write(`${asked.answer}\n`);
        asked = undefined;
        continue;
      }
      const text = this.buffer.take();
      const pager = pagerPattern.exec(text.slice(-256));
      if (!pager) {
        output += text;
        break;
      }
      // Paging could not be turned off: keep the page without its mark and ask for the next.
      output += `${text.slice(0, text.length - pager[0].length)}\n`;
      from = 0;
      this.buffer.write(pagerContinue);
    }
    this.lastPrompt = promptPattern.exec(output.slice(-256))?.[0].replace(/^\n/, '') ?? '';
    const clean = stripEchoAndPrompt(output, command, promptPattern);
    this.assertAccepted(command, clean);
    return clean;
  }

  private assertAccepted(command: string, output: string): void {
    for (const pattern of this.platform.errorPatterns) {
      const m = pattern.exec(output);
      if (m) throw new DeviceError('command_rejected', `"${command}": ${m[0].trim()}`);
    }
  }

  private async enable(
    enable: NonNullable<PlatformDescription['enable']>,
    secret: string,
    o: { timeoutMs: number; signal: AbortSignal },
  ): Promise<void> {
    const privileged = this.platform.privilegedPrompt(this.host);
    this.buffer.clear();
    this.buffer.write(`${enable.command}\n`);
    const what = { ...o, what: 'privileged mode' };
    await this.buffer.waitFor((_, tail) => enable.passwordPrompt.test(tail) || privileged.test(tail), what);
    if (privileged.test(this.buffer.take())) return;
    await this.answerSecret(enable, secret, o);
  }

  /** The device asked for the enable secret: give it, in an exchange of its own (never typed ahead). */
  private async answerSecret(
    enable: NonNullable<PlatformDescription['enable']>,
    secret: string,
    o: { timeoutMs: number; signal: AbortSignal },
  ): Promise<void> {
    this.buffer.clear();
    this.buffer.write(`${secret}\n`);
    // A wrong secret is answered with the question again (IOS), or with an error line, maybe a
    // blank line, and the user prompt (EOS `% Access denied`): any prompt at all ends the wait.
    const { promptPattern } = this.platform;
    const what = { ...o, what: 'privileged mode' };
    await this.buffer.waitFor((_, tail) => enable.passwordPrompt.test(tail) || promptPattern.test(tail), what);
    const answer = this.buffer.take();
    if (!this.platform.privilegedPrompt(this.host).test(answer)) {
      if (enable.passwordPrompt.test(answer)) this.buffer.write('\x03');
      throw this.enableRefused(answer);
    }
  }

  private enableRefused(answer: string): DeviceError {
    const said = /^\s*(%.*?)\s*$/m.exec(answer)?.[1];
    return new DeviceError('auth_failed', `enable secret rejected${said ? ` (the device said "${said}")` : ''}`);
  }

  /**
   * After leaving configuration mode, the prompt must be the privileged one again: a device
   * still in configuration mode would take the next command (a save, a verification) as
   * configuration. Such a session is not used again.
   */
  private leftConfig(after: string): DeviceError | undefined {
    if (this.platform.privilegedPrompt(this.host).test(this.lastPrompt)) return undefined;
    this.broken = new DeviceError(
      'command_rejected',
      `still in configuration mode after "${after}": the prompt is "${this.lastPrompt.trim()}", not the privileged prompt`,
    );
    return this.broken;
  }
}

interface Question {
  asks: RegExp;
  answer: string;
}
