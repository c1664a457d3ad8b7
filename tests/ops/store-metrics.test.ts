/**
 * The PostgreSQL stores feed the metrics the embedded ones do, on a real PostgreSQL: the audit
 * trail times each append until it is committed, the leases count each hold's wait by kind, and
 * a hold lost when the database goes away (a TCP proxy of the test, cut) is counted once.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { systemClock } from '../../src/core/clock.js';
import { deviceKey, groupKey } from '../../src/core/exclusion.js';
import { createRedactor } from '../../src/core/redact.js';
import { createMetrics } from '../../src/ops/metrics.js';
import { openPostgresStores } from '../../src/store/postgres/stores.js';
import { databaseProxy, NO_DATABASE, testDatabase } from '../support/postgres.js';
import { parseExposition } from './prom-text.js';

const db = await testDatabase('store_metrics');
after(() => db?.drop());
const skip = db ? false : NO_DATABASE;
const actor = { id: 'U1', name: 'alice', via: 'console' };

test('PostgreSQL audit appends and lease waits are timed; a lease lost when the database is cut is counted', { skip }, async () => {
  const metrics = createMetrics({ defaultMetrics: false });
  const proxy = await databaseProxy(db!.url);
  const stores = await openPostgresStores(proxy.url, {
    schema: db!.schema,
    clock: systemClock,
    redact: createRedactor([]),
    leaseTtlMs: 1_500,
    owner: 'host-1/42',
    observer: metrics,
  });
  const m = async () => parseExposition(await metrics.text());
  try {
    await Promise.all([1, 2, 3].map((i) => stores.audit.append({ actor, action: 'test.note', targets: [`r${i}`] })));
    assert.equal((await m()).value('netops_audit_append_seconds_count'), 3, 'one observation per append, batched or not');

    const never = new AbortController().signal;
    const device = await stores.exclusion.hold([deviceKey('r1')], { holder: 'a', signal: never });
    // A change's hold (device and group) waits for the read holding r1, and is counted once it has it.
    const change = stores.exclusion.hold([deviceKey('r1'), groupKey('g1')], { holder: 'b', signal: never });
    await device.release();
    const held = await change;
    let seen = await m();
    assert.equal(seen.value('netops_lease_wait_seconds_count', { kind: 'device' }), 1);
    assert.equal(seen.value('netops_lease_wait_seconds_count', { kind: 'group' }), 1);
    assert.ok(seen.value('netops_lease_wait_seconds_sum', { kind: 'group' })! > 0, 'the group hold waited');
    assert.equal(seen.sum('netops_lease_lost_total'), 0);

    proxy.cut({ refuse: true });
    await new Promise((resolve) => held.lost.addEventListener('abort', resolve, { once: true }));
    seen = await m();
    assert.equal(seen.value('netops_lease_lost_total', { kind: 'group' }), 1);
    assert.equal(seen.sum('netops_lease_lost_total'), 1, 'lost once, however many renewals failed');
    await held.release();
  } finally {
    proxy.restore();
    await stores.close();
    await proxy.close();
  }
});
