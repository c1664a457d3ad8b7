/**
 * The job event feed's LISTEN connection through a PostgreSQL that hangs without a word (the
 * stalling proxy: sockets stay open, nothing comes back). An idle LISTEN connection would wait
 * for ever; the feed's heartbeat gives up within its answer bound, says so once however many
 * reconnects fail, and listens again once the server is back: a cancel written then (as a
 * front's QueueDispatch writes it) reaches the follower a worker registers for its device.
 * The slow poll is turned off, so only the LISTEN connection can deliver it. The feed's reads
 * go through an ordinary pool (the pools' own bounds are the readyz-database test's).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { type JobEventRow, JobEventFeed, writeJobEvent } from '../../src/store/postgres/job-events.js';
import { migrate } from '../../src/store/postgres/migrate.js';
import { databaseProxy, NO_DATABASE, testDatabase } from '../support/postgres.js';
import { until } from '../support/scale-out-scenario.js';

const db = await testDatabase('event_feed_stall');
after(() => db?.drop());

test('after a silent hang the feed listens again and a cancel still reaches the worker', { skip: db ? false : NO_DATABASE }, async () => {
  await migrate(db!.pool);
  const proxy = await databaseProxy(db!.url);
  const errors: string[] = [];
  const feed = new JobEventFeed(proxy.url, db!.pool, {
    schema: db!.schema,
    pollMs: 3_600_000,
    onError: (err) => errors.push(String((err as Error)?.message ?? err)),
    connection: { connectTimeoutMs: 500, queryTimeoutMs: 500, heartbeatMs: 100, retryMs: { first: 50, max: 400 } },
  });
  const seen: JobEventRow[] = [];
  try {
    await feed.start();
    const jobId = 'J-stall-1';
    // What handleWork registers: the job's events, a cancel among them.
    const stop = feed.follow(jobId, (e) => seen.push(e));
    await writeJobEvent(db!.pool, { jobId, kind: 'device-started', payload: { device: 'r1', attempt: 0 }, worker: 'w1' });
    await until('the start heard', () => seen.some((e) => e.kind === 'device-started'));

    proxy.stall();
    const before = proxy.accepted;
    await until('the hang noticed', () => errors.some((e) => /lost its connection/.test(e)));
    assert.match(errors.join('\n'), /Query read timeout/, 'the heartbeat gave up within its answer bound');
    // Several reconnects fail against the hung server (each gives up within the connect bound) ...
    await until('three reconnects tried', () => proxy.accepted >= before + 3);
    assert.equal(seen.filter((e) => e.kind === 'cancel').length, 0);

    proxy.restore();
    await writeJobEvent(db!.pool, { jobId, kind: 'cancel', payload: {} });
    await until('the cancel reached the worker', () => seen.some((e) => e.kind === 'cancel'));
    // ... and the feed is live again: a later event arrives by notification (nothing else reads).
    await writeJobEvent(db!.pool, { jobId, kind: 'device-result', payload: { device: 'r1' }, worker: 'w1' });
    await until('the next event heard', () => seen.some((e) => e.kind === 'device-result'));
    stop();

    assert.deepEqual(
      seen.map((e) => e.kind),
      ['device-started', 'cancel', 'device-result'],
      'each event once, in order',
    );
    assert.equal(errors.filter((e) => /lost its connection/.test(e)).length, 1, `said once: ${errors.join('\n')}`);
    assert.equal(errors.length, 1, errors.join('\n'));
  } finally {
    await feed.close();
    await proxy.close();
  }
});
