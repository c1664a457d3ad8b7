import { test } from 'node:test';
import assert from 'node:assert/strict';
import { labSpecs, startRig, consoleActor } from '../support/test-lab.js';
import { RecordingSurface } from '../support/recording-surface.js';
import { streamJob } from '../../src/core/job-stream.js';
import { systemClock } from '../../src/core/clock.js';
import { type JobScript, scriptedJob } from '../support/scripted-job.js';
import { VirtualClock } from '../support/virtual-clock.js';

test('job streaming: one message, edits paced by the interval, never overlapping, final summary always sent', async () => {
  // Latencies spread the 40 devices' finishing times over about two seconds.
  const rig = await startRig(
    labSpecs(40, (i) => ({ latencyMs: 10 + (i % 10) * 40 })),
    { env: { NETOPS_CONCURRENCY: '8' } },
  );
  try {
    const surface = new RecordingSurface(30);
    const p = await rig.app.service.prepare('show-version device=* --confirm', consoleActor);
    if (p.kind !== 'job') throw new Error('expected a job');
    const handle = await rig.app.service.createJob(p);
    const t0 = Date.now();
    const summary = await streamJob(handle, surface, { clock: systemClock, minUpdateIntervalMs: 250 });
    const seconds = (Date.now() - t0) / 1000;

    assert.equal(surface.posts.length, 1);
    assert.equal(surface.posts[0]!.view.pending, 40);
    assert.equal(surface.overlapped, false, 'two edits of one message were in flight at once');
    const gaps = surface.updates.slice(1).map((u, i) => u.at - surface.updates[i]!.at);
    assert.ok(
      gaps.every((g) => g >= 240),
      `edits closer than the interval: ${gaps.join(',')}`,
    );
    assert.ok(surface.updates.length <= seconds / 0.25 + 3, `${surface.updates.length} edits in ${seconds} s`);
    assert.ok(surface.updates.length >= 3, 'progress was streamed, not only the summary');
    const last = surface.updates.at(-1)!.view;
    assert.equal(last.finished, true);
    assert.equal(last.ok, 40);
    assert.equal(last.rows.length, 40);
    assert.equal(summary.state, 'succeeded');
    // The progress edits in between show counts that only grow.
    const done = surface.updates.map((u) => u.view.total - u.view.pending);
    assert.deepEqual(
      done,
      [...done].sort((a, b) => a - b),
    );
  } finally {
    await rig.close();
  }
});

test('cancel mid-job: no new device starts, in-flight devices stop, the summary says which were cancelled', async () => {
  // About 2 s of job (40 devices of 200 ms, four at a time), so the cancel at the first result
  // meets devices done, running and waiting even when this process is slow to notice.
  const rig = await startRig(
    labSpecs(40, () => ({ latencyMs: 200 })),
    { env: { NETOPS_CONCURRENCY: '4' } },
  );
  try {
    const surface = new RecordingSurface();
    const p = await rig.app.service.prepare('show-version device=* --confirm', consoleActor);
    if (p.kind !== 'job') throw new Error('expected a job');
    const handle = await rig.app.service.createJob(p);
    const done = streamJob(handle, surface, { clock: systemClock, minUpdateIntervalMs: 100 });
    // Cancel once some devices are done and others are in flight (an event, not a guess at timing).
    while (handle.job.results.length === 0) await new Promise((r) => setTimeout(r, 10));
    // Someone else may not cancel; the requester may.
    assert.throws(
      () => rig.app.service.cancel(handle.job.id, { id: 'mallory', name: 'mallory', via: 'console' }),
      /only alice or an approver/,
    );
    rig.app.service.cancel(handle.job.id, consoleActor);
    const summary = await done;
    const ok = summary.results.filter((r) => r.status === 'ok').length;
    const cancelled = summary.results.filter((r) => r.status === 'cancelled');
    assert.equal(summary.state, 'cancelled');
    assert.ok(ok > 0 && ok < 40, `${ok} finished before the cancel`);
    assert.equal(ok + cancelled.length, 40);
    assert.ok(cancelled.some((r) => /before it started/.test(r.error!.reason)));
    assert.ok(
      cancelled.some((r) => /while running/.test(r.error!.reason)),
      'devices in flight were stopped',
    );
    const last = surface.updates.at(-1)!.view;
    assert.equal(last.cancelled, cancelled.length);
    assert.equal(last.failures.filter((f) => f.status === 'cancelled').length, cancelled.length);
    const records = await rig.app.audit.query({ jobId: handle.job.id });
    assert.equal(records.filter((r) => r.action === 'device.result').length, 40);
    assert.equal(records.filter((r) => r.action === 'job.cancel-requested').length, 1);
  } finally {
    await rig.close();
  }
});

