/**
 * The network between a client and a simulated device: a round-trip time applied to every
 * packet both ways (half on the way in, half on the way out), from the first byte of the SSH
 * handshake on, and the lab's own record of how many round trips a connection cost.
 *
 * The per-command processing time (`latencyMs`) is the device's; this is the wire's. A device
 * 200 ms away costs 200 ms per exchange even when it answers at once, which is what a client
 * saves by sending several lines in one go.
 */
import { Duplex } from 'node:stream';
import type { Socket } from 'node:net';

/** What the lab saw of one connection, as it received it (never from the client's timing). */
export interface ConnectionRecord {
  /** Times the client spoke after the device had spoken: each is one round trip on a real network. */
  roundTrips: number;
  /** Round trips before the interactive shell (or exec) started: TCP, key exchange, authentication, channel. */
  handshakeRoundTrips: number;
  /**
   * Round trips that carried CLI input: lines typed ahead in one write are one exchange, and
   * closing the connection is none. Counted as the input reaches the CLI, by the round trip it
   * arrived in (exact for a client that waits for the answers before it speaks again).
   */
  exchanges: number;
  /** Command lines the CLI received (one per line ending; a typed-ahead line counts as one). */
  lines: number;
  /** Those lines as typed, secrets masked: what the client asked for, in order. */
  received: string[];
  /** The shell (or exec request) has started. */
  shell: boolean;
}

export function newRecord(): ConnectionRecord {
  return { roundTrips: 0, handshakeRoundTrips: 0, exchanges: 0, lines: 0, received: [], shell: false };
}

/** Marks the start of the CLI: round trips from here on are exchanges. */
export function shellStarted(r: ConnectionRecord): void {
  if (r.shell) return;
  r.shell = true;
  r.handshakeRoundTrips = r.roundTrips;
}

type Queued = { due: number; run: () => void };

/** Runs callbacks at their due time, in the order they were queued (one timer, so order never depends on timer ties). */
class DelayLine {
  private readonly queue: Queued[] = [];
  private timer: NodeJS.Timeout | undefined;

  push(due: number, run: () => void): void {
    // Nothing to wait for (no round-trip time, nothing queued): pass it on now, at no cost.
    if (this.queue.length === 0 && due <= performance.now()) return run();
    this.queue.push({ due, run });
    if (!this.timer) this.arm();
  }

  clear(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.queue.length = 0;
  }

  private arm(): void {
    const head = this.queue[0];
    if (!head) return;
    this.timer = setTimeout(() => this.drain(), Math.max(0, head.due - performance.now()));
  }

  private drain(): void {
    this.timer = undefined;
    const now = performance.now();
    while (this.queue.length > 0 && this.queue[0]!.due <= now + 0.5) this.queue.shift()!.run();
    this.arm();
  }
}

/**
 * A socket seen through a network of the given round-trip time: data from the client reaches
 * the SSH server half a round trip late, and the server's data leaves half a round trip late.
 * The TCP handshake itself happens in the kernel on loopback, so it is modelled as one round
 * trip during which nothing passes either way. Counts the client's turns into `record`.
 */
export class DelayedSocket extends Duplex {
  private readonly inbound = new DelayLine();
  private readonly outbound = new DelayLine();
  private readonly half: number;
  private readonly open: number;
  private serverSpoke = true;

  constructor(
    private readonly sock: Socket,
    rttMs: number,
    private readonly record: ConnectionRecord,
  ) {
    super();
    this.half = rttMs / 2;
    this.open = performance.now() + rttMs;
    sock.on('data', (chunk: Buffer) => this.fromClient(chunk));
    sock.on('end', () => this.inbound.push(this.due(), () => this.push(null)));
    sock.on('close', () => {
      this.inbound.clear();
      this.outbound.clear();
      this.destroy();
    });
    sock.on('error', (err) => this.destroy(err));
  }

  get remoteAddress(): string | undefined {
    return this.sock.remoteAddress;
  }

  get remotePort(): number | undefined {
    return this.sock.remotePort;
  }

  get remoteFamily(): string | undefined {
    return this.sock.remoteFamily;
  }

  setNoDelay(): this {
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  private due(): number {
    return Math.max(performance.now() + this.half, this.open);
  }

  private fromClient(chunk: Buffer): void {
    if (this.serverSpoke) {
      this.record.roundTrips++;
      this.serverSpoke = false;
    }
    this.inbound.push(this.due(), () => this.push(chunk));
  }

  override _read(): void {}

  override _write(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    this.serverSpoke = true;
    this.outbound.push(this.due(), () => {
      if (!this.sock.destroyed) this.sock.write(chunk);
    });
    done();
  }

  override _final(done: (err?: Error | null) => void): void {
    this.outbound.push(this.due(), () => this.sock.end());
    done();
  }

  override _destroy(err: Error | null, done: (err?: Error | null) => void): void {
    this.inbound.clear();
    this.outbound.clear();
    this.sock.destroy();
    done(err);
  }
}

/**
 * Counts the command lines a CLI receives into `record` (`\r\n` is one line ending), keeping
 * the lines themselves with any secret masked. Returns the function to feed the input to.
 */
export function lineRecorder(record: ConnectionRecord, secrets: string[]): (text: string) => void {
  let partial = '';
  let lastCr = false;
  let turn = -1;
  return (text) => {
    if (record.roundTrips !== turn) {
      turn = record.roundTrips;
      record.exchanges++;
    }
    for (const ch of text) {
      if (ch === '\n' && lastCr) {
        lastCr = false;
        continue;
      }
      lastCr = ch === '\r';
      if (ch !== '\r' && ch !== '\n') {
        partial += ch;
        continue;
      }
      record.lines++;
      record.received.push(secrets.includes(partial) ? '<secret>' : partial);
      partial = '';
    }
  };
}
