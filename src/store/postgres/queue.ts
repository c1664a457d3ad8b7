/**
 * The queue between fronts and workers: pg-boss 10 on the same PostgreSQL, one queue per site
 * (`netops-device-<site>`), so a site-local worker takes only its own sites' devices.
 * Exclusion is NOT the queue's job (pg-boss singleton queues block every key while one is
 * busy): workers take lease rows for that.
 */
import { randomUUID } from 'node:crypto';
import PgBoss from 'pg-boss';
import type { DeviceWork } from '../../core/remote-work.js';
import type { WorkObserver } from '../../core/work-observer.js';

export interface QueueOptions {
  url: string;
  /** pg-boss's own schema, beside the netops schema (`<schema>_boss`). */
  schema: string;
  /** A device's whole deadline: work running longer than this (plus the lease wait) is taken as lost. */
  deviceTimeoutMs: number;
  /** Longest a worker waits for a device's or group's lease before the work is given up. */
  holdWaitMs: number;
  /** How often pg-boss looks for expired work (a crashed worker's): the detection delay. */
  maintenanceSeconds?: number;
  /** pg-boss's own errors (a lost connection): logged, never thrown. */
  onError?: (err: unknown) => void;
  /** Told how long each item this process takes waited in the queue (a guarded observer: see core/work-observer.ts). */
  observer?: Pick<WorkObserver, 'queueWait'>;
}

export type WorkState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed' | 'gone';

/** A site's queue name; sites are inventory names, so anything odd is folded into `_`. */
export const queueOf = (site: string) => `netops-device-${site.replace(/[^\w-]/g, '_')}`;

/** Connect and answer bounds of pg-boss's pool (its statements are short; maintenance included). */
const BOSS_POOL_BOUNDS = { connectionTimeoutMillis: 5_000, query_timeout: 30_000 };

/** A statement that answers only when pg-boss's tables in `schema` can be read: the queue is reachable. */
export const queueProbeSql = (schema: string) => `SELECT version FROM ${schema}.version`;

/** Waits `ms`, or less if a slot frees or the signal aborts: the worker's poll, not a session delay. */
function idle(ms: number, signal: AbortSignal, inHand: Promise<void>[]): Promise<void> {
  return new Promise<void>((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
    if (inHand.length) void Promise.race(inHand).then(done);
  });
}

export class DeviceQueue {
  private readonly known = new Set<string>();
  private creating: Promise<void> = Promise.resolve();
  private readonly batch: { work: DeviceWork; resolve: (r: { queue: string; id: string }) => void; reject: (err: unknown) => void }[] = [];

  private constructor(
    private readonly boss: PgBoss,
    private readonly o: QueueOptions,
  ) {}

  static async open(o: QueueOptions): Promise<DeviceQueue> {
    const boss = new PgBoss({
      connectionString: o.url,
      schema: o.schema,
      max: 4,
      maintenanceIntervalSeconds: o.maintenanceSeconds ?? 5,
      // pg-boss hands its options to its pg Pool: bounded connects and answers, so a worker whose
      // connection hangs (a silent network) gives it up and polls again instead of waiting for ever.
      ...BOSS_POOL_BOUNDS,
    } as PgBoss.ConstructorOptions);
    boss.on('error', (err) => o.onError?.(err));
    await boss.start();
    return new DeviceQueue(boss, o);
  }

  /** Seconds a taken item may stay active: the device deadline and the longest lease wait, with a margin. */
  get expireInSeconds(): number {
    return Math.ceil((this.o.deviceTimeoutMs + this.o.holdWaitMs) / 1000) + 10;
  }

  /** Creates a site's queue once; one at a time here, since concurrent creations deadlock in pg-boss's DDL. */
  private async ensure(site: string): Promise<string> {
    const name = queueOf(site);
    if (this.known.has(name)) return name;
    const made = this.creating.then(() => this.create(name));
    this.creating = made.catch(() => undefined);
    await made;
    this.known.add(name);
    return name;
  }

