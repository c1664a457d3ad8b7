import { StringDecoder } from 'node:string_decoder';
import type { Duplex } from 'node:stream';
import { DeviceError } from '../core/errors.js';

/** How much of the buffer's end is tested for prompts and pagers: they sit at the end, and testing only the tail keeps long outputs linear. */
const TAIL = 1024;
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]|\x1b[=>]/g;

type Waiter = { test: (text: string, tail: string) => boolean; resolve: () => void; reject: (e: Error) => void };

/**
 * Accumulates a shell channel's output as terminal text (CR dropped, backspaces applied,
 * ANSI escapes removed) and lets one reader at a time wait for a condition on it.
 * Waits end by a condition, a deadline or an abort; never by a fixed sleep.
 */
export class ChannelBuffer {
  private text = '';
  private waiter: Waiter | undefined;
  private closed: DeviceError | undefined;
  private readonly decoder = new StringDecoder('utf8');

  constructor(
    private readonly stream: Duplex,
    private readonly deviceName: string,
  ) {
    stream.on('data', (chunk: Buffer) => this.push(this.decoder.write(chunk)));
    stream.on('close', () => this.close());
    stream.on('error', (err: Error) => this.close(err));
  }

  get isClosed(): boolean {
    return this.closed !== undefined;
  }

  write(data: string): void {
    if (this.closed) throw this.closed;
    this.stream.write(data);
  }

  /** Everything received since the last `take`/`clear`. */
  peek(): string {
    return this.text;
  }

  take(): string {
    const t = this.text;
    this.text = '';
    return t;
  }

  clear(): void {
    this.text = '';
  }

  /** Replace the buffer's content (used to cut a pager mark out of the output). */
  replace(text: string): void {
    this.text = text;
  }

  /**
   * Resolves once `test(text, tail)` holds for the buffer. Rejects with a typed error on
   * deadline, abort or channel close.
   */
  waitFor(test: (text: string, tail: string) => boolean, o: { timeoutMs: number; signal: AbortSignal; what: string }): Promise<void> {
    if (this.waiter) throw new Error('ChannelBuffer: one reader at a time');
    if (this.closed) return Promise.reject(this.closed);
    if (test(this.text, this.tail())) return Promise.resolve();
    if (o.signal.aborted) return Promise.reject(abortError(o.signal, this.deviceName));
    return new Promise<void>((resolve, reject) => {
      const finish = (err?: Error) => {
        clearTimeout(timer);
        o.signal.removeEventListener('abort', onAbort);
        this.waiter = undefined;
        if (err) reject(err);
        else resolve();
      };
      const onAbort = () => finish(abortError(o.signal, this.deviceName));
      const timer = setTimeout(
        () => finish(new DeviceError('timeout', `no answer within ${formatSeconds(o.timeoutMs)} waiting for ${o.what}`)),
        o.timeoutMs,
      );
      o.signal.addEventListener('abort', onAbort, { once: true });
      this.waiter = { test, resolve: () => finish(), reject: finish };
    });
  }

  private tail(): string {
    return this.text.length > TAIL ? this.text.slice(-TAIL) : this.text;
  }

  private push(chunk: string): void {
    const clean = chunk.replace(ANSI, '').replace(/\r/g, '');
    if (clean.includes('\b')) {
      // Pagers erase their own mark with backspaces: apply them as a terminal would.
      // Only the tail can be erased, so the work stays proportional to the chunk.
      const cut = Math.max(0, this.text.length - TAIL);
      const chars = [...this.text.slice(cut)];
      for (const ch of clean) {
        if (ch === '\b') chars.pop();
        else chars.push(ch);
      }
      this.text = this.text.slice(0, cut) + chars.join('');
    } else {
      this.text += clean;
    }
    const w = this.waiter;
    if (w?.test(this.text, this.tail())) w.resolve();
  }

  private close(cause?: Error): void {
    if (this.closed) return;
    this.closed = new DeviceError('connection_lost', `${this.deviceName}: connection closed by the device`, { cause });
    this.waiter?.reject(this.closed);
  }
}

function abortError(signal: AbortSignal, device: string): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof DeviceError) return reason;
  return new DeviceError('cancelled', `${device}: cancelled`, { cause: reason });
}

export function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
