/** openPostgresStores: migrated at open, the three stores on it, close() after queued appends land. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { NO_DATABASE, testDatabase } from '../support/postgres.js';
import { openPostgresStores } from '../../src/store/postgres/stores.js';
import { systemClock } from '../../src/core/clock.js';
import { createRedactor } from '../../src/core/redact.js';

const db = await testDatabase('pg_stores');
after(() => db?.drop());
const skip = db ? false : NO_DATABASE;

test('open migrates and wires audit, state and exclusion; close waits for queued appends', { skip }, async () => {
  const o = { schema: db!.schema, clock: systemClock, redact: createRedactor([]), leaseTtlMs: 5_000, owner: 'host-1/42' };
  const [a, b] = await Promise.all([openPostgresStores(db!.url, o), openPostgresStores(db!.url, { ...o, owner: 'host-2/7' })]);
  const actor = { id: 'U1', name: 'alice', via: 'console' };
  const n = await a.state.nextJobNumber();
  assert.notEqual(await b.state.nextJobNumber(), n);
  const hold = await a.exclusion.hold(['device:r1'], { holder: 'host-1/42', signal: new AbortController().signal });
  const waiting = b.exclusion.hold(['device:r1'], { holder: 'host-2/7', signal: AbortSignal.timeout(300) });
  await assert.rejects(waiting, (e: Error) => e.name === 'TimeoutError');
  await hold.release();
  const appends = Array.from({ length: 20 }, (_, i) =>
    a.audit.append({ actor, action: 'device.result', jobId: `J-${n}`, targets: [`r${i}`] }),
  );
  await a.close();
  assert.equal((await Promise.all(appends)).length, 20);
  assert.deepEqual(await b.audit.verify(), { ok: true, records: 20 });
  await b.close();
});
