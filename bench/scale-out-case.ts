/**
 * One scale-out benchmark case: W workers (`src/worker-main.ts`, C devices each at once) and a
 * console one-shot front running `show-version device=*` over the whole lab, on a fresh schema.
 * Figures from PostgreSQL (the job's own records, the database's transaction counters) and from
 * /proc (each process's peak RSS), not from what the bot prints.
 */
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { Child } from '../tests/support/scale-out-child.js';
import { countingProxy } from './pg-round-trips.js';

export interface CaseSetup {
  /** PostgreSQL URL of the bench's own database (its transaction counters are this bench's alone). */
  url: string;
  database: string;
  schema: string;
  workers: number;
  concurrency: number;
  devices: number;
  /** Environment every process gets (inventory, known hosts, credentials). */
  env: Record<string, string>;
  /** A device for the single-device runs. */
  first: string;
}

export interface CaseResult {
  workers: number;
  singleMs: number;
  jobMs: number;
  wallMs: number;
  idealMs: number;
  appendsPerSecond: number;
  transactionsPerDevice: number;
  roundTripsPerDevice: number;
  failures: number;
  /** The failures' error codes and how many of each (`timeout: 3`), so a bad row says why. */
  failureCodes: string;
  results: number;
  /** Devices with more than one device.result in the job: each should have exactly one. */
  duplicated: number;
  peakRssMb: { front: number; worker: number };
}

/** Peak resident set (VmHWM) of a live process, in MB; 0 once it is gone. */
async function peakRss(pid: number): Promise<number> {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(await readFile(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

/** Samples a process's peak RSS until it exits (VmHWM is a high-water mark: the last sample is the peak). */
function watchRss(c: Child): () => number {
  let peak = 0;
  const timer = setInterval(() => {
    void peakRss(c.pid).then((mb) => {
      peak = Math.max(peak, mb);
    });
  }, 200);
  void c.exited.then(() => clearInterval(timer));
  return () => peak;
}

/** Committed plus rolled-back transactions of the database so far, as its statistics have them. */
async function transactions(admin: pg.Client, database: string): Promise<number> {
  await admin.query('SELECT pg_stat_clear_snapshot()');
  const r = await admin.query<{ n: string }>('SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = $1', [
    database,
  ]);
  return Number(r.rows[0]?.n ?? 0);
}

export async function runCase(s: CaseSetup): Promise<CaseResult> {
  // Fronts and workers reach PostgreSQL through a proxy that counts round trips; the bench's own queries do not.
  const proxy = await countingProxy(s.url);
  const env = {
    ...s.env,
    NETOPS_DATABASE_URL: proxy.url,
    NETOPS_DATABASE_SCHEMA: s.schema,
    NETOPS_WORKER_CONCURRENCY: String(s.concurrency),
    NETOPS_CONCURRENCY: String(Math.min(2000, s.concurrency * s.workers)),
    // PostgreSQL's default max_connections (100) is shared by every worker (main pool, 4 lease, 4 pg-boss) and the front.
    NETOPS_DATABASE_POOL_MAX: String(Math.max(4, Math.min(20, Math.floor(40 / s.workers)))),
  };
  const admin = new pg.Client({ connectionString: s.url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA IF NOT EXISTS ${s.schema}`);
  const workers = Array.from({ length: s.workers }, (_, i) => new Child(`w${i + 1}`, ['src/worker-main.ts'], { cwd: process.cwd(), env }));
  const workerRss = workers.map(watchRss);
  try {
    await Promise.all(workers.map((w) => w.waitFor(/worker.*(ready|started|listening|taking)/i)));
    const front = (line: string) => new Child('front', ['src/main.ts', line], { cwd: process.cwd(), env });
    // One device alone, three times: the unit of the ideal time (the fastest, so a slow run cannot make it easy).
    for (let i = 0; i < 3; i++) await front(`show-version device=${s.first}`).exited;
    const singles = await admin.query<{ ms: number }>(
      `SELECT (detail->>'durationMs')::int AS ms FROM ${s.schema}.audit WHERE action = 'device.result' ORDER BY seq`,
    );
    const singleMs = Math.min(...singles.rows.map((r) => r.ms));
    const before = await transactions(admin, s.database);
    const tripsBefore = proxy.roundTrips();
    const started = performance.now();
    const job = front('show-version device=* --confirm');
    const frontRss = watchRss(job);
    await job.exited;
    const wallMs = performance.now() - started;
    const trips = proxy.roundTrips() - tripsBefore;
    const end = await admin.query<{ job: string; ms: number }>(
      `SELECT job_id AS job, (detail->>'durationMs')::int AS ms FROM ${s.schema}.audit WHERE action = 'job.finished' ORDER BY seq DESC LIMIT 1`,
    );
    const { job: jobId, ms: jobMs } = end.rows[0] ?? { job: '', ms: wallMs };
    const counts = await admin.query<{ records: number; results: number; failures: number; devices: number }>(
      `SELECT count(*)::int AS records, count(*) FILTER (WHERE action = 'device.result')::int AS results,
              count(DISTINCT targets[1]) FILTER (WHERE action = 'device.result')::int AS devices,
              count(*) FILTER (WHERE action = 'device.result' AND outcome <> 'ok')::int AS failures
         FROM ${s.schema}.audit WHERE job_id = $1`,
      [jobId],
    );
    const codes = await admin.query<{ code: string; n: number }>(
      `SELECT coalesce(detail->'error'->>'code', outcome) AS code, count(*)::int AS n FROM ${s.schema}.audit
        WHERE job_id = $1 AND action = 'device.result' AND outcome <> 'ok' GROUP BY 1 ORDER BY 2 DESC`,
      [jobId],
    );
    const rssWorkers = Math.max(...workerRss.map((f) => f()));
    await Promise.all(workers.map((w) => w.end()));
    // Ended backends have reported their statistics: the delta covers the job and its workers' idle polling.
    const after = await transactions(admin, s.database);
    const c = counts.rows[0]!;
    return {
      workers: s.workers,
      singleMs,
      jobMs,
      wallMs: Math.round(wallMs),
      idealMs: Math.ceil(s.devices / (s.workers * s.concurrency)) * singleMs,
      appendsPerSecond: Math.round(c.records / (jobMs / 1000)),
      transactionsPerDevice: Number(((after - before) / s.devices).toFixed(2)),
      roundTripsPerDevice: Number((trips / s.devices).toFixed(2)),
      failures: c.failures,
      failureCodes: codes.rows.map((r) => `${r.code}: ${r.n}`).join(', '),
      results: c.results,
      duplicated: c.results - c.devices,
      peakRssMb: { front: frontRss(), worker: rssWorkers },
    };
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${workers.map((w) => w.output()).join('\n')}`);
  } finally {
    await Promise.all(workers.map((w) => w.end()));
    await admin.end();
    await proxy.close();
  }
}
