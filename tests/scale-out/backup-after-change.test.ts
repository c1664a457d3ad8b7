/**
 * Scaled out, the backup an approved change leaves behind is kept by the worker that changed
 * the device (the unmasked text never travels through the queue), in PostgreSQL, marked
 * after-change with the approver; a front's diff-config right after says no drift against it.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { NO_DATABASE, testDatabase } from '../support/postgres.js';
import { scaleOutRig } from '../support/scale-out-rig.js';
import { jobOf, propose } from '../support/scale-out-scenario.js';
import { labSpecs } from '../support/test-lab.js';

const db = await testDatabase('backup_after_change');
after(() => db?.drop());

const specs = labSpecs(3, () => ({ latencyMs: 10 }));

test('scale-out: the worker keeps an after-change version in PostgreSQL; diff-config then says no drift', {
  skip: db ? false : NO_DATABASE,
}, async () => {
  const rig = await scaleOutRig(db!, specs);
  try {
    await rig.worker('w1');
    const cr = await propose(rig, 'config device=* template=ntp server=192.0.2.61 --confirm');
    const approve = rig.oneShot('approve', `approve ${cr}`, { user: 'bob' });
    assert.equal(await approve.exited, 0, approve.output());

    const rows = await db!.pool.query<{ device: string; version: number; reason: string; by: string; job_id: string; text: string }>(
      `SELECT device, version, reason, actor->>'id' AS by, job_id, text FROM config_backups ORDER BY device, version`,
    );
    assert.deepEqual(
      rows.rows.map((r) => [r.device, r.version, r.reason, r.by, r.job_id]),
      specs.map((s) => [s.name, 1, `after-change ${cr}`, 'bob', jobOf(cr)]).sort(),
    );
    for (const r of rows.rows) assert.match(r.text, /192\.0\.2\.61/, r.device);

    const diff = rig.oneShot('diff', 'diff-config device=* --confirm');
    assert.equal(await diff.exited, 0, diff.output());
    assert.equal(diff.output().match(new RegExp(`v1 \\([^)]*taken after ${cr} by bob\\)\\s+no drift`, 'g'))?.length, 3, diff.output());
  } finally {
    await rig.close();
  }
});
