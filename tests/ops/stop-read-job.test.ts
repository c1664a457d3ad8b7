/**
 * SIGTERM to `npm start` (src/main.ts, console fed from a pipe) in the middle of a 200-device
 * read: the devices the lab had sessions open to when the signal came finish (within
 * NETOPS_SHUTDOWN_GRACE), what is left after the grace is recorded as interrupted with the
 * devices named, `npm run audit:verify` passes, and the process exits 0.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { labSpecs } from '../support/test-lab.js';
import { entryRig, FINAL, interruptedDevices, labSessions, logRecords, npmAuditVerify, readTrail, signal, until } from './entry-rig.js';

test('SIGTERM mid 200-device read: running devices finish, the rest are named as interrupted, the trail verifies, exit 0', {
  timeout: 300_000,
}, async () => {
  // Five at a time, each command 150 ms on the device: the job takes far longer than the grace,
  // and a device's own turn (login, set-up, one command: about a second) far less.
  const rig = await entryRig(labSpecs(200, () => ({ latencyMs: 150 })));
  try {
    const env = { NETOPS_CONCURRENCY: '5', NETOPS_SHUTDOWN_GRACE: '5s' };
    const front = await rig.front(env);
    front.send('/net show-version device=* --confirm');
    await until(() => labSessions(rig.lab).closed.size >= 15, 'fifteen devices done');
    const running = labSessions(rig.lab).open;
    signal(front, 'SIGTERM');
    assert.equal(await front.exited, 0, front.output());

    const trail = await readTrail(rig.dir);
    const results = trail.filter((r) => r.action === 'device.result');
    const ended = new Map(results.filter((r) => FINAL.has(String(r.outcome))).map((r) => [r.targets![0]!, r.outcome]));
    // Whatever was mid-way when the signal came was let finish, and finished well.
    assert.ok(running.size > 0, 'devices were running at the signal');
    for (const d of running) assert.equal(ended.get(d), 'ok', `${d} was running at the signal and did not finish`);
    // The grace ran out long before 200 devices could: the rest are named, each device exactly once.
    const named = interruptedDevices(trail).get('J-1') ?? [];
    assert.ok(named.length > 0, 'the stop came mid-job');
    for (const d of named) assert.ok(!ended.has(d), `${d} both ended and named as interrupted`);
    assert.equal(ended.size + named.length, 200);
    assert.deepEqual(new Set([...ended.keys(), ...named]), new Set(rig.lab.devices.map((d) => d.spec.name)));
    const finished = trail.filter((r) => r.action === 'job.finished');
    assert.deepEqual(
      finished.map((r) => [r.jobId, r.outcome]),
      [['J-1', 'cancelled']],
    );

    const verify = await npmAuditVerify(rig.env());
    assert.equal(verify.code, 0, verify.stdout);
    assert.match(verify.stdout, new RegExp(`audit trail intact: ${trail.length} records`));

    const logs = logRecords(front);
    const msgs = logs.map((l) => String(l['msg']));
    const stopAt = msgs.findIndex((m) => m.startsWith('stopping'));
    const graceAt = msgs.indexOf('grace over: cancelling what is left');
    assert.ok(stopAt >= 0 && graceAt > stopAt && msgs.at(-1) === 'stopped', msgs.join('\n'));
    assert.deepEqual(logs[graceAt]!['jobs'], ['J-1']);
  } finally {
    await rig.close();
  }
});