interface Pacing {
  /** How long the surface takes to answer each edit (Slack's round trip). */
  latencyMs: number;
  intervalMs: number;
  settleMs?: number;
}

/**
 * Streams a scripted job on a virtual clock and returns the edits' times in that clock (ms from
 * the start), after the checks every case shares: edits never overlap, each starts at least one
 * interval after the previous one was answered, and the summary comes once, last.
 */
async function streamScripted(script: JobScript, p: Pacing) {
  const clock = new VirtualClock();
  const surface = new RecordingSurface(p.latencyMs, clock);
  const settle = p.settleMs === undefined ? {} : { settleMs: p.settleMs };
  await clock.run(
    streamJob(scriptedJob(clock, script), surface, { clock, timers: clock.streamTimers, minUpdateIntervalMs: p.intervalMs, ...settle }),
  );
  const edits = surface.updates.map((u) => ({ at: u.at, finished: u.view.finished }));
  assert.equal(surface.overlapped, false, 'two edits of one message were in flight at once');
  for (const [i, e] of edits.entries()) {
    const before = edits[i - 1];
    if (before) assert.ok(e.at >= before.at + p.latencyMs + p.intervalMs, `edit at ${e.at} ms, too soon after the one at ${before.at} ms`);
  }
  assert.deepEqual(
    edits.map((e) => e.finished),
    [...edits.slice(0, -1).map(() => false), true],
    'progress edits, then one summary',
  );
  return { progress: edits.slice(0, -1).map((e) => e.at), summaryAt: edits.at(-1)!.at, surface };
}

test('a progress edit given up because the job ended does not hold the summary back an interval', async () => {
  // Slack answers each edit in 150 ms; edits are 300 ms apart. A device finishes at 0 ms (edit 1,
  // answered at 150) and at 50 ms (edit 2 falls due at 300, then waits for 150 + 300 = 450); the
  // job ends at 350, while edit 2 waits, so edit 2 is given up and the summary goes at 450. Had
  // the given-up edit taken the turn, the summary would wait until 450 + 150 + 300 = 900.
  const { progress, summaryAt } = await streamScripted(
    { at: [0, 50], endsAt: 350, resolvesAt: 350, attachOutput: false },
    { latencyMs: 150, intervalMs: 300, settleMs: 0 },
  );
  assert.deepEqual(progress, [0], 'the first progress edit only');
  assert.equal(summaryAt, 0 + 150 + 300, 'the summary goes as soon as the pace allows after the first edit');
});

test('a job that has ended but is still recording its results gets one summary and one file, not two', async () => {
  // Edit 1 at 0 ms (answered at 150); edit 2 falls due at 300 and may go at 450. The job ends at
  // 200 ms but its start() resolves only at 550 (the audit trail taking its results): edit 2 is
  // given up, and the summary goes when start() resolves.
  const { progress, summaryAt, surface } = await streamScripted(
    { at: [0, 50], endsAt: 200, resolvesAt: 550, attachOutput: true },
    { latencyMs: 150, intervalMs: 300, settleMs: 0 },
  );
  assert.deepEqual(progress, [0], 'one progress edit, then the summary');
  assert.equal(summaryAt, 550);
  assert.equal(surface.attachments.length, 1, 'the results file is attached once');
});

