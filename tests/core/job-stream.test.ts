import { test } from 'node:test';
import assert from 'node:assert/strict';
import { labSpecs, startRig, consoleActor } from '../support/test-lab.js';
import { RecordingSurface } from '../support/recording-surface.js';
import { streamJob } from '../../src/core/job-stream.js';
import { systemClock } from '../../src/core/clock.js';
import type { JobSummary } from '../../src/core/types.js';

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
  const rig = await startRig(
    labSpecs(20, () => ({ latencyMs: 150 })),
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
    assert.ok(ok > 0 && ok < 20, `${ok} finished before the cancel`);
    assert.equal(ok + cancelled.length, 20);
    assert.ok(cancelled.some((r) => /before it started/.test(r.error!.reason)));
    assert.ok(
      cancelled.some((r) => /while running/.test(r.error!.reason)),
      'devices in flight were stopped',
    );
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A job driven by a timed script instead of devices, for the pacing cases that real devices
 * cannot hit on cue. `at` lists when devices finish, `endsAt` when the job ends and `resolvesAt`
 * when start() resolves (after the audit trail took the results); all in ms from the start.
 */
function scriptedJob(o: { at: number[]; endsAt: number; resolvesAt: number; attachOutput: boolean; startsAt?: number[] }) {
  const job: JobSummary = {
    id: 'J-9',
    command: 'show-version',
    commandLine: 'show-version device=*',
    actor: consoleActor,
    state: 'running',
    targets: o.at.map((_, i) => `r${i + 1}`),
    startedAt: Date.now(),
    results: [],
  };
  // Device starts (`startsAt`, as a fan-out job reports them), mixed into the timeline of finishes.
  const events = [...(o.startsAt ?? []).map((t) => ({ t, start: true, i: -1 })), ...o.at.map((t, i) => ({ t, start: false, i }))].sort(
    (a, b) => a.t - b.t || Number(b.start) - Number(a.start),
  );
  const start = async (s?: { observer?: (e: never) => void }) => {
    let now = 0;
    for (const { t, start: starts, i } of events) {
      await sleep(t - now);
      now = t;
      if (starts) {
        job.devicesStarted = (job.devicesStarted ?? 0) + 1;
        job.lastDeviceStartedAt = Date.now();
        continue;
      }
      const result = { device: `r${i + 1}`, status: 'ok' as const, durationMs: t - (o.startsAt?.[i] ?? 0) };
      job.results.push(result);
      s?.observer?.({ type: 'device-done', job, result } as never);
    }
    await sleep(o.endsAt - now);
    Object.assign(job, { state: 'succeeded', finishedAt: Date.now() });
    await sleep(o.resolvesAt - o.endsAt);
    return job;
  };
  return { job, columns: [], attachOutput: o.attachOutput, devices: [], cancel: () => undefined, start } as never;
}

test('a progress edit given up because the job ended does not hold the summary back an interval', async () => {
  // Slack answers each edit in 150 ms; edits are 300 ms apart. A device finishes at 0 ms (edit 1)
  // and at 50 ms (edit 2 falls due at 300 ms, then waits for edit 1's answer plus the interval,
  // until 450 ms); the job ends at 350 ms, while edit 2 waits. The summary is due at 450 ms.
  const surface = new RecordingSurface(150);
  const handle = scriptedJob({ at: [0, 50], endsAt: 350, resolvesAt: 350, attachOutput: false });
  await streamJob(handle, surface, { clock: systemClock, minUpdateIntervalMs: 300, settleMs: 0 });
  assert.equal(surface.updates.length, 2, 'the first progress edit and the summary');
  const first = surface.updates[0]!;
  const summary = surface.updates[1]!;
  assert.equal(summary.view.finished, true);
  const gap = summary.at - first.at;
  assert.ok(gap >= 440, `the summary kept the pace (${gap} ms after the first edit)`);
  // 600 ms would be the given-up edit taking the turn: 450 ms, plus another whole interval.
  assert.ok(gap < 650, `the summary came ${gap} ms after the first edit, not about 450`);
});

test('a job that has ended but is still recording its results gets one summary and one file, not two', async () => {
  // Edit 1 at 0 ms (answered at 150); edit 2 falls due at 300 and may go at 450. The job ends at
  // 200 ms but its start() resolves only at 550 (the audit trail taking its results).
  const surface = new RecordingSurface(150);
  const handle = scriptedJob({ at: [0, 50], endsAt: 200, resolvesAt: 550, attachOutput: true });
  await streamJob(handle, surface, { clock: systemClock, minUpdateIntervalMs: 300, settleMs: 0 });
  assert.deepEqual(
    surface.updates.map((u) => u.view.finished),
    [false, true],
    'one progress edit, then the summary',
  );
  assert.equal(surface.attachments.length, 1, 'the results file is attached once');
});

test('devices finishing in a burst that ends the job: no progress edit, the summary at once', async () => {
  // Three devices within 100 ms, the job's end at 120 ms: drawing progress at 0 ms would have made
  // the summary wait until 1000 ms; with a 300 ms settle the summary is the only edit.
  const surface = new RecordingSurface(20);
  const started = Date.now();
  const handle = scriptedJob({ at: [0, 50, 100], endsAt: 120, resolvesAt: 130, attachOutput: false });
  await streamJob(handle, surface, { clock: systemClock, minUpdateIntervalMs: 1000 });
  assert.deepEqual(
    surface.updates.map((u) => u.view.finished),
    [true],
    'the summary is the only edit',
  );
  const after = surface.updates[0]!.at - started;
  assert.ok(after < 600, `the summary came ${after} ms after the start, not after a 1 s pause`);
});

test('a job about to end holds its last progress edit, so the summary follows the end at once', async () => {
  // Twenty devices of 250 ms each, starting every 50 ms (the last at 950, done at 1200); Slack
  // answers in 100 ms and the interval counts from the answer. Edits go at 250 and 650; the next,
  // due at 1050, finds every device started and the last due at 1200, so it is held, and so is
  // the edit queued behind it by a device finishing meanwhile: the summary goes at the end
  // instead of at about 1450.
  const surface = new RecordingSurface(100);
  const started = Date.now();
  const startsAt = Array.from({ length: 20 }, (_, i) => i * 50);
  const handle = scriptedJob({ startsAt, at: startsAt.map((t) => t + 250), endsAt: 1210, resolvesAt: 1220, attachOutput: false });
  await streamJob(handle, surface, { clock: systemClock, minUpdateIntervalMs: 300, settleMs: 0 });
  const summary = surface.updates.at(-1)!;
  assert.equal(summary.view.finished, true);
  assert.ok(summary.at - started < 1400, `the summary came ${summary.at - started} ms after the start, not at the end (about 1210)`);
  assert.ok(surface.updates.length >= 3, 'progress was still streamed before the end');
});

test('a held edit goes one interval later when the job does not end after all (a slow last device)', async () => {
  // Eleven devices of 250 ms starting every 50 ms, and a twelfth starting at 550 that takes until
  // 2000. Edits go at 250; the one due at 550 is held (all started, the last due at 800 by the
  // others' pace) and must go one interval later, about 850, not wait for the slow device.
  // Unheld: 250, 550, 850.
  const surface = new RecordingSurface(10);
  const started = Date.now();
  const startsAt = [...Array.from({ length: 11 }, (_, i) => i * 50), 550];
  const at = [...startsAt.slice(0, 11).map((t) => t + 250), 2000];
  const handle = scriptedJob({ startsAt, at, endsAt: 2010, resolvesAt: 2020, attachOutput: false });
  await streamJob(handle, surface, { clock: systemClock, minUpdateIntervalMs: 300, settleMs: 0 });
  const early = surface.updates.filter((u) => u.at - started < 1500).map((u) => u.at - started);
  assert.equal(early.length, 2, `progress edits before 1500 ms: ${early.join(',')}`);
  assert.ok(early[1]! > 750 && early[1]! < 1200, `the held edit went at ${early[1]} ms, not about 850`);
  assert.equal(surface.updates.at(-1)!.view.finished, true);
});

test('a job of short devices in several waves is held too: its end is near though devices still wait', async () => {
  // Forty 100 ms devices, ten at a time (waves at 0, 100, 200, 300; the end at 400). At 100, ten
  // are done, ten run and twenty wait: three waves of 100 ms, well within the 500 ms interval, so
  // no progress edit goes and the summary comes at the end, not at 600 behind an edit at 100.
  const surface = new RecordingSurface(10);
  const started = Date.now();
  const startsAt = Array.from({ length: 40 }, (_, i) => Math.floor(i / 10) * 100);
  const handle = scriptedJob({ startsAt, at: startsAt.map((t) => t + 100), endsAt: 405, resolvesAt: 410, attachOutput: false });
  await streamJob(handle, surface, { clock: systemClock, minUpdateIntervalMs: 500, settleMs: 0 });
  assert.deepEqual(
    surface.updates.map((u) => u.view.finished),
    [true],
    'the summary is the only edit',
  );
  assert.ok(
    surface.updates[0]!.at - started < 550,
    `the summary came ${surface.updates[0]!.at - started} ms after the start, not at the end (about 410)`,
  );
});
