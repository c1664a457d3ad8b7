/** Confirm offers in the embedded state store: claimed once, by their own user, pruned once expired, kept across a restart. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonStateStore } from '../../src/audit/state-store.js';
import { ConfirmOffers } from '../../src/core/confirm-offers.js';
import type { ConfirmOfferRecord } from '../../src/core/ports.js';

const alice = { id: 'U0ALICE01', name: 'alice', via: 'slack' as const };
const bob = { id: 'U0BOB0001', name: 'bob', via: 'slack' as const };
const offer = (expiresAt: number, user = alice.id): ConfirmOfferRecord => ({
  user,
  userName: 'alice',
  channel: 'C1',
  text: 'show-version device=* --confirm',
  expiresAt,
});

async function withState(body: (path: string, state: JsonStateStore) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'netops-confirm-'));
  try {
    const path = join(dir, 'state.json');
    await body(path, await JsonStateStore.open(path));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('embedded claimConfirmOffer: of concurrent claims one wins; another user leaves it; it outlives a restart', async () => {
  await withState(async (path, state) => {
    await state.saveConfirmOffer('tok-a', offer(2000), 1000);
    await state.saveConfirmOffer('tok-b', offer(2000), 1000);
    assert.deepEqual(await state.claimConfirmOffer('tok-a', { user: bob.id, now: 1500 }), { outcome: 'not-yours' });
    const claims = await Promise.all([1, 2, 3].map(() => state.claimConfirmOffer('tok-a', { user: alice.id, now: 1500 })));
    assert.deepEqual(
      claims.map((c) => c.outcome),
      ['claimed', 'missing', 'missing'],
      'the first claim takes it; bob did not',
    );
    assert.deepEqual(claims[0], { outcome: 'claimed', offer: offer(2000) });

    // A restart: the unclaimed offer is still there, the claimed one is still gone.
    const reopened = await JsonStateStore.open(path);
    assert.deepEqual(await reopened.claimConfirmOffer('tok-a', { user: alice.id, now: 1500 }), { outcome: 'missing' });
    assert.deepEqual(await reopened.claimConfirmOffer('tok-b', { user: alice.id, now: 1500 }), { outcome: 'claimed', offer: offer(2000) });
  });
});

test('embedded confirm offers: an expired one is refused to its owner and removed; saving prunes the expired', async () => {
  await withState(async (path, state) => {
    await state.saveConfirmOffer('old-1', offer(2000), 1000);
    await state.saveConfirmOffer('old-2', offer(2000), 1000);
    assert.deepEqual(await state.claimConfirmOffer('old-1', { user: alice.id, now: 2000 }), { outcome: 'expired' });
    assert.deepEqual(await state.claimConfirmOffer('old-1', { user: alice.id, now: 2000 }), { outcome: 'missing' });
    // A later offer prunes old-2 (expired, never clicked) from the file.
    await state.saveConfirmOffer('new', offer(9000), 2500);
    const file = JSON.parse(await readFile(path, 'utf8')) as { confirmOffers: { token: string }[] };
    assert.deepEqual(
      file.confirmOffers.map((o) => o.token),
      ['new'],
    );
    // A token naming an object key finds nothing (offers are a list, not a map).
    assert.deepEqual(await state.claimConfirmOffer('__proto__', { user: alice.id, now: 2500 }), { outcome: 'missing' });
  });
});

test('ConfirmOffers over the store: a token per offer, redeemed once by its user, each refusal in words', async () => {
  await withState(async (_path, state) => {
    let now = 1_000_000;
    const offers = new ConfirmOffers({ state, clock: { now: () => now }, ttlMs: 60_000 });
    const typed = { user: alice.id, userName: 'alice', channel: 'C1', text: 'show-version device=* --confirm' };
    const a = await offers.offer(typed);
    const b = await offers.offer(typed);
    assert.notEqual(a, b, 'every offer has its own token');
    assert.ok(a.length >= 20 && !a.includes('show-version'), 'a random token, not the command line');
    await assert.rejects(offers.redeem(a, bob), /only the person who typed this command may confirm it/);
    assert.equal((await offers.redeem(a, alice)).text, 'show-version device=* --confirm');
    await assert.rejects(offers.redeem(a, alice), /no longer valid: it was already used or it expired/);
    now += 60_000;
    await assert.rejects(offers.redeem(b, alice), /has expired/);
    await assert.rejects(offers.redeem(b, alice), /no longer valid/, 'an expired offer is gone');
  });
});
