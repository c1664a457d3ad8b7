/**
 * One result per device, decided by the database (issue 14, bug 1), on the real PostgreSQL:
 * a worker that commits its result and releases its lease right before the front's check is
 * not taken for dead; a front's "worker died" result and a worker's late one never both
 * stand; a front that lost its job to another records no end; a hold that failed says why.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import type pg from 'pg';
import { DeviceError } from '../../src/core/errors.js';
import { jobFinishedEntry, recordDeviceResult } from '../../src/core/job-audit.js';
import type { AuditSink } from '../../src/core/ports.js';
import { createRedactor } from '../../src/core/redact.js';
import type { DeviceWork } from '../../src/core/remote-work.js';
import type { DeviceResult, JobSummary } from '../../src/core/types.js';
import { insertDeviceResult, JobEventFeed } from '../../src/store/postgres/job-events.js';
import { PgExclusion } from '../../src/store/postgres/pg-exclusion.js';
import { PgStateStore } from '../../src/store/postgres/pg-state-store.js';
import { inTransaction, openPool } from '../../src/store/postgres/pool.js';
import type { DeviceQueue } from '../../src/store/postgres/queue.js';
import { openPostgresStores } from '../../src/store/postgres/stores.js';
import { QueueDispatch } from '../../src/worker/dispatch.js';
import { recordFrontResult } from '../../src/worker/front-result.js';
import { holdFailure } from '../../src/worker/hold-failure.js';
import { NO_DATABASE, testDatabase } from '../support/postgres.js';
import { consoleActor } from '../support/test-lab.js';

const db = await testDatabase('runtime_one_result');
const skip = db ? false : NO_DATABASE;
const stores = db
  ? await openPostgresStores(db.url, {
      schema: db.schema,
      clock: { now: () => Date.now() },
      redact: createRedactor([]),
      leaseTtlMs: 30_000,
      owner: 'front-a',
    })
  : undefined;
after(async () => {
  await stores?.close();
  await db?.drop();
});

const ok = (device: string): DeviceResult => ({ device, status: 'ok', durationMs: 5, raw: 'Version 1' });
const work = (jobId: string, device: string): DeviceWork => ({
  jobId,
  kind: 'change',
  command: 'set-description',
  args: {},
  device,
  site: 'east',
  plan: ['interface Gi1', 'description x'],
  actor: consoleActor,
});

async function resultsOf(jobId: string, device: string) {
  const audit = await db!.pool.query<{ outcome: string; worker: string | null }>(
    `SELECT outcome, detail->>'worker' AS worker FROM audit WHERE job_id = $1 AND action = 'device.result' AND $2 = ANY(targets)`,
    [jobId, device],
  );
  const events = await db!.pool.query(`SELECT 1 FROM job_events WHERE job_id = $1 AND kind = 'device-result' AND payload->>'device' = $2`, [
    jobId,
    device,
  ]);
  return { audit: audit.rows, events: events.rowCount };
}

/** What a worker does when its device is done: result and audit in one transaction, then the lease released. */
async function workerFinishes(jobId: string, device: string, holder: string) {
  await inTransaction(stores!.pool, async (c) => {
    assert.notEqual(await insertDeviceResult(c, { jobId, result: ok(device), worker: 'w1' }), undefined);
    const sink: AuditSink = { append: (e) => stores!.audit.appendIn(c, e), flush: async () => undefined };
    await recordDeviceResult(sink, { id: jobId, actor: consoleActor }, ok(device), { worker: 'w1', attempt: 0 });
  });
  await stores!.pool.query('DELETE FROM leases WHERE holder = $1', [holder]);
}

test('a worker that commits and releases right before the front looks at leases is not taken for dead', { skip }, async () => {
  const jobId = 'job-race-1';
  const device = 'east-r1';
  const holder = `w1/${jobId}/${device}`;
  await stores!.pool.query(
    `INSERT INTO leases (key, holder, token, expires_at) VALUES ($1, $2, nextval('lease_token'), now() + interval '30 seconds')`,
    [`device:${device}`, holder],
  );
  await stores!.pool.query(`INSERT INTO job_events (job_id, kind, payload, worker) VALUES ($1, 'device-started', $2, 'w1')`, [
    jobId,
    JSON.stringify({ device, attempt: 0, holder }),
  ]);
  // The window: the worker finishes the moment before the front's first statement that reads leases.
  let provoked = 0;
  const pool = new Proxy(stores!.pool, {
    get(target, prop) {
      if (prop !== 'query') return Reflect.get(target, prop, target);
      return async (text: string, values?: unknown[]) => {
        if (provoked === 0 && typeof text === 'string' && text.includes('FROM leases')) {
          provoked++;
          await workerFinishes(jobId, device, holder);
        }
        return target.query(text, values);
      };
    },
  }) as pg.Pool;
  const failed: string[] = [];
  const queue = {
    states: async (ids: string[]) => new Map(ids.map((id) => [id, { state: 'active' as const, retryCount: 0 }])),
    fail: async (_q: string, id: string) => void failed.push(id),
  } as unknown as DeviceQueue;
  // A feed never started (no LISTEN, no poll): the front's look alone settles the device, so
  // the test sees what the look decided, not a notification that raced it.
  const feed = new JobEventFeed(db!.url, stores!.pool, { schema: db!.schema });
  const dispatch = new QueueDispatch({ queue, pool, feed, audit: stores!.audit, watchMs: 50 });
  try {
    const result = await dispatch.resume(work(jobId, device), { queue: 'netops-device-east', id: 'item-1' });
    assert.equal(provoked, 1, 'the window was provoked');
    assert.equal(result.status, 'ok');
    assert.deepEqual(failed, [], 'the queue item was not failed');
    const written = await resultsOf(jobId, device);
    assert.deepEqual(written.audit, [{ outcome: 'ok', worker: 'w1' }], 'one device.result, the worker’s');
    assert.equal(written.events, 1);
  } finally {
    dispatch.close();
    await feed.close();
  }
});

