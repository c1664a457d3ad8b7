/**
 * The front that started a job is killed (kill -9) while workers are still on its devices:
 * another front, already running, sees its heartbeat go stale, adopts the job, waits for the
 * work already queued (sending nothing again) and records the job's end. Judged by the audit
 * trail (one end, one result per device, each from the worker) and the lab (each device
 * logged into once: nothing re-sent).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { NO_DATABASE, testDatabase } from '../support/postgres.js';
import { identityOf, scaleOutRig, workerOf } from '../support/scale-out-rig.js';
import { until } from '../support/scale-out-scenario.js';
import { labSpecs } from '../support/test-lab.js';

const db = await testDatabase('front_takeover');
after(() => db?.drop());

const specs = labSpecs(4, () => ({ latencyMs: 800 }));

test('a front killed mid-job: another front finishes the job, and nothing is sent twice', { skip: db ? false : NO_DATABASE }, async () => {
  const rig = await scaleOutRig(db!, specs, { env: { NETOPS_LEASE_TTL_MS: '1500' } });
  try {
    const w1 = await rig.worker('w1');
    const survivor = await rig.front('front-b');
    const doomed = rig.oneShot('front-a', 'show-version device=* --confirm');
    await until('the workers on the devices', () => rig.lab.configModeLog().connections.length > 0);
    doomed.kill9();
    await doomed.exited;
    const requested = (await rig.audit()).find((r) => r.action === 'job.requested');
    assert.ok(requested?.job_id, 'the killed front had recorded its job');
    const job = requested.job_id;

    await survivor.waitFor(new RegExp(`${job} stopped; finishing it here`));
    await until('the job ended in the trail', async () => (await rig.audit()).some((r) => r.action === 'job.finished' && r.job_id === job));
    const trail = (await rig.audit()).filter((r) => r.job_id === job);
    assert.equal(trail.filter((r) => r.action === 'job.finished').length, 1, 'ended once');
    assert.equal(trail.find((r) => r.action === 'job.finished')!.outcome, 'succeeded');
    const results = trail.filter((r) => r.action === 'device.result');
    assert.deepEqual(results.flatMap((r) => r.targets).sort(), specs.map((s) => s.name).sort(), 'one result per device');
    for (const r of results) {
      assert.equal(r.outcome, 'ok', `${r.targets[0]}: ${JSON.stringify(r.detail)}`);
      assert.equal(workerOf(r), identityOf(w1));
    }
    const logins = rig.lab.configModeLog().connections;
    for (const s of specs) assert.equal(logins.filter((c) => c.device === s.name).length, 1, `${s.name} read once`);
  } finally {
    await rig.close();
  }
});
