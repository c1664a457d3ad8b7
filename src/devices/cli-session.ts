import type { DeviceSession } from '../core/ports.js';
import { DeviceError } from '../core/errors.js';
import type { ChannelBuffer } from './channel-buffer.js';
import type { PlatformDescription } from './platform-types.js';

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
    this.buffer.write('\n');
    await this.buffer.waitFor((_, tail) => this.platform.promptPattern.test(tail), {
      ...o, what: 'the login prompt',
    });
    const login = this.buffer.take();
    this.host = this.platform.promptPattern.exec(login)?.groups?.host ?? '';
    const privileged = this.platform.privilegedPrompt(this.host).test(login);
    const enable = this.platform.enable;
    if (enable && o.enableSecret !== undefined && !privileged) {
      await this.enable(enable, o.enableSecret, o);
    }
    for (const cmd of this.platform.onOpen) await this.run(cmd, o);
  }

  async run(command: string, o: { timeoutMs: number; signal: AbortSignal }): Promise<string> {
    if (this.broken) throw this.broken;
    if (/[\r\n]/.test(command)) throw new DeviceError('command_rejected', 'a command may not contain line breaks');
    try {
      return await this.exchange(command, o);
    } catch (err) {
      // After a timeout or a lost channel the CLI state is unknown: refuse further commands.
      if (err instanceof DeviceError && err.code !== 'command_rejected') this.broken = err;
      throw err;
    }
  }

  async close(): Promise<void> {
    await this.onClose();
  }

  private async exchange(command: string, o: { timeoutMs: number; signal: AbortSignal }): Promise<string> {
    const { promptPattern, pagerPattern, pagerContinue } = this.platform;
    const deadline = Date.now() + o.timeoutMs;
    const wait = (test: (text: string, tail: string) => boolean) =>
      this.buffer.waitFor(test, {
        timeoutMs: Math.max(1, deadline - Date.now()), signal: o.signal, what: `the prompt after "${command}"`,
      });
    this.buffer.clear();
    this.buffer.write(`${command}\n`);
    // Wait for our own echo first, so a stray prompt from an earlier newline cannot end this exchange.
    await wait((text) => text.includes(command));
    const echoEnd = this.buffer.peek().indexOf(command) + command.length;
    let output = '';
    let from = echoEnd;
    for (;;) {
      await wait((text, tail) => text.length > from && (promptPattern.test(tail) || pagerPattern.test(tail)));
      const text = this.buffer.take();
      const pager = pagerPattern.exec(text.slice(-256));
      if (!pager) {
        output += text;
        break;
      }
      // Paging could not be turned off: keep the page without its mark and ask for the next.
      output += text.slice(0, text.length - pager[0].length) + '\n';
      from = 0;
      this.buffer.write(pagerContinue);
    }
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
    this.buffer.write(`${secret}\n`);
    await this.buffer.waitFor(
      (_, tail) => enable.passwordPrompt.test(tail) || privileged.test(tail) || /%.*\n.*[>#]\s*$/.test(tail),
      what,
    );
    if (!privileged.test(this.buffer.take())) {
      this.buffer.write('\x03');
      throw new DeviceError('auth_failed', 'enable secret rejected');
    }
  }
}

/** Output without the echoed command line and the trailing prompt. */
export function stripEchoAndPrompt(text: string, command: string, promptPattern: RegExp): string {
  let out = text;
  const echo = out.indexOf(command);
  if (echo >= 0) {
    const eol = out.indexOf('\n', echo);
    out = eol >= 0 ? out.slice(eol + 1) : '';
  }
  const prompt = promptPattern.exec(out);
  if (prompt) out = out.slice(0, prompt.index);
  return out.replace(/\s+$/, '');
}
