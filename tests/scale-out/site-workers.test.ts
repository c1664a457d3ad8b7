/**
 * Site-local workers: one worker for `east`, one for `west` (NETOPS_WORKER_SITES). A read and
 * a change over both sites: every device is worked by a worker of its own site, as the audit
 * trail's worker identity on each device result shows, and the lab saw each change once.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { NO_DATABASE, testDatabase } from '../support/postgres.js';
import { identityOf, scaleOutRig, workerOf } from '../support/scale-out-rig.js';
import { jobOf, linesSent, ntpLine, propose } from '../support/scale-out-scenario.js';
import { labSpecs } from '../support/test-lab.js';

const db = await testDatabase('site_workers');
after(() => db?.drop());

const specs = labSpecs(8, () => ({ latencyMs: 10 }));

test('site workers: each device is worked by a worker of its own site', { skip: db ? false : NO_DATABASE }, async () => {
  const rig = await scaleOutRig(db!, specs);
  try {
    const [east, west] = await Promise.all([rig.worker('east', { sites: ['east'] }), rig.worker('west', { sites: ['west'] })]);
    const bySite: Record<string, string> = { east: identityOf(east), west: identityOf(west) };

    const read = rig.oneShot('read', 'show-version device=* --confirm');
    assert.equal(await read.exited, 0, read.output());
    const cr = await propose(rig, 'config device=* template=ntp server=192.0.2.51 --confirm');
    const approve = rig.oneShot('approve', `approve ${cr}`, { user: 'bob' });
    assert.equal(await approve.exited, 0, approve.output());

    const audit = await rig.audit();
    const reads = audit.filter((r) => r.action === 'device.result' && r.job_id !== jobOf(cr));
    const changes = audit.filter((r) => r.action === 'device.result' && r.job_id === jobOf(cr));
    for (const [what, rows] of [
      ['read', reads],
      ['change', changes],
    ] as const) {
      assert.deepEqual(rows.flatMap((r) => r.targets).sort(), specs.map((s) => s.name).sort(), `${what}: one result per device`);
      for (const r of rows) {
        const site = specs.find((s) => s.name === r.targets[0])!.site;
        assert.equal(workerOf(r), bySite[site], `${what} on ${r.targets[0]} (${site}) by the ${site} worker`);
        assert.equal(r.outcome, 'ok');
      }
    }
    const seen = rig.lab.configModeLog();
    for (const s of specs) assert.equal(linesSent(seen, s.name, ntpLine(s.platform, '192.0.2.51')), 1, `${s.name} changed once`);
  } finally {
    await rig.close();
  }
});
