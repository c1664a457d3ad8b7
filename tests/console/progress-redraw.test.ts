/**
 * The progress line redraws as devices answer, spaced but never dropped: a burst of
 * answers inside one spacing interval is drawn once the interval allows, so the line
 * never stalls on an old count (the issue's `3/6 ... pending 3` left on screen for 30 s).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { JobBoard } from '../../src/console/job-board.js';
import { LiveScreen } from '../../src/console/live-screen.js';
import type { JobSummary } from '../../src/core/types.js';
import type { DeviceResult } from '../../src/core/types.js';

function fakeJob(total: number): JobSummary {
  return {
    id: 'J-1',
    commandLine: '/net show-version site=east',
    actor: { id: 'alice', name: 'alice', via: 'console' },
    targets: Array.from({ length: total }, (_, i) => `d${i}`),
    state: 'running',
    startedAt: 0,
    results: [],
  } as unknown as JobSummary;
}

const answered = (job: JobSummary, status: DeviceResult['status']) =>
  job.results.push({ device: `d${job.results.length}`, status, durationMs: 5 } as DeviceResult);

const until = async (ok: () => boolean) => {
  const deadline = Date.now() + 30_000;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

test('a burst of answers within one interval is drawn after it, not dropped', async () => {
  const drawn: string[] = [];
  const out = new PassThrough();
  const board = new JobBoard(new LiveScreen(out, false), { clock: { now: () => 100 }, everyMs: 1500, onRedraw: (t) => drawn.push(t) });
  const job = fakeJob(6);
  board.add({ job, columns: [], cancel: () => undefined });
  assert.equal(drawn.length, 1, 'drawn when the job starts');
  assert.match(drawn[0]!, /0\/6/);
  // Five devices answer at once: the first asks for a redraw inside the interval, the rest join it.
  for (const s of ['ok', 'ok', 'failed', 'ok', 'ok'] as const) {
    answered(job, s);
    board.changed();
  }
  await until(() => drawn.length === 2);
  assert.match(drawn[1]!, /5\/6\s+ok 4\s+failed 1\s+pending 1/);
  // Nothing more happens: no further redraw without a change (piped output has no ticker).
  await new Promise((r) => setTimeout(r, 400));
  assert.equal(drawn.length, 2);
  answered(job, 'ok');
  board.changed();
  await until(() => drawn.length === 3);
  assert.match(drawn[2]!, /6\/6\s+ok 5\s+failed 1\s+pending 0/);
  board.remove('J-1');
  assert.equal(board.jobs().length, 0);
});

test('several jobs share one status line, oldest first; the newest is the one Ctrl-C cancels', () => {
  const drawn: string[] = [];
  const board = new JobBoard(new LiveScreen(new PassThrough(), false), { clock: { now: () => 0 }, onRedraw: (t) => drawn.push(t) });
  const a = fakeJob(2);
  const b = { ...fakeJob(3), id: 'J-2' } as JobSummary;
  board.add({ job: a, columns: [], cancel: () => undefined });
  board.add({ job: b, columns: [], cancel: () => undefined });
  assert.match(drawn.at(-1)!, /^J-1 0\/2 ok 0 failed 0 0 ms {2}· {2}J-2 0\/3 ok 0 failed 0 0 ms$/);
  assert.equal(board.newest()?.job.id, 'J-2');
  board.remove('J-2');
  assert.equal(board.newest()?.job.id, 'J-1');
});
