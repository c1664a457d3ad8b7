/**
 * What workers and fronts say to each other about a job, as rows of `job_events` plus a
 * NOTIFY on one channel (payload: the job id). Rows are the truth; a notification only says
 * "look now", so a front that missed one (reconnect) still catches up from the rows.
 */
import type pg from 'pg';
import type { DeviceResult } from '../../core/types.js';
import { ListenConnection, type ListenOptions } from './listen-connection.js';
import { inTransaction } from './pool.js';

export const EVENTS_CHANNEL = 'netops_job_events';

export type JobEventKind = 'device-started' | 'device-result' | 'cancel' | 'front-stopped';

export interface JobEventRow {
  seq: number;
  jobId: string;
  kind: JobEventKind;
  payload: { device?: string; result?: DeviceResult; attempt?: number; holder?: string; reason?: string };
  worker: string | null;
}

/** Inside a writer's transaction: refuses the write when a lease is no longer this holder's (PgExclusion's `fenced`). */
export type Fence = (client: pg.PoolClient, tokens: Readonly<Record<string, number>>) => Promise<void>;

type NewEvent = { jobId: string; kind: JobEventKind; payload: JobEventRow['payload']; worker?: string };

/** Appends one event and notifies (delivered when the caller's transaction commits). */
export async function insertJobEvent(c: pg.PoolClient, e: NewEvent): Promise<number> {
  const r = await c.query<{ seq: string }>('INSERT INTO job_events (job_id, kind, payload, worker) VALUES ($1, $2, $3, $4) RETURNING seq', [
    e.jobId,
    e.kind,
    JSON.stringify(e.payload),
    e.worker ?? null,
  ]);
  await c.query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, e.jobId]);
  return Number(r.rows[0]!.seq);
}

/**
 * A device's final result, only if the device has none yet (the unique index of migration 2
 * decides, so two writers racing get one row): the row's seq, or undefined when another
 * result was there first (nothing written, nobody notified). A concurrent writer of the same
 * device waits here for the other transaction to end, so callers insert this before taking
 * the audit head (same order everywhere: no deadlock).
 */
export async function insertDeviceResult(
  c: pg.PoolClient,
  e: { jobId: string; result: DeviceResult; worker?: string },
): Promise<number | undefined> {
  const r = await c.query<{ seq: string }>(
    `INSERT INTO job_events (job_id, kind, payload, worker) VALUES ($1, 'device-result', $2, $3)
     ON CONFLICT (job_id, (payload->>'device')) WHERE kind = 'device-result' DO NOTHING RETURNING seq`,
    [e.jobId, JSON.stringify({ device: e.result.device, result: e.result }), e.worker ?? null],
  );
  if (!r.rows[0]) return undefined;
  await c.query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, e.jobId]);
  return Number(r.rows[0].seq);
}

/** What a front needs to judge one device of a job, read in one statement (one snapshot). */
export interface DeviceLook {
  device: string;
  result?: DeviceResult;
  /** The latest start: who holds the device for this job and on which delivery. */
  started?: { holder?: string; attempt?: number; worker: string | null };
  /** The starter's lease is current by the database clock. */
  live: boolean;
}

/**
 * Results, latest starts and whether the starter still holds its lease, for these devices, in
 * ONE statement: a worker commits its result before it releases its lease, so a snapshot that
 * no longer sees the lease sees the result. (Two reads, events then leases, let a worker commit
 * and release in between and look dead.)
 */
export async function lookAtDevices(pool: pg.Pool, jobId: string, devices: string[]): Promise<Map<string, DeviceLook>> {
  const r = await pool.query<{
    device: string;
    result: JobEventRow['payload'] | null;
    started: JobEventRow['payload'] | null;
    worker: string | null;
    live: boolean;
  }>(
    `SELECT d.device, r.payload AS result, s.payload AS started, s.worker,
            COALESCE(EXISTS (SELECT 1 FROM leases l WHERE l.holder = s.payload->>'holder' AND l.expires_at > now()), false) AS live
     FROM unnest($2::text[]) AS d(device)
     LEFT JOIN LATERAL (SELECT payload FROM job_events
                        WHERE job_id = $1 AND kind = 'device-result' AND payload->>'device' = d.device LIMIT 1) r ON true
     LEFT JOIN LATERAL (SELECT payload, worker FROM job_events
                        WHERE job_id = $1 AND kind = 'device-started' AND payload->>'device' = d.device ORDER BY seq DESC LIMIT 1) s ON true`,
    [jobId, devices],
  );
  const looks = new Map<string, DeviceLook>();
  for (const row of r.rows) {
    const look: DeviceLook = { device: row.device, live: row.live };
    if (row.result?.result) look.result = row.result.result;
    if (row.started) look.started = { holder: row.started.holder, attempt: row.started.attempt, worker: row.worker };
    looks.set(row.device, look);
  }
  return looks;
}

