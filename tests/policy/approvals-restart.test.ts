import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { breakGlassPolicy, settableClock } from './test-policies.js';
import { labSpecs, startRig } from '../support/test-lab.js';
import { createApp } from '../../src/app.js';
import { parseInventory } from '../../src/inventory/inventory.js';
import type { BreakGlassUse } from '../../src/core/policy/break-glass.js';
import type { JobSummary } from '../../src/core/types.js';

const as = (id: string) => ({ id, name: id, via: 'console' as const });

test('a partly approved --break-glass change survives a restart: its count and its break-glass request, judged when it runs', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'netops-restart-'));
  const policyFile = join(dir, 'policy.yaml');
  const freeze = { from: '2030-01-01T00:00:00Z', to: '2030-02-01T00:00:00Z' };
  await writeFile(policyFile, breakGlassPolicy({ oncall: 'olivia', eng: ['carol', 'erin'], count: 2, freeze }));
  const clock = settableClock('2029-12-31T23:59:00Z');
  const rig = await startRig(labSpecs(2), { env: { NETOPS_POLICY: policyFile }, clock });
  try {
    const sub = await rig.app.service.submit('config site=east template=ntp server=192.0.2.10 --break-glass', as('olivia'));
    if (sub.kind !== 'change') throw new Error('expected a change request');
    const id = sub.change.id;
    assert.equal((await rig.app.service.approve(id, as('erin'))).waiting !== undefined, true);
    await rig.app.close();

    clock.set('2030-01-01T00:01:00Z');
    const again = await createApp(rig.config, { inventory: parseInventory(rig.lab.inventory(), 'test lab'), clock });
    try {
      const runs: { use?: BreakGlassUse; done: Promise<JobSummary> }[] = [];
      again.service.onChangeApproved((h, _c, _by, use) => runs.push({ use, done: h.start() }));
      const [restored] = again.service.changes.list();
      assert.deepEqual(
        { id: restored?.id, approvals: restored?.approval?.approvals, breakGlass: restored?.breakGlass },
        { id, approvals: ['erin'], breakGlass: {} },
        'the count and the --break-glass request were persisted',
      );
      await assert.rejects(
        again.service.approve(id, as('erin')),
        /already approved CR-1: your approval is counted \(1 of 2 approvals \(erin\)/,
      );
      await again.service.approve(id, as('carol'));
      assert.equal(runs.length, 1);
      assert.deepEqual({ rule: runs[0]!.use?.rule, by: runs[0]!.use?.requester.id }, { rule: 'freeze holiday', by: 'olivia' });
      assert.equal((await runs[0]!.done).state, 'succeeded');
      const glass = await again.audit.query({ action: 'policy.break-glass' });
      assert.deepEqual(
        glass.map((r) => [r.actor.id, r.jobId, r.detail?.['bypassed']]),
        [['olivia', id, 'freeze holiday']],
      );
      assert.equal((await again.audit.verify()).ok, true);
    } finally {
      await again.close();
    }
  } finally {
    await rig.close();
    await rm(dir, { recursive: true, force: true });
  }
});
