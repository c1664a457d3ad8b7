/**
 * A front or worker of the scale-out tests as a real child process: every output line kept
 * with the time it arrived (the test process's `performance.now()`, the clock the in-process
 * lab records with, so "after the worker said X, the lab saw nothing" can be checked), and the
 * ways a process dies or stalls in production: kill -9, SIGSTOP, SIGCONT.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';

export interface OutputLine {
  at: number;
  stream: 'out' | 'err';
  text: string;
}

/** How long a wait for a process's output may take before the test fails, on a loaded 2-core machine. */
export const PATIENCE_MS = 120_000;

export class Child {
  readonly lines: OutputLine[] = [];
  readonly exited: Promise<number | null>;
  /** The exit code (or null after a signal) once the process is gone. */
  code: number | null | undefined;
  private readonly proc: ChildProcess;
  private readonly waiters = new Set<() => void>();
  private stopped = false;

  constructor(
    readonly name: string,
    args: string[],
    o: { cwd: string; env: Record<string, string> },
  ) {
    this.proc = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: o.cwd, env: o.env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stdin?.on('error', () => undefined);
    for (const [stream, from] of [
      ['out', this.proc.stdout],
      ['err', this.proc.stderr],
    ] as const) {
      createInterface({ input: from! }).on('line', (text) => {
        this.lines.push({ at: performance.now(), stream, text });
        for (const w of this.waiters) w();
      });
    }
    this.exited = new Promise((resolve) => {
      this.proc.on('exit', (code) => {
        this.code = code;
        for (const w of this.waiters) w();
        resolve(code);
      });
    });
  }

  /** The pid: spawned without a shell, it is the node process that names itself in the audit trail. */
  get pid(): number {
    return this.proc.pid!;
  }

  /** Everything the process printed, stdout and stderr interleaved as they arrived. */
  output(): string {
    return this.lines.map((l) => `${this.name}${l.stream === 'err' ? '!' : ':'} ${l.text}`).join('\n');
  }

  /** The first line (already printed or still to come) matching `re`; rejects if the process exits or takes too long. */
  waitFor(re: RegExp, o: { from?: number; timeoutMs?: number } = {}): Promise<OutputLine> {
    const from = o.from ?? 0;
    return new Promise((resolve, reject) => {
      const check = () => {
        const hit = this.lines.slice(from).find((l) => re.test(l.text));
        if (hit) return done(() => resolve(hit));
        if (this.code !== undefined)
          done(() => reject(new Error(`${this.name} exited (${this.code}) before printing ${re}\n${this.output()}`)));
      };
      const timer = setTimeout(
        () => done(() => reject(new Error(`${this.name} printed no ${re} in time\n${this.output()}`))),
        o.timeoutMs ?? PATIENCE_MS,
      );
      const done = (then: () => void) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        then();
      };
      this.waiters.add(check);
      check();
    });
  }

  /** Types a line on the process's stdin (a REPL front). */
  send(line: string): void {
    this.proc.stdin?.write(`${line}\n`);
  }

  /** kill -9: no handler runs, no connection is closed politely. */
  kill9(): void {
    this.proc.kill('SIGKILL');
  }

  /** SIGSTOP: the process freezes with its sockets open, as a VM paused by its host. */
  pause(): void {
    this.stopped = true;
    this.proc.kill('SIGSTOP');
  }

  resume(): void {
    this.stopped = false;
    this.proc.kill('SIGCONT');
  }

  /** Ends the process: SIGTERM, then SIGKILL if it is still there after a while. */
  async end(): Promise<void> {
    if (this.code !== undefined) return;
    if (this.stopped) this.resume();
    this.proc.stdin?.end();
    this.proc.kill('SIGTERM');
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(timer);
  }
}
