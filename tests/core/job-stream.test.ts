import { test } from 'node:test';
import assert from 'node:assert/strict';
import { labSpecs, startRig, consoleActor } from '../support/test-lab.js';
import { RecordingSurface } from '../support/recording-surface.js';
import { streamJob } from '../../src/core/job-stream.js';
import { systemClock } from '../../src/core/clock.js';

test('job streaming: one message, edits paced by the interval, never overlapping, final summary always sent', async () => {
  // Latencies spread the 40 devices' finishing times over about two seconds.
  const rig = await startRig(labSpecs(40, (i) => ({ latencyMs: 10 + (i % 10) * 40 })), { env: { NETOPS_CONCURRENCY: '8' } });
  try {
    const surface = new RecordingSurface(30);
    const p = await rig.app.service.prepare('show-version device=*', consoleActor);
    if (p.kind !== 'job') throw new Error('expected a job');
    const handle = await rig.app.service.createJob(p);
    const t0 = Date.now();
    const summary = await streamJob(handle, surface, { clock: systemClock, minUpdateIntervalMs: 250 });
    const seconds = (Date.now() - t0) / 1000;

    assert.equal(surface.posts.length, 1);
    assert.equal(surface.posts[0]!.view.pending, 40);
    assert.equal(surface.overlapped, false, 'two edits of one message were in flight at once');
    const gaps = surface.updates.slice(1).map((u, i) => u.at - surface.updates[i]!.at);
    assert.ok(gaps.every((g) => g >= 240), `edits closer than the interval: ${gaps.join(',')}`);
    assert.ok(surface.updates.length <= seconds / 0.25 + 3, `${surface.updates.length} edits in ${seconds} s`);
    assert.ok(surface.updates.length >= 3, 'progress was streamed, not only the summary');
    const last = surface.updates.at(-1)!.view;
    assert.equal(last.finished, true);
    assert.equal(last.ok, 40);
    assert.equal(last.rows.length, 40);
    assert.equal(summary.state, 'succeeded');
    // The progress edits in between show counts that only grow.
    const done = surface.updates.map((u) => u.view.total - u.view.pending);
    assert.deepEqual(done, [...done].sort((a, b) => a - b));
  } finally {
    await rig.close();
  }
});

test('cancel mid-job: no new device starts, in-flight devices stop, the summary says which were cancelled', async () => {
  const rig = await startRig(labSpecs(20, () => ({ latencyMs: 150 })), { env: { NETOPS_CONCURRENCY: '4' } });
  try {
    const surface = new RecordingSurface();
    const p = await rig.app.service.prepare('show-version device=*', consoleActor);
    if (p.kind !== 'job') throw new Error('expected a job');
    const handle = await rig.app.service.createJob(p);
    const done = streamJob(handle, surface, { clock: systemClock, minUpdateIntervalMs: 100 });
    // Cancel once some devices are done and others are in flight (an event, not a guess at timing).
    while (handle.job.results.length === 0) await new Promise((r) => setTimeout(r, 10));
    // Someone else may not cancel; the requester may.
    assert.throws(() => rig.app.service.cancel(handle.job.id, { id: 'mallory', name: 'mallory', via: 'console' }), /only alice or an approver/);
    rig.app.service.cancel(handle.job.id, consoleActor);
    const summary = await done;
    const ok = summary.results.filter((r) => r.status === 'ok').length;
    const cancelled = summary.results.filter((r) => r.status === 'cancelled');
    assert.equal(summary.state, 'cancelled');
    assert.ok(ok > 0 && ok < 20, `${ok} finished before the cancel`);
    assert.equal(ok + cancelled.length, 20);
    assert.ok(cancelled.some((r) => /before it started/.test(r.error!.reason)));
    assert.ok(cancelled.some((r) => /while running/.test(r.error!.reason)), 'devices in flight were stopped');
    const last = surface.updates.at(-1)!.view;
    assert.equal(last.cancelled, cancelled.length);
    assert.equal(last.failures.filter((f) => f.status === 'cancelled').length, cancelled.length);
    const records = await rig.app.audit.query({ jobId: handle.job.id });
    assert.equal(records.filter((r) => r.action === 'device.result').length, 20);
    assert.equal(records.filter((r) => r.action === 'job.cancel-requested').length, 1);
  } finally {
    await rig.close();
  }
});
