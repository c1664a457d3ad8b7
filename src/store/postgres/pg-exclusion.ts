import type pg from 'pg';
import { orderedKeys, type Exclusion, type Hold } from '../../core/exclusion.js';
import { LeaseError, StaleLeaseError } from './lease-error.js';
import { leaseKindOf, observed, type StoreObserver } from './store-observer.js';

export { LeaseError, StaleLeaseError } from './lease-error.js';

export interface PgExclusionOptions {
  /** A lease expires this long after it was taken or last renewed, by the database clock. */
  ttlMs: number;
  /** Renewal period; default a third of the TTL, so two renewals may fail before the lease can expire. */
  renewMs?: number;
  /** Waits between attempts while a key is held elsewhere (doubling from `min` up to `max`, with jitter). */
  retry?: { minMs: number; maxMs: number };
  /** Told each hold's wait for its leases and each hold lost (the metrics). */
  observer?: Partial<StoreObserver>;
}

/**
 * Device and group leases as rows of `leases`: all keys of a hold are taken in one statement,
 * so one transaction (a free or expired row is taken, with a new token from `lease_token`; one
 * held key fails the whole attempt; then it is retried with backoff), renewed while held, and
 * given up on release. Expiry is always by the
 * database's `now()`, so the hosts' clocks never decide who holds a device.
 */
export class PgExclusion implements Exclusion {
  private readonly renewMs: number;
  private readonly retry: { minMs: number; maxMs: number };

  constructor(
    private readonly pool: pg.Pool,
    private readonly o: PgExclusionOptions,
  ) {
    this.renewMs = o.renewMs ?? Math.floor(o.ttlMs / 3);
    this.retry = o.retry ?? { minMs: 25, maxMs: 250 };
  }

  async hold(keys: string[], o: { holder: string; signal: AbortSignal }): Promise<Hold> {
    const wanted = orderedKeys(keys);
    const kind = leaseKindOf(wanted);
    const askedAt = performance.now();
    for (let wait = this.retry.minMs; ; wait = Math.min(this.retry.maxMs, wait * 2)) {
      o.signal.throwIfAborted();
      const sentAt = performance.now();
      const tokens = await this.tryTake(wanted, o.holder);
      if (tokens && o.signal.aborted) {
        await this.giveBack(tokens);
        o.signal.throwIfAborted();
      }
      if (tokens) {
        observed(this.o.observer, 'leaseWait', kind, (performance.now() - askedAt) / 1000);
        const t = { ttlMs: this.o.ttlMs, renewMs: this.renewMs };
        return new LeaseHold(this.pool, tokens, sentAt, t, {
          giveBack: (x) => this.giveBack(x),
          onLost: () => observed(this.o.observer, 'leaseLost', kind),
        });
      }
      await abortableDelay(wait / 2 + Math.random() * wait, o.signal);
    }
  }

  /** One attempt, all or nothing (take_leases, see migrations.ts): the tokens of every key, or undefined when any is held elsewhere. */
  private async tryTake(keys: string[], holder: string): Promise<Record<string, number> | undefined> {
    try {
      const { rows } = await this.pool.query<{ key: string; token: string }>('SELECT key, token FROM take_leases($1::text[], $2, $3)', [
        keys,
        holder,
        this.o.ttlMs / 1000,
      ]);
      return Object.fromEntries(rows.map((r) => [r.key, Number(r.token)]));
    } catch (err) {
      if ((err as { code?: string }).code === HELD_ELSEWHERE) return undefined;
      throw new LeaseError('unavailable', `cannot take leases ${keys.join(', ')}: ${(err as Error).message}`, { cause: err });
    }
  }

  /** Deletes only rows still carrying our tokens; if the database is gone the leases simply expire. */
  private async giveBack(tokens: Readonly<Record<string, number>>): Promise<void> {
    await this.pool
      .query('DELETE FROM leases l USING unnest($1::text[], $2::bigint[]) AS h(key, token) WHERE l.key = h.key AND l.token = h.token', [
        Object.keys(tokens),
        Object.values(tokens),
      ])
      .catch(() => undefined);
  }
}