test("a front's 'worker died' and a worker's late result: the first committed stands, the other is refused", { skip }, async () => {
  const jobId = 'job-race-2';
  const dead = new DeviceError('state_unknown', 'the worker applying the change stopped');
  const orphan: DeviceResult = { device: 'east-r2', status: 'failed', durationMs: 0, error: { code: dead.code, reason: dead.message } };
  const job = { id: jobId, actor: consoleActor };
  assert.equal((await recordFrontResult(stores!.pool, stores!.audit, job, orphan)).status, 'failed');
  // The worker's late write: refused by the database, inside its transaction.
  const late = await inTransaction(stores!.pool, (c) => insertDeviceResult(c, { jobId, result: ok('east-r2'), worker: 'w1' }));
  assert.equal(late, undefined);
  // The other way round: the worker first; the front's result is not written and the worker's is returned.
  await inTransaction(stores!.pool, (c) => insertDeviceResult(c, { jobId, result: ok('east-r3'), worker: 'w1' }));
  const stands = await recordFrontResult(stores!.pool, stores!.audit, job, { ...orphan, device: 'east-r3' });
  assert.equal(stands.status, 'ok');
  assert.deepEqual((await resultsOf(jobId, 'east-r2')).audit, [{ outcome: 'failed', worker: null }]);
  assert.deepEqual((await resultsOf(jobId, 'east-r3')).audit, [], 'no front record next to the worker result');
  assert.equal((await resultsOf(jobId, 'east-r3')).events, 1);
  // Two fronts at once: one row, one record.
  const both = await Promise.all([
    recordFrontResult(stores!.pool, stores!.audit, job, { ...orphan, device: 'east-r4' }),
    recordFrontResult(stores!.pool, stores!.audit, job, { ...orphan, device: 'east-r4', durationMs: 1 }),
  ]);
  assert.equal(both[0].durationMs, both[1].durationMs);
  assert.equal((await resultsOf(jobId, 'east-r4')).audit.length, 1);
});

test('a front that lost its job to another front records no end; the owner records one', { skip }, async () => {
  const appendIn = stores!.audit.appendIn.bind(stores!.audit);
  const a = new PgStateStore(stores!.pool, 'front-a', appendIn);
  const b = new PgStateStore(stores!.pool, 'front-b', appendIn);
  const rec = { id: 'job-own-1', command: 'show-version', actor: consoleActor, targets: ['east-r1'], startedAt: Date.now() };
  await a.jobStarted(rec);
  await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(
    (await b.adoptStaleJobs(0)).map((j) => j.id),
    ['job-own-1'],
  );
  const summary: JobSummary = { ...rec, commandLine: '/net show-version', state: 'succeeded', results: [ok('east-r1')] };
  assert.equal(await a.endOwnedJob(rec.id, jobFinishedEntry(summary)), false, 'front A (woken) no longer owns it');
  assert.equal(await b.endOwnedJob(rec.id, jobFinishedEntry(summary)), true);
  assert.equal(await b.endOwnedJob(rec.id, jobFinishedEntry(summary)), false, 'ended once');
  const ends = await db!.pool.query(`SELECT 1 FROM audit WHERE job_id = $1 AND action = 'job.finished'`, [rec.id]);
  assert.equal(ends.rowCount, 1);
});

test('a hold that failed says why: busy, database unreachable, no free connection', { skip }, async () => {
  const keys = ['device:east-r9'];
  const other = new PgExclusion(stores!.pool, { ttlMs: 30_000 });
  const held = await other.hold(keys, { holder: 'someone-else', signal: new AbortController().signal });
  const busy = await new PgExclusion(stores!.pool, { ttlMs: 30_000 })
    .hold(keys, { holder: 'me', signal: AbortSignal.timeout(300) })
    .catch((e: unknown) => e);
  await held.release();
  assert.match(holdFailure(busy, keys, 300).message, /stayed busy for 0.3 s; nothing was sent/);
  assert.equal(holdFailure(busy, keys, 300).code, 'timeout');

  const nowhere = openPool('postgres://postgres@127.0.0.1:1/test', { schema: db!.schema, connectTimeoutMs: 1000 });
  const refused = await new PgExclusion(nowhere, { ttlMs: 30_000 })
    .hold(keys, { holder: 'me', signal: AbortSignal.timeout(5000) })
    .catch((e: unknown) => e);
  await nowhere.end();
  assert.equal(holdFailure(refused, keys, 300).code, 'database_unavailable');
  assert.match(holdFailure(refused, keys, 300).message, /could not reach the database to lease device:east-r9/);

  const small = openPool(db!.url, { schema: db!.schema, max: 1, connectTimeoutMs: 300 });
  const busyClient = await small.connect();
  const starved = await new PgExclusion(small, { ttlMs: 30_000 })
    .hold(keys, { holder: 'me', signal: AbortSignal.timeout(5000) })
    .catch((e: unknown) => e);
  busyClient.release();
  await small.end();
  assert.equal(holdFailure(starved, keys, 300).code, 'database_unavailable');
  assert.match(holdFailure(starved, keys, 300).message, /no free database connection/);
});