  private async create(name: string): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      if (await this.boss.getQueue(name)) return;
      try {
        await this.boss.createQueue(name, { name, policy: 'standard', retryLimit: 0 });
        return;
      } catch (err) {
        // Another process creating queues at the same moment: its DDL and ours deadlock or collide; look again.
        const code = (err as { code?: string }).code;
        if (attempt >= 5 || (code !== '40P01' && code !== '23505')) throw err;
      }
    }
  }

  /**
   * Sends one device's work. A read is retried once on another worker if its worker dies; a
   * change never is (retryLimit 0): a half-applied change is for a person to check, not a retry.
   */
  enqueue(work: DeviceWork): Promise<{ queue: string; id: string }> {
    return new Promise((resolve, reject) => {
      this.batch.push({ work, resolve, reject });
      // Every device a job sends in one turn goes in one insert: a 10,000-device read is a few statements, not 10,000.
      if (this.batch.length === 1) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const batch = this.batch.splice(0);
    try {
      const rows: (PgBoss.JobInsert<DeviceWork> & { id: string; name: string })[] = [];
      for (const b of batch) {
        const name = await this.ensure(b.work.site);
        rows.push({
          id: randomUUID(),
          name,
          data: b.work,
          retryLimit: b.work.kind === 'change' ? 0 : 1,
          retryDelay: 0,
          expireInSeconds: this.expireInSeconds,
        });
      }
      for (let i = 0; i < rows.length; i += 1000) await this.boss.insert(rows.slice(i, i + 1000));
      for (const [i, b] of batch.entries()) b.resolve({ queue: rows[i]!.name, id: rows[i]!.id });
    } catch (err) {
      for (const b of batch) b.reject(err);
    }
  }

  /**
   * Takes work from the sites' queues, at most `concurrency` items in hand over all of them;
   * `attempt` counts deliveries from 0 (1: a retry after a worker died). Each item completes
   * on its own (a batch would hold a fast device's completion behind a slow one). Resolves
   * when `signal` aborts and the work in hand has ended.
   */
  async work(
    sites: string[],
    o: { concurrency: number; signal: AbortSignal; pollMs?: number },
    handler: (work: DeviceWork, attempt: number) => Promise<void>,
  ): Promise<void> {
    const names = await Promise.all(sites.map((s) => this.ensure(s)));
    const inHand = new Set<Promise<void>>();
    let turn = 0;
    while (!o.signal.aborted) {
      const free = o.concurrency - inHand.size;
      const name = names[turn++ % names.length]!;
      const jobs = free > 0 ? await this.boss.fetch<DeviceWork>(name, { batchSize: free, includeMetadata: true }).catch(() => []) : [];
      for (const j of jobs) {
        // Both times are the database's, so hosts' clocks do not skew it. A retry's wait would include
        // the dead worker's time (the front's watch, not the queue): first deliveries only.
        if (j.retryCount === 0 && j.createdOn && j.startedOn)
          this.o.observer?.queueWait(Math.max(0, j.startedOn.getTime() - j.createdOn.getTime()) / 1000);
        const p = handler(j.data, j.retryCount).then(
          () => this.boss.complete(name, j.id),
          (err: unknown) => this.boss.fail(name, j.id, { message: String((err as Error)?.message ?? err) }),
        );
        const tracked = p.then(
          () => undefined,
          (err: unknown) => this.o.onError?.(err),
        );
        inHand.add(tracked);
        void tracked.finally(() => inHand.delete(tracked));
      }
      // Nothing new on this pass over every queue (or no free slot): wait for a slot or the poll.
      if (jobs.length === 0 && turn % names.length === 0) await idle(o.pollMs ?? 500, o.signal, [...inHand]);
    }
    await Promise.all(inHand);
  }

  /** The queue state of many items in one query (a front watches every device of its jobs). */
  async states(ids: string[]): Promise<Map<string, { state: WorkState; retryCount: number }>> {
    const out = new Map<string, { state: WorkState; retryCount: number }>(ids.map((id) => [id, { state: 'gone', retryCount: 0 }]));
    if (!ids.length) return out;
    const s = this.o.schema;
    const r = (await this.boss.getDb().executeSql(
      `SELECT id::text AS id, state::text AS state, retry_count FROM ${s}.job WHERE id = ANY($1::uuid[])
         UNION ALL SELECT id::text, state::text, retry_count FROM ${s}.archive WHERE id = ANY($1::uuid[])`,
      [ids],
    )) as { rows: { id: string; state: WorkState; retry_count: number }[] };
    for (const row of r.rows) out.set(row.id, { state: row.state, retryCount: row.retry_count });
    return out;
  }

  /** Every item ever queued for a job (a front taking over a job finds what its first front sent). */
  async itemsOf(jobId: string): Promise<{ queue: string; id: string; work: DeviceWork }[]> {
    const s = this.o.schema;
    const r = (await this.boss.getDb().executeSql(
      `SELECT id::text AS id, name, data FROM ${s}.job WHERE data->>'jobId' = $1
       UNION ALL SELECT id::text, name, data FROM ${s}.archive WHERE data->>'jobId' = $1`,
      [jobId],
    )) as { rows: { id: string; name: string; data: DeviceWork }[] };
    return r.rows.map((x) => ({ queue: x.name, id: x.id, work: x.data }));
  }

  /** Fails a taken item whose worker is gone: a read goes back for its one retry, a change ends failed. */
  async fail(queue: string, id: string, reason: string): Promise<void> {
    await this.boss.fail(queue, id, { message: reason });
  }

  /** Cancels work not yet finished; work already taken keeps running until its worker sees the cancel event. */
  async cancel(queue: string, id: string): Promise<void> {
    await this.boss.cancel(queue, id);
  }

  /**
   * A cron schedule through pg-boss (issue 15: scheduled backups). Every process may call
   * this: the schedule is one row by name, and pg-boss sends one job per tick however many
   * processes watch the clock (one cron pass per interval, and a 60 s singleton on the tick).
   * `retryLimit` 0: a run whose process died is not run again behind anyone's back.
   */
  async schedule(name: string, cron: string, o: { expireInSeconds: number }): Promise<void> {
    await this.create(name);
    await this.boss.schedule(name, cron, {}, { tz: 'UTC', retryLimit: 0, expireInSeconds: o.expireInSeconds });
  }

  async unschedule(name: string): Promise<void> {
    if (await this.boss.getQueue(name)) await this.boss.unschedule(name);
  }

  /** Takes a schedule's jobs one at a time; resolves with how to stop taking them. */
  async takeScheduled(name: string, handler: (job: { id: string; createdOn: Date }) => Promise<void>): Promise<() => Promise<void>> {
    await this.create(name);
    const id = await this.boss.work(name, { batchSize: 1, pollingIntervalSeconds: 2, includeMetadata: true }, async (jobs) => {
      for (const j of jobs) await handler({ id: j.id, createdOn: j.createdOn });
    });
    return () => this.boss.offWork({ id });
  }

  /** Stops taking work and waits (up to `graceMs`) for the work in hand. */
  async stop(graceMs = 30_000): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: graceMs });
  }
}
