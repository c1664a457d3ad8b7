/** Shared state in PostgreSQL: job numbers unique across processes, one winner per change decision. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { NO_DATABASE, testDatabase } from '../support/postgres.js';
import { frontPools } from '../support/pg-fronts.js';
import { PgStateStore } from '../../src/store/postgres/pg-state-store.js';
import type { PendingChangeRecord } from '../../src/core/ports.js';

const db = await testDatabase('pg_state');
const skip = db ? false : NO_DATABASE;
const pools = frontPools(db, 3, 3);

const actor = { id: 'U1', name: 'alice', via: 'console' };
const change = (id: string, createdAt = 1): PendingChangeRecord => ({
  id,
  command: 'config',
  commandLine: '/net config site=east template=ntp',
  description: 'ntp',
  actor,
  args: { template: 'ntp' },
  plan: [{ device: 'r1', platform: 'cisco_ios', lines: ['ntp server 192.0.2.1'] }],
  createdAt,
  expiresAt: createdAt + 3_600_000,
});

test('job numbers never repeat across processes and pools', { skip }, async () => {
  const run = promisify(execFile);
  const child = () => run(process.execPath, ['--import', 'tsx', 'tests/postgres/job-number-child.ts', db!.url, db!.schema, '40']);
  const stores = pools.map((p, i) => new PgStateStore(p, `front-${i}`));
  const [a, b, ...here] = await Promise.all([
    child(),
    child(),
    ...stores.map((s) => Promise.all(Array.from({ length: 20 }, () => s.nextJobNumber()))),
  ]);
  const numbers = [a, b].flatMap((o) => (o as { stdout: string }).stdout.trim().split('\n').map(Number)).concat(...(here as number[][]));
  assert.equal(numbers.length, 2 * 40 + 3 * 20);
  assert.equal(new Set(numbers).size, numbers.length, 'no number handed out twice');
  assert.ok(numbers.every((n) => Number.isInteger(n) && n > 0));
});

test('claimChange: of concurrent claims from three fronts exactly one wins; later clicks and saves change nothing', { skip }, async () => {
  const stores = pools.map((p, i) => new PgStateStore(p, `front-${i}`));
  await stores[0]!.saveChange(change('J-100', 5));
  await stores[1]!.saveChange(change('J-101', 6));
  for (let round = 0; round < 3; round++) {
    const id = `J-2${round}`;
    await stores[0]!.saveChange(change(id, 10 + round));
    const claims = await Promise.all(
      stores.flatMap((s, i) => [s.claimChange(id, { approver: `U${i}` }), s.claimChange(id, { approver: `U${i}b` })]),
    );
    assert.equal(claims.filter(Boolean).length, 1, `round ${round}: one winner`);
    assert.deepEqual(claims.find(Boolean), change(id, 10 + round), 'the winner gets the record as saved');
    assert.equal(await stores[2]!.claimChange(id, { approver: 'U2' }), undefined, 'a retried delivery loses');
    await stores[1]!.saveChange({ ...change(id, 10 + round), messageRef: { channel: 'C1', ts: '1.2' } });
    assert.ok(!(await stores[2]!.pendingChanges()).some((c) => c.id === id), 'a save after the decision does not revive it');
  }
  await stores[0]!.saveChange({ ...change('J-100', 5), messageRef: { channel: 'C1', ts: '9.9' } });
  await stores[2]!.dropChange('J-101');
  assert.equal(await stores[0]!.claimChange('J-101', { approver: 'U1' }), undefined, 'a dropped change cannot be claimed');
  const pending = await stores[1]!.pendingChanges();
  assert.deepEqual(
    pending.filter((c) => c.id.startsWith('J-1') || c.id.startsWith('J-2')).map((c) => [c.id, c.messageRef?.ts]),
    [['J-100', '9.9']],
  );
});

test('running jobs and changing devices are shared; a stale owner is taken over once', { skip }, async () => {
  const [a, b, c] = pools.map((p, i) => new PgStateStore(p, `front-${i}`)) as [PgStateStore, PgStateStore, PgStateStore];
  await a.jobStarted({ id: 'J-300', command: 'config', actor, targets: ['r1', 'r2'], startedAt: 1 });
  await a.markChanging('J-300', 'r2', true);
  await a.markChanging('J-300', 'r1', true);
  await a.markChanging('J-300', 'r1', false);
  await a.markChanging('J-missing', 'r9', true);
  const seen = (await b.runningJobs()).find((j) => j.id === 'J-300');
  assert.deepEqual(seen, { id: 'J-300', command: 'config', actor, targets: ['r1', 'r2'], startedAt: 1, changing: ['r2'] });
  assert.ok(!(await b.runningJobs()).some((j) => j.id === 'J-missing'));
  assert.deepEqual(await b.adoptStaleJobs(60_000), [], 'a fresh heartbeat is not stale');
  await db!.pool.query(`UPDATE running_jobs SET heartbeat_at = now() - interval '5 minutes' WHERE id = 'J-300'`);
  const [byB, byC] = await Promise.all([b.adoptStaleJobs(60_000), c.adoptStaleJobs(60_000)]);
  assert.equal(byB.length + byC.length, 1, 'one front takes the job over');
  await a.jobEnded('J-300');
  assert.ok(!(await c.runningJobs()).some((j) => j.id === 'J-300'));
  const { rows } = await db!.pool.query(`SELECT count(*)::int AS n FROM changing_devices WHERE job_id = 'J-300'`);
  assert.equal(rows[0].n, 0);
});