test('devices finishing in a burst that ends the job: no progress edit, the summary at once', async () => {
  // Three devices within 100 ms, the job's end at 120 ms: drawing progress at 0 ms would have made
  // the summary wait until 0 + 20 + 1000; with the default 300 ms settle the summary is the only edit.
  const { progress, summaryAt } = await streamScripted(
    { at: [0, 50, 100], endsAt: 120, resolvesAt: 130, attachOutput: false },
    { latencyMs: 20, intervalMs: 1000 },
  );
  assert.deepEqual(progress, [], 'the summary is the only edit');
  assert.equal(summaryAt, 130, 'the summary goes when start() resolves');
});

test('a job about to end holds its last progress edit, so the summary follows the end at once', async () => {
  // Twenty devices of 250 ms each, starting every 50 ms (the last at 950, done at 1200); Slack
  // answers in 100 ms and the interval counts from the answer. Edits go at 250 (answered 350) and
  // 650 (answered 750). The next, due at 1050, finds every device started and the last due at
  // 950 + 250 = 1200, within an interval: it is held, and so is the edit a device finishing
  // meanwhile would queue. The summary goes when start() resolves (1220); unheld, a progress edit
  // at 1050 would have pushed it to 1050 + 100 + 300 = 1450.
  const startsAt = Array.from({ length: 20 }, (_, i) => i * 50);
  const { progress, summaryAt } = await streamScripted(
    { startsAt, at: startsAt.map((t) => t + 250), endsAt: 1210, resolvesAt: 1220, attachOutput: false },
    { latencyMs: 100, intervalMs: 300, settleMs: 0 },
  );
  assert.deepEqual(progress, [250, 650], 'progress was streamed, and nothing after the last device started');
  assert.equal(summaryAt, 1220, 'the summary follows the end at once');
});

test('a held edit goes one interval later when the job does not end after all (a slow last device)', async () => {
  // Eleven devices of 250 ms starting every 50 ms, and a twelfth starting at 550 that takes until
  // 2000. Edit 1 goes at 250 (answered 260); a device done at 300 makes the next due at
  // 260 + 300 = 560, where every device has started and the others' pace puts the last at
  // 550 + 250 = 800: it is held, and goes one interval later, at 860, rather than wait for the
  // slow device. The slow device's own result is drawn at 2000, the summary one interval after.
  const startsAt = [...Array.from({ length: 11 }, (_, i) => i * 50), 550];
  const at = [...startsAt.slice(0, 11).map((t) => t + 250), 2000];
  const { progress, summaryAt } = await streamScripted(
    { startsAt, at, endsAt: 2010, resolvesAt: 2020, attachOutput: false },
    { latencyMs: 10, intervalMs: 300, settleMs: 0 },
  );
  assert.deepEqual(progress, [250, 560 + 300, 2000], 'the held edit went one interval after it was held');
  assert.equal(summaryAt, 2000 + 10 + 300);
});

test('a job of short devices in several waves is held too: its end is near though devices still wait', async () => {
  // Forty 100 ms devices, ten at a time (waves at 0, 100, 200, 300; the end at 400). At 100, ten
  // are done, ten run and twenty wait: three waves of 100 ms, well within the 500 ms interval, so
  // no progress edit goes and the summary comes at the end, not at 100 + 10 + 500 behind an edit at 100.
  const startsAt = Array.from({ length: 40 }, (_, i) => Math.floor(i / 10) * 100);
  const { progress, summaryAt } = await streamScripted(
    { startsAt, at: startsAt.map((t) => t + 100), endsAt: 405, resolvesAt: 410, attachOutput: false },
    { latencyMs: 10, intervalMs: 500, settleMs: 0 },
  );
  assert.deepEqual(progress, [], 'the summary is the only edit');
  assert.equal(summaryAt, 410);
});
