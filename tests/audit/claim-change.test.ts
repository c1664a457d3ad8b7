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
