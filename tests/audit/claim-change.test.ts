import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonStateStore } from '../../src/audit/state-store.js';
import type { PendingChangeRecord } from '../../src/core/ports.js';

const change = (id: string): PendingChangeRecord => ({
  id,
  command: 'config',
  commandLine: '/net config site=east template=ntp',
  description: 'ntp',
  actor: { id: 'U1', name: 'alice', via: 'console' },
  args: {},
  plan: [{ device: 'r1', platform: 'cisco_ios', lines: ['ntp server 192.0.2.1'] }],
  createdAt: 1,
  expiresAt: 2,
});

test('embedded claimChange: of concurrent claims exactly one wins, and the change is no longer pending', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'netops-claim-'));
  try {
    const state = await JsonStateStore.open(join(dir, 'state.json'));
    await state.saveChange(change('J-1'));
    await state.saveChange(change('J-2'));
    const claims = await Promise.all([1, 2, 3].map((n) => state.claimChange('J-1', { approver: `u${n}` })));
    assert.equal(claims.filter(Boolean).length, 1);
    assert.equal(claims.find(Boolean)?.id, 'J-1');
    assert.deepEqual(
      (await state.pendingChanges()).map((c) => c.id),
      ['J-2'],
    );
    assert.equal(await state.claimChange('J-1', { approver: 'u1' }), undefined, 'a retried click loses');
    const reopened = await JsonStateStore.open(join(dir, 'state.json'));
    assert.deepEqual(
      (await reopened.pendingChanges()).map((c) => c.id),
      ['J-2'],
      'the claim is durable',
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('embedded decideChange: concurrent decisions each see the one before; a throwing decision changes nothing; a save keeps the approvals', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'netops-decide-'));
  try {
    const state = await JsonStateStore.open(join(dir, 'state.json'));
    await state.saveChange(change('J-1'));
    const record = { actor: { id: 'x', name: 'x', via: 'console' }, action: 'change.approval-counted' };
    // Two places: each decision counts on what is stored, and the one that finds two claims.
    const decide = (who: string) =>
      state.decideChange('J-1', (stored) => {
        const approvals = [...(stored.approval?.approvals ?? []), who];
        return approvals.length < 2
          ? { kind: 'count' as const, approvals, record }
          : { kind: 'claim' as const, approvals, by: who, record };
      });
    await assert.rejects(
      state.decideChange('J-1', () => {
        throw new Error('refused');
      }),
      /refused/,
    );
    const [first, second, third] = await Promise.all([decide('bob'), decide('carol'), decide('dave')]);
    assert.deepEqual([first?.decision.kind, second?.decision.kind, third], ['count', 'claim', undefined]);
    assert.deepEqual(second?.change.approval?.approvals, ['bob', 'carol']);
    assert.equal(first?.recorded, false, 'the caller appends the record (no shared transaction with the trail)');

    await state.saveChange(change('J-2'));
    await state.decideChange('J-2', () => ({ kind: 'count', approvals: ['bob'], record }));
    await state.saveChange({ ...change('J-2'), messageRef: { channel: 'C1', ts: '1.1' } });
    const reopened = await JsonStateStore.open(join(dir, 'state.json'));
    const [j2] = await reopened.pendingChanges();
    assert.deepEqual([j2?.id, j2?.messageRef?.ts, j2?.approval?.approvals], ['J-2', '1.1', ['bob']]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
