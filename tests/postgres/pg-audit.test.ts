/** The audit chain in PostgreSQL: one chain across processes, verified like the JSON trail, tampering found. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { NO_DATABASE, testDatabase } from '../support/postgres.js';
import { openPool } from '../../src/store/postgres/pool.js';
import { migrate } from '../../src/store/postgres/migrate.js';
import { MIGRATIONS } from '../../src/store/postgres/migrations.js';
import { PgAuditLog } from '../../src/store/postgres/pg-audit-log.js';
import { systemClock } from '../../src/core/clock.js';
import { createRedactor } from '../../src/core/redact.js';

const db = await testDatabase('pg_audit');
after(() => db?.drop());
const skip = db ? false : NO_DATABASE;

const actor = { id: 'U1', name: 'Alice', via: 'console' };
const redact = createRedactor(['hunter22']);

function child(name: string, count: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(
      process.execPath,
      ['--import', 'tsx', 'tests/postgres/audit-append-child.ts', db!.url, db!.schema, name, String(count)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    p.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    p.on('error', reject);
    p.on('exit', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`child ${name} exited ${code}`))));
  });
}

test('migrate is idempotent and safe when processes start together', { skip }, async () => {
  const pools = [0, 1, 2].map(() => openPool(db!.url, { schema: db!.schema, max: 1 }));
  try {
    const reports = await Promise.all(pools.map((p) => migrate(p)));
    assert.equal(reports.filter((r) => r.from === 0).length, 1, 'one start migrates, the others find it done');
    const newest = MIGRATIONS.at(-1)!.version;
    assert.ok(reports.every((r) => r.to === newest && r.schema === db!.schema));
    const again = await migrate(pools[0]!);
    assert.deepEqual([again.from, again.to], [newest, newest]);
  } finally {
    await Promise.all(pools.map((p) => p.end()));
  }
});

test('appenders in three processes and two pools extend one chain: no gaps, verify passes', { skip }, async () => {
  const pools = [0, 1].map(() => openPool(db!.url, { schema: db!.schema, max: 2 }));
  const logs = pools.map((p) => new PgAuditLog(p, { clock: systemClock, redact }));
  try {
    await migrate(pools[0]!);
    const { rows: before } = await db!.pool.query('SELECT count(*)::int AS n FROM audit');
    const here = logs.flatMap((log, i) =>
      Array.from({ length: 40 }, (_, n) =>
        log.append({
          actor,
          action: 'device.result',
          jobId: `J-pool${i}`,
          targets: [`r${n}`],
          outcome: 'ok',
          detail: { password: 'hunter22' },
        }),
      ),
    );
    const outs = await Promise.all([child('a', 60), child('b', 60), child('c', 60), Promise.all(here)]);
    assert.deepEqual(outs.slice(0, 3), ['done 60', 'done 60', 'done 60']);
    const total = before[0].n + 3 * 60 + 80;
    const { rows } = await db!.pool.query<{ seq: string; job_id: string }>('SELECT seq, job_id FROM audit ORDER BY seq');
    assert.deepEqual(
      rows.map((r) => Number(r.seq)),
      Array.from({ length: total }, (_, i) => i + 1),
      'seq runs 1..n without a gap or a repeat',
    );
    for (const job of ['J-a', 'J-b', 'J-c', 'J-pool0', 'J-pool1'])
      assert.equal(rows.filter((r) => r.job_id === job).length, job.startsWith('J-pool') ? 40 : 60, job);
    const report = await logs[0]!.verify();
    assert.deepEqual(report, { ok: true, records: total });
    const mine = await logs[1]!.query({ jobId: 'J-pool1', last: 5 });
    assert.equal(mine.length, 5);
    assert.ok(
      mine.every((r) => !JSON.stringify(r).includes('hunter22')),
      'secrets are redacted before they are stored',
    );
    const childRecords = await logs[0]!.query({ jobId: 'J-a' });
    assert.ok(childRecords.every((r) => !JSON.stringify(r).includes('child-Secret')));
  } finally {
    await Promise.all(pools.map((p) => p.end()));
  }
});

test('query filters agree with the embedded trail: user, device glob, action prefix, since, last', { skip }, async () => {
  const pool = openPool(db!.url, { schema: db!.schema });
  try {
    await migrate(pool);
    let t = Date.parse('2030-01-01T00:00:00Z');
    const log = new PgAuditLog(pool, { clock: { now: () => t }, redact });
    await log.append({
      actor: { id: 'U9', name: 'Bob', via: 'slack' },
      action: 'job.requested',
      jobId: 'J-q',
      targets: ['core-1', 'edge_1'],
    });
    t += 60_000;
    await log.append({ actor: { id: 'U9', name: 'Bob', via: 'slack' }, action: 'job.finished', jobId: 'J-q', targets: ['core-1'] });
    await log.append({ actor, action: 'jobs.listed', jobId: 'J-q' });
    const seqs = async (f: Parameters<PgAuditLog['query']>[0]) => (await log.query({ jobId: 'J-q', ...f })).map((r) => r.action);
    assert.deepEqual(await seqs({ user: 'bob' }), ['job.requested', 'job.finished'], 'names case-insensitively');
    assert.deepEqual(await seqs({ device: 'CORE*' }), ['job.requested', 'job.finished']);
    assert.deepEqual(await seqs({ device: 'edge?1' }), ['job.requested'], '? is one character');
    assert.deepEqual(await seqs({ device: 'edge%' }), [], "LIKE's own wildcards are literal");
    assert.deepEqual(await seqs({ action: 'job' }), ['job.requested', 'job.finished'], 'job is not jobs');
    assert.deepEqual(await seqs({ since: Date.parse('2030-01-01T00:00:30Z') }), ['job.finished', 'jobs.listed']);
    assert.deepEqual(await seqs({ last: 1 }), ['jobs.listed']);
  } finally {
    await pool.end();
  }
});

test('appendIn commits with the caller: a rolled-back transaction leaves no record and no gap', { skip }, async () => {
  const pool = openPool(db!.url, { schema: db!.schema });
  try {
    await migrate(pool);
    const log = new PgAuditLog(pool, { clock: systemClock, redact });
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await log.appendIn(client, { actor, action: 'device.result', jobId: 'J-in', targets: ['r1'], outcome: 'ok' });
      await client.query('ROLLBACK');
      await client.query('BEGIN');
      const kept = await log.appendIn(client, {
        actor,
        action: 'device.result',
        jobId: 'J-in',
        targets: ['r2'],
        outcome: 'ok',
        detail: { password: 'hunter22' },
      });
      const queued = log.append({ actor, action: 'job.finished', jobId: 'J-in' }); // waits for the head row
      await client.query('COMMIT');
      const next = await queued;
      assert.equal(next.seq, kept.seq + 1);
      assert.equal(next.prevHash, kept.hash);
    } finally {
      client.release();
    }
    assert.deepEqual(
      (await log.query({ jobId: 'J-in' })).map((r) => r.targets?.[0] ?? r.action),
      ['r2', 'job.finished'],
    );
    assert.ok(!JSON.stringify(await log.query({ jobId: 'J-in' })).includes('hunter22'));
    assert.equal((await log.verify()).ok, true);
  } finally {
    await pool.end();
  }
});

test('group commit: appends issued together share transactions, each still acknowledged with its own record', { skip }, async () => {
  const pool = openPool(db!.url, { schema: db!.schema, max: 2 });
  let transactions = 0;
  // Each commit is one checkout of the pool (inTransaction): the pool's own event counts them.
  pool.on('acquire', () => {
    transactions++;
  });
  try {
    await migrate(pool);
    transactions = 0;
    const log = new PgAuditLog(pool, { clock: systemClock, redact });
    const acks = await Promise.all(
      Array.from({ length: 200 }, (_, i) => log.append({ actor, action: 'device.result', jobId: 'J-gc', targets: [`d${i}`] })),
    );
    const seqs = acks.map((r) => r.seq);
    assert.deepEqual(
      seqs,
      Array.from({ length: 200 }, (_, i) => seqs[0]! + i),
      'in order of append, no gap',
    );
    assert.deepEqual(
      acks.map((r) => r.targets?.[0]),
      Array.from({ length: 200 }, (_, i) => `d${i}`),
    );
    assert.ok(transactions <= 3, `200 appends in ${transactions} transaction(s)`);
  } finally {
    await pool.end();
  }
});

// Last: it leaves this schema's trail broken.
test('verify reports an edited record, a deleted record and a deleted tail', { skip }, async () => {
  const pool = openPool(db!.url, { schema: db!.schema });
  try {
    await migrate(pool);
    const log = new PgAuditLog(pool, { clock: systemClock, redact });
    for (let i = 0; i < 3; i++) await log.append({ actor, action: 'job.requested', jobId: `J-t${i}` });
    assert.equal((await log.verify()).ok, true);
    const { rows } = await pool.query<{ seq: string }>("SELECT seq FROM audit WHERE job_id = 'J-t1'");
    const seq = Number(rows[0]!.seq);
    await pool.query(`UPDATE audit SET outcome = 'forged' WHERE seq = $1`, [seq]);
    assert.deepEqual((await log.verify()).problem, { seq, problem: `record ${seq} was altered`, where: 'audit' });
    await pool.query('DELETE FROM audit WHERE seq = $1', [seq]);
    assert.equal((await log.verify()).problem?.problem, `record ${seq} is missing`);
    await pool.query('DELETE FROM audit WHERE seq >= $1', [seq]);
    const tail = await log.verify();
    assert.equal(tail.ok, false);
    assert.match(tail.problem!.problem, new RegExp(`records ${seq} to ${seq + 1} are missing`));
  } finally {
    await pool.end();
  }
});
