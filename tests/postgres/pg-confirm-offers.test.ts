/** Confirm offers in PostgreSQL: every front sees them, a claim is one-use across fronts, expired ones are pruned. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NO_DATABASE, testDatabase } from '../support/postgres.js';
import { frontPools } from '../support/pg-fronts.js';
import { openPool } from '../../src/store/postgres/pool.js';
import { PgStateStore } from '../../src/store/postgres/pg-state-store.js';
import type { ConfirmOfferRecord } from '../../src/core/ports.js';

const db = await testDatabase('pg_confirm');
const skip = db ? false : NO_DATABASE;
const pools = frontPools(db, 3, 4);

const ALICE = 'U0ALICE01';
const offer = (expiresAt: number): ConfirmOfferRecord => ({
  user: ALICE,
  userName: 'alice',
  team: 'T1',
  channel: 'C1',
  text: 'show-version device=* --confirm',
  expiresAt,
});
const tokens = async () =>
  (await pools[0]!.query<{ token: string }>('SELECT token FROM confirm_offers ORDER BY token')).rows.map((r) => r.token);

test('claimConfirmOffer: of one click claimed on three fronts at once exactly one gets it, every round', { skip }, async () => {
  const fronts = pools.map((p, i) => new PgStateStore(p, `front-${i}`));
  for (let round = 0; round < 5; round++) {
    const token = `tok-${round}`;
    await fronts[round % 3]!.saveConfirmOffer(token, offer(10_000), 1000);
    const claims = await Promise.all(fronts.flatMap((f) => [f, f]).map((f) => f.claimConfirmOffer(token, { user: ALICE, now: 2000 })));
    const won = claims.filter((c) => c.outcome === 'claimed');
    assert.equal(won.length, 1, `round ${round}: one claim of six won`);
    assert.deepEqual(won[0], { outcome: 'claimed', offer: offer(10_000) });
    assert.ok(
      claims.every((c) => c.outcome === 'claimed' || c.outcome === 'missing'),
      JSON.stringify(claims),
    );
  }
  assert.deepEqual(await tokens(), []);
});

test('claimConfirmOffer: another user leaves it for its owner; an expired one is refused and removed; saving prunes', {
  skip,
}, async () => {
  const [a, b] = pools.map((p, i) => new PgStateStore(p, `front-${i}`));
  await a!.saveConfirmOffer('mine', offer(5000), 1000);
  await a!.saveConfirmOffer('stale', offer(5000), 1000);
  await a!.saveConfirmOffer('never-clicked', offer(5000), 1000);
  assert.deepEqual(await b!.claimConfirmOffer('mine', { user: 'U0BOB0001', now: 2000 }), { outcome: 'not-yours' });
  assert.deepEqual(await b!.claimConfirmOffer('mine', { user: ALICE, now: 2000 }), { outcome: 'claimed', offer: offer(5000) });
  assert.deepEqual(await b!.claimConfirmOffer('stale', { user: ALICE, now: 5000 }), { outcome: 'expired' });
  assert.deepEqual(await a!.claimConfirmOffer('stale', { user: ALICE, now: 5000 }), { outcome: 'missing' });
  assert.deepEqual(await tokens(), ['never-clicked']);
  // The next offer, on either front, prunes the expired one nobody clicked.
  await b!.saveConfirmOffer('fresh', offer(99_000), 6000);
  assert.deepEqual(await tokens(), ['fresh']);
  // A front started afterwards (a new pool, as after a restart) claims it.
  const restarted = openPool(db!.url, { schema: db!.schema, max: 1 });
  try {
    const c = await new PgStateStore(restarted, 'front-restarted').claimConfirmOffer('fresh', { user: ALICE, now: 7000 });
    assert.equal(c.outcome, 'claimed');
  } finally {
    await restarted.end();
  }
});
