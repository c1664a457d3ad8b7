/** Device and group leases in PostgreSQL: exclusion across pools, all or nothing, expiry by the database clock, fencing, loss. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { databaseProxy, NO_DATABASE, testDatabase, type DatabaseProxy } from '../support/postgres.js';
import { openPool, inTransaction } from '../../src/store/postgres/pool.js';
import { migrate } from '../../src/store/postgres/migrate.js';
import { LeaseError, PgExclusion, StaleLeaseError, fenced } from '../../src/store/postgres/pg-exclusion.js';

const db = await testDatabase('pg_exclusion');
const skip = db ? false : NO_DATABASE;
const pools: pg.Pool[] = [];
let proxy: DatabaseProxy | undefined;
before(async () => {
  if (!db) return;
  for (let i = 0; i < 3; i++) pools.push(openPool(db.url, { schema: db.schema, max: 4 }));
  await migrate(pools[0]!);
  proxy = await databaseProxy(db.url);
});
after(async () => {
  await Promise.all(pools.map((p) => p.end()));
  await proxy?.close();
  await db?.drop();
});
const live = () => new AbortController().signal;

test('holders in three pools on overlapping keys never overlap, and all get their turn', { skip }, async () => {
  const ex = pools.map((p) => new PgExclusion(p, { ttlMs: 10_000, retry: { minMs: 5, maxMs: 40 } }));
  const KEYS = ['device:a', 'device:b', 'group:g'];
  const inside = new Map<string, number>();
  let worst = 0;
  let done = 0;
  const task = async (n: number) => {
    const keys = KEYS.filter((_, i) => (n >> i) % 2 === 1 || i === n % 3);
    const hold = await ex[n % 3]!.hold(keys, { holder: `w${n}`, signal: live() });
    for (const k of keys) inside.set(k, (inside.get(k) ?? 0) + 1);
    worst = Math.max(worst, ...keys.map((k) => inside.get(k)!));
    await sleep(3);
    for (const k of keys) inside.set(k, inside.get(k)! - 1);
    await hold.release();
    done++;
  };
  await Promise.all(Array.from({ length: 24 }, (_, n) => task(n)));
  assert.equal(done, 24);
  assert.equal(worst, 1, 'never two holders of one key at once');
  const { rows } = await db!.pool.query('SELECT count(*)::int AS n FROM leases');
  assert.equal(rows[0].n, 0, 'released leases leave no row');
});

test('acquisition is all or nothing: a waiter holds none of its keys, and gets all once free', { skip }, async () => {
  const [a, b, c] = pools.map((p) => new PgExclusion(p, { ttlMs: 10_000, retry: { minMs: 5, maxMs: 20 } })) as [
    PgExclusion,
    PgExclusion,
    PgExclusion,
  ];
  const held = await a.hold(['device:r2'], { holder: 'A', signal: live() });
  let got: Awaited<ReturnType<PgExclusion['hold']>> | undefined;
  const waiting = b.hold(['device:r1', 'device:r2'], { holder: 'B', signal: live() }).then((h) => {
    got = h;
    return h;
  });
  await sleep(150);
  assert.equal(got, undefined, 'B waits while A holds r2');
  const { rows } = await db!.pool.query(`SELECT holder FROM leases WHERE key = 'device:r1'`);
  assert.deepEqual(rows, [], 'B holds no part of its set while it waits');
  const other = await c.hold(['device:r1'], { holder: 'C', signal: live() });
  await other.release();
  await held.release();
  const both = await waiting;
  assert.deepEqual(Object.keys(both.tokens).sort(), ['device:r1', 'device:r2']);
  assert.ok(both.tokens['device:r2']! > held.tokens['device:r2']!, 'a new holder gets a higher token');
  await both.release();
});

test('renewal keeps a lease past its TTL; a waiter gives up with its own reason', { skip }, async () => {
  const [a, b] = pools.map((p) => new PgExclusion(p, { ttlMs: 1_200, renewMs: 300 })) as [PgExclusion, PgExclusion];
  const held = await a.hold(['device:k'], { holder: 'A', signal: live() });
  await assert.rejects(b.hold(['device:k'], { holder: 'B', signal: AbortSignal.timeout(3_000) }), (e: Error) => e.name === 'TimeoutError');
  assert.equal(held.lost.aborted, false, 'renewed all along');
  await held.release();
});

test('a holder cut off from the database loses its hold; after expiry by the database clock another takes over, and the old fenced write is refused', {
  skip,
}, async () => {
  const cutPool = openPool(proxy!.url, { schema: db!.schema, max: 2, connectTimeoutMs: 1_000 });
  try {
    const a = new PgExclusion(cutPool, { ttlMs: 1_500, renewMs: 300 });
    const b = new PgExclusion(pools[1]!, { ttlMs: 1_500, retry: { minMs: 20, maxMs: 100 } });
    const old = await a.hold(['device:x', 'group:gx'], { holder: 'A', signal: live() });
    await inTransaction(pools[2]!, (c) => fenced(c, old.tokens)); // valid while held
    proxy!.cut({ refuse: true });
    await once(old.lost, 'abort');
    assert.ok(old.lost.reason instanceof LeaseError && old.lost.reason.code === 'lost', String(old.lost.reason));
    const { rows } = await db!.pool.query<{ expires_at: Date }>(`SELECT expires_at FROM leases WHERE key = 'device:x'`);
    const expiredAt = rows[0]!.expires_at;
    const taken = await b.hold(['device:x'], { holder: 'B', signal: AbortSignal.timeout(20_000) });
    const late = await db!.pool.query<{ after: boolean }>('SELECT now() >= $1 AS after', [expiredAt]);
    assert.equal(late.rows[0]!.after, true, 'taken over only once the database clock passed the expiry');
    assert.ok(taken.tokens['device:x']! > old.tokens['device:x']!);
    await assert.rejects(
      inTransaction(pools[2]!, async (c) => {
        await fenced(c, old.tokens);
        await c.query(`INSERT INTO job_events (job_id, kind) VALUES ('J-stale', 'device-result')`);
      }),
      (e: unknown) => e instanceof StaleLeaseError && e.keys.join() === 'device:x,group:gx',
    );
    const written = await db!.pool.query(`SELECT 1 FROM job_events WHERE job_id = 'J-stale'`);
    assert.equal(written.rowCount, 0, 'the stale write rolled back');
    await inTransaction(pools[2]!, (c) => fenced(c, taken.tokens));
    await old.release(); // the database is still unreachable for A: release must not hang or throw
    await taken.release();
  } finally {
    proxy!.restore();
    await cutPool.end();
  }
});

test('a hold asked while the database is unreachable rejects as unavailable, holding nothing', { skip }, async () => {
  const cutPool = openPool(proxy!.url, { schema: db!.schema, max: 1, connectTimeoutMs: 1_000 });
  try {
    proxy!.cut({ refuse: true });
    const ex = new PgExclusion(cutPool, { ttlMs: 5_000 });
    await assert.rejects(
      ex.hold(['device:u'], { holder: 'A', signal: live() }),
      (e: unknown) => e instanceof LeaseError && e.code === 'unavailable',
    );
    const { rows } = await db!.pool.query(`SELECT 1 FROM leases WHERE key = 'device:u'`);
    assert.deepEqual(rows, []);
  } finally {
    proxy!.restore();
    await cutPool.end();
  }
});
