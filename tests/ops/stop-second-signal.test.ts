/**
 * A second SIGTERM while `npm start` waits out its grace: the process exits at once (143)
 * without waiting for the job, and loses nothing it had acknowledged: the job whose summary it
 * printed keeps every record, the running job's request is on disk, the trail verifies, and the
 * next start records the running job as interrupted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { labSpecs } from '../support/test-lab.js';
import { entryRig, labSessions, npmAuditVerify, readTrail, signal } from './entry-rig.js';

test('a second signal exits at once; nothing acknowledged is lost; the next start records the job as interrupted', {
  timeout: 300_000,
}, async () => {
  const rig = await entryRig(labSpecs(60, () => ({ latencyMs: 100 })));
  try {
    // A grace far longer than the test: only the second signal can end the process in time.
    const front = await rig.front({ NETOPS_CONCURRENCY: '5', NETOPS_SHUTDOWN_GRACE: '10m' });
    front.send('/net show-version device=east-core-001');
    // The summary is printed only once every record of the job is durable: acknowledged.
    await front.waitFor(/J-1 .*: succeeded/);
    front.send('/net show-version device=* --confirm');
    await front.waitFor(/J-2 /);
    const before = labSessions(rig.lab).closed.size;
    await front.waitFor(/J-2 .* [1-9]\d*\/60/);
    signal(front, 'SIGTERM');
    await front.waitFor(/"msg":"stopping/);
    signal(front, 'SIGTERM');
    assert.equal(await front.exited, 143, front.output());
    assert.ok(labSessions(rig.lab).closed.size - before < 59, 'it did not wait for the job');

    const trail = await readTrail(rig.dir);
    const of = (job: string) => trail.filter((r) => r.jobId === job).map((r) => r.action);
    assert.deepEqual(of('J-1'), ['job.requested', 'device.result', 'job.finished']);
    assert.deepEqual(
      of('J-2').filter((a) => a !== 'device.result'),
      ['job.requested'],
    );
    const verify = await npmAuditVerify(rig.env());
    assert.equal(verify.code, 0, verify.stdout);

    // The next start finds J-2 still noted as running: recorded as interrupted, the chain intact.
    const next = rig.oneShot('/net jobs');
    assert.equal(await next.exited, 0, next.output());
    assert.match(next.output(), /the previous run stopped during J-2; recorded as interrupted/);
    const after = await readTrail(rig.dir);
    assert.deepEqual(after.slice(0, trail.length), trail, 'every record kept as it was');
    assert.deepEqual(
      after.filter((r) => r.action === 'job.interrupted').map((r) => r.jobId),
      ['J-2'],
    );
    assert.equal((await npmAuditVerify(rig.env())).code, 0);
  } finally {
    await rig.close();
  }
});
