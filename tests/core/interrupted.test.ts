import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonStateStore } from '../../src/audit/state-store.js';
import { AuditLog } from '../../src/audit/audit-log.js';
import { recordInterruptedJobs } from '../../src/core/interrupted-jobs.js';
import { createRedactor } from '../../src/core/redact.js';
import { systemClock } from '../../src/core/clock.js';

test('a crash in the middle of a change names the devices whose state is unknown', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'netops-int-'));
  try {
    const actor = { id: 'alice', name: 'alice', via: 'console' };
    const before = await JsonStateStore.open(join(dir, 'state.json'));
    await before.jobStarted({ id: 'J-4', command: 'config', actor, targets: ['r1', 'r2', 'r3'], startedAt: 0 });
    await before.markChanging('J-4', 'r1', true);
    await before.markChanging('J-4', 'r2', true);
    await before.markChanging('J-4', 'r2', false); // r2 finished before the crash
    // The process dies here; a new one opens the same files.
    const state = await JsonStateStore.open(join(dir, 'state.json'));
    const audit = await AuditLog.open(join(dir, 'audit.json'), { clock: systemClock, redact: createRedactor([]) });
    assert.deepEqual(await recordInterruptedJobs(state, audit, Date.now()), ['J-4']);
    const [rec] = await audit.query({ action: 'job.interrupted' });
    assert.deepEqual(rec!.detail?.['stateUnknown'], ['r1']);
    assert.deepEqual(await state.runningJobs(), []);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
