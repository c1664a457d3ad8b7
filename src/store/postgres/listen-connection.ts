/**
 * One LISTEN connection kept alive. An idle LISTEN connection sends nothing, so a server (or a
 * network) that hangs without a word never errors it: a cancel's notification would just stop
 * arriving. A heartbeat asks the server a trivial question with the pools' answer bound; a
 * missing answer, like any error, drops the connection and a new one is opened with backoff.
 * The loss is reported once per outage, not once per attempt.
 */
import type { Socket } from 'node:net';
import pg from 'pg';
import { connectionBounds, type PoolOptions } from './pool.js';

export interface ListenOptions extends Omit<PoolOptions, 'max'> {
  channel: string;
  /** How often the open connection is asked for an answer. Default 5 s. */
  heartbeatMs?: number;
  /** The first wait before reconnecting, doubled each failure up to `max`. Default 1 s to 30 s. */
  retryMs?: { first: number; max: number };
  onNotify: (payload: string) => void;
  /** Listening (again): whoever follows the channel catches up on what it may have missed. */
  onListening: () => void;
  onError: (err: unknown) => void;
}

/** pg has no public way to drop a connection whose server no longer answers; its socket is destroyed. */
function drop(client: pg.Client): void {
  void client.end().catch(() => undefined);
  (client as unknown as { connection?: { stream?: Socket } }).connection?.stream?.destroy();
}

export class ListenConnection {
  private client: pg.Client | undefined;
  private closed = false;
  private failures = 0;
  private beating = false;
  private beat: NodeJS.Timeout | undefined;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly url: string,
    private readonly o: ListenOptions,
  ) {
    if (!/^[a-z_][a-z0-9_]*$/.test(o.channel)) throw new Error(`bad channel name ${o.channel}`);
  }

  /** The first connection: a failure here is the caller's (a start-up failure), not retried. */
  async start(): Promise<void> {
    await this.open();
    this.beat = setInterval(() => this.heartbeat(), this.o.heartbeatMs ?? 5_000);
    this.beat.unref();
  }

  private async open(): Promise<void> {
    const client = new pg.Client(connectionBounds(this.url, this.o));
    client.on('notification', (n) => {
      if (n.payload) this.o.onNotify(n.payload);
    });
    client.on('error', (err) => this.lost(client, err));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.o.channel}`);
    } catch (err) {
      drop(client);
      throw err;
    }
    if (this.closed) return drop(client);
    this.client = client;
    this.failures = 0;
    this.o.onListening();
  }

  private heartbeat(): void {
    const client = this.client;
    if (!client || this.beating) return;
    this.beating = true;
    client
      .query('SELECT 1')
      .catch((err: unknown) => this.lost(client, err))
      .finally(() => {
        this.beating = false;
      });
  }

  /** The current connection failed (a dropped one's late errors are ignored). */
  private lost(client: pg.Client, err: unknown): void {
    if (client !== this.client) return;
    this.client = undefined;
    drop(client);
    this.reconnect(err);
  }

  private reconnect(err: unknown): void {
    if (this.closed || this.retry) return;
    if (this.failures === 0) {
      const why = (err as Error)?.message ?? String(err);
      this.o.onError(
        new Error(`the job event feed lost its connection (${why}); reconnecting with backoff, missed events are read from the table`),
      );
    }
    const { first, max } = this.o.retryMs ?? { first: 1_000, max: 30_000 };
    const wait = Math.min(max, first * 2 ** this.failures);
    this.failures += 1;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      if (this.closed) return;
      this.open().catch((e: unknown) => this.reconnect(e));
    }, wait);
    this.retry.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.beat);
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    // A hung server never answers the goodbye either: give it a moment, then drop the socket.
    const hung = setTimeout(() => drop(client), 2_000);
    await client.end().catch(() => undefined);
    clearTimeout(hung);
  }
}