/** One event in its own transaction; with `tokens`, only while those leases still hold. */
export async function writeJobEvent(
  pool: pg.Pool,
  e: NewEvent,
  fenced?: { fence: Fence; tokens: Readonly<Record<string, number>> },
): Promise<number> {
  return inTransaction(pool, async (c) => {
    if (fenced) await fenced.fence(c, fenced.tokens);
    return insertJobEvent(c, e);
  });
}

/** A job's events after `afterSeq`, in order. */
export async function eventsSince(pool: pg.Pool | pg.PoolClient, jobId: string, afterSeq: number): Promise<JobEventRow[]> {
  const r = await pool.query<{ seq: string; kind: JobEventKind; payload: JobEventRow['payload']; worker: string | null }>(
    'SELECT seq, kind, payload, worker FROM job_events WHERE job_id = $1 AND seq > $2 ORDER BY seq',
    [jobId, afterSeq],
  );
  return r.rows.map((row) => ({ seq: Number(row.seq), jobId, kind: row.kind, payload: row.payload, worker: row.worker }));
}

/** A job's events of `kinds` about these devices (and, with `withCancel`, its cancels): what one look needs, not the whole job. */
export async function eventsAbout(
  pool: pg.Pool,
  jobId: string,
  o: { kinds: JobEventKind[]; devices: string[]; withCancel?: boolean },
): Promise<JobEventRow[]> {
  const r = await pool.query<{ seq: string; kind: JobEventKind; payload: JobEventRow['payload']; worker: string | null }>(
    `SELECT seq, kind, payload, worker FROM job_events
     WHERE job_id = $1 AND ((kind = ANY($2) AND payload->>'device' = ANY($3)) OR ($4 AND kind = 'cancel')) ORDER BY seq`,
    [jobId, o.kinds, o.devices, o.withCancel === true],
  );
  return r.rows.map((row) => ({ seq: Number(row.seq), jobId, kind: row.kind, payload: row.payload, worker: row.worker }));
}

/** The LISTEN connection's bounds (the pools' by default) and how it reconnects: see ListenConnection. */
export type FeedConnection = Pick<ListenOptions, 'connectTimeoutMs' | 'queryTimeoutMs' | 'statementTimeoutMs' | 'heartbeatMs' | 'retryMs'>;

/**
 * Follows jobs' events: one LISTEN connection for the process; each followed job gets its
 * new rows in order, exactly once. A slow poll backs the notifications up (a lost or hung
 * connection is re-opened and nothing is missed: rows are read by sequence number).
 */
export class JobEventFeed {
  private listen: ListenConnection | undefined;
  private readonly followers = new Map<
    string,
    { after: number; subs: Set<(e: JobEventRow) => void>; busy?: Promise<void>; again?: boolean }
  >();
  private poll: NodeJS.Timeout | undefined;

  constructor(
    private readonly url: string,
    private readonly pool: pg.Pool,
    private readonly o: { schema: string; pollMs?: number; onError?: (err: unknown) => void; connection?: FeedConnection },
  ) {}

  async start(): Promise<void> {
    const listen = new ListenConnection(this.url, {
      ...this.o.connection,
      schema: this.o.schema,
      applicationName: 'netops-events',
      channel: EVENTS_CHANNEL,
      onNotify: (jobId) => this.kick(jobId),
      // (Re)listening: whatever was written while nobody listened is read now.
      onListening: () => {
        for (const id of this.followers.keys()) this.kick(id);
      },
      onError: (err) => this.o.onError?.(err),
    });
    await listen.start();
    this.listen = listen;
    this.poll = setInterval(() => {
      for (const id of this.followers.keys()) this.kick(id);
    }, this.o.pollMs ?? 2000);
    this.poll.unref();
  }

  /**
   * Calls `on` with each new event of the job, until the returned stop is called. The first
   * follower of a job reads from `afterSeq`; later ones join at the job's current position.
   */
  follow(jobId: string, on: (e: JobEventRow) => void, afterSeq = 0): () => void {
    let f = this.followers.get(jobId);
    if (!f) {
      f = { after: afterSeq, subs: new Set() };
      this.followers.set(jobId, f);
    }
    f.subs.add(on);
    this.kick(jobId);
    const mine = f;
    return () => {
      mine.subs.delete(on);
      if (mine.subs.size === 0 && this.followers.get(jobId) === mine) this.followers.delete(jobId);
    };
  }

  /** Reads the job's new rows; one read at a time per job, and one more if kicked meanwhile. */
  private kick(jobId: string): void {
    const f = this.followers.get(jobId);
    if (!f) return;
    if (f.busy) {
      f.again = true;
      return;
    }
    f.busy = (async () => {
      do {
        f.again = false;
        const rows = await eventsSince(this.pool, jobId, f.after).catch((err: unknown) => {
          this.o.onError?.(err);
          return [];
        });
        for (const row of rows) {
          f.after = row.seq;
          for (const on of [...f.subs]) on(row);
        }
      } while (f.again);
    })().finally(() => {
      f.busy = undefined;
    });
  }

  async close(): Promise<void> {
    clearInterval(this.poll);
    this.followers.clear();
    await this.listen?.close();
  }
}