/** The SQLSTATE take_leases raises when a key is held elsewhere. */
const HELD_ELSEWHERE = 'NX001';

/**
 * A held set of leases. Renewal is confirmed per key (row still there, same token, not yet
 * expired); a renewal that fails, confirms fewer keys, or has not come back by the time the
 * lease could expire aborts `lost`, and renewing stops: the holder must not touch the device again.
 */
class LeaseHold implements Hold {
  private readonly ctl = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private watchdog: NodeJS.Timeout;
  private released = false;
  /** A renewal still waiting for its answer: the next tick does not pile another on it (the watchdog covers a slow one). */
  private renewing = false;

  constructor(
    private readonly pool: pg.Pool,
    readonly tokens: Readonly<Record<string, number>>,
    takenAt: number,
    private readonly t: { ttlMs: number; renewMs: number },
    private readonly on: { giveBack: (t: Readonly<Record<string, number>>) => Promise<void>; onLost: () => void },
  ) {
    this.watchdog = this.deadline(takenAt);
    this.timer = setInterval(() => void this.renew(), t.renewMs);
    this.timer.unref();
  }

  get lost(): AbortSignal {
    return this.ctl.signal;
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    this.stop();
    await this.on.giveBack(this.tokens);
  }

  /**
   * The database set the expiry no earlier than a TTL after the last confirmed statement was
   * sent; half a renewal period before that, the holder gives up, so it stops before anyone can take over.
   */
  private deadline(sentAt: number): NodeJS.Timeout {
    const at = sentAt + this.t.ttlMs - this.t.renewMs / 2;
    const t = setTimeout(() => this.lose('not renewed in time (database slow or unreachable)'), Math.max(0, at - performance.now()));
    t.unref();
    return t;
  }

  private async renew(): Promise<void> {
    if (this.ctl.signal.aborted || this.released || this.renewing) return;
    this.renewing = true;
    const sentAt = performance.now();
    const keys = Object.keys(this.tokens);
    try {
      const { rows } = await this.pool.query<{ key: string }>(
        `UPDATE leases l SET expires_at = now() + make_interval(secs => $3)
         FROM unnest($1::text[], $2::bigint[]) AS h(key, token)
         WHERE l.key = h.key AND l.token = h.token AND l.expires_at > now() RETURNING l.key`,
        [keys, Object.values(this.tokens), this.t.ttlMs / 1000],
      );
      if (rows.length < keys.length)
        return this.lose(`expired or taken over: ${keys.filter((k) => !rows.some((r) => r.key === k)).join(', ')}`);
      if (this.released || this.ctl.signal.aborted) return;
      clearTimeout(this.watchdog);
      this.watchdog = this.deadline(sentAt);
    } catch (err) {
      this.lose(`renewal failed: ${(err as Error).message}`, err);
    } finally {
      this.renewing = false;
    }
  }

  private lose(why: string, cause?: unknown): void {
    if (this.ctl.signal.aborted || this.released) return;
    this.stop();
    this.ctl.abort(new LeaseError('lost', `lease lost (${Object.keys(this.tokens).join(', ')}): ${why}`, { cause }));
    this.on.onLost();
  }

  private stop(): void {
    clearInterval(this.timer);
    clearTimeout(this.watchdog);
  }
}

/**
 * Inside a writer's transaction: every `key -> token` must still be held (row there, same
 * token, not expired by the database clock), else StaleLeaseError and the transaction rolls
 * back. The rows are locked FOR SHARE, so no takeover can commit before the write does.
 */
export async function fenced(client: pg.PoolClient, tokens: Readonly<Record<string, number>>): Promise<void> {
  const keys = Object.keys(tokens);
  const { rows } = await client.query<{ key: string }>(
    `SELECT l.key FROM leases l JOIN unnest($1::text[], $2::bigint[]) AS h(key, token) ON l.key = h.key
     WHERE l.token = h.token AND l.expires_at > now() FOR SHARE OF l`,
    [keys, Object.values(tokens)],
  );
  if (rows.length < keys.length) throw new StaleLeaseError(keys.filter((k) => !rows.some((r) => r.key === k)));
}

function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(t);
      reject(signal.reason);
    };
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
