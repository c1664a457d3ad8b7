/**
 * Group commit: results streaming in (a big job) gather into fewer commits (each a write and an fsync),
 * and still land whole, in order, chained; appends awaited one after another are never held.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open } from 'node:fs/promises';
import { AuditLog } from '../../src/audit/audit-log.js';
import type { OpenForAppend } from '../../src/audit/active-file.js';
import { systemClock } from '../../src/core/clock.js';
import { createRedactor } from '../../src/core/redact.js';
import { snapshotTrail, verifyTrail } from '../../src/audit/trail.js';
import { entry, tempDir } from './audit-fixture.js';

/**
 * The real file operations, counted and timed: each positional append to the active file is a
 * commit (an open, a write and an fsync). A new file is written whole instead, once per segment.
 * `fsyncMs` makes every fsync last at least that long, as a real disk's may.
 */
function countingDisk(fsyncMs = 0) {
  const disk = { commits: 0, busyMs: 0 };
  const openFile: OpenForAppend = async (path) => {
    const started = performance.now();
    const fh = await open(path, 'r+');
    disk.commits++;
    return {
      write: fh.write.bind(fh),
      truncate: fh.truncate.bind(fh),
      datasync: async () => {
        await fh.datasync();
        if (fsyncMs > 0) await new Promise((r) => setTimeout(r, fsyncMs));
      },
      close: async () => {
        await fh.close();
        disk.busyMs += performance.now() - started;
      },
    };
  };
  return { disk, openFile };
}

test('a stream of appends lands whole, in order and chained, each acknowledged with its own record', async () => {
  const t = await tempDir();
  try {
    const { disk, openFile } = countingDisk(5);
    const log = await AuditLog.open(t.path, { clock: systemClock, redact: createRedactor([]), segment: { maxRecords: 120 }, openFile });
    const acks = [];
    // 300 results, three every millisecond or so, none awaited before the next: how a job
    // reports. Each fsync lasts 5 ms, so batches arrive while a commit is being written (a
    // stream), however fast this machine's disk is; a busy machine stretches both alike.
    const started = performance.now();
    for (let i = 0; i < 300; i++) {
      acks.push(log.append(entry(i)));
      if (i % 3 === 2) await new Promise((r) => setTimeout(r, 1));
    }
    const records = await Promise.all(acks);
    const streamMs = performance.now() - started;
    // Fewer commits: ungathered, one per fsync (5 ms) while the stream lasts; gathered, commits
    // start at most one per 25 ms (plus one per segment boundary, where a batch is split).
    assert.ok(disk.commits < 100, `${disk.commits} commits for 100 batches of three`);
    assert.ok(disk.commits <= Math.ceil(streamMs / 25) + 3, `${disk.commits} commits in ${Math.round(streamMs)} ms`);
    assert.deepEqual(
      records.map((r) => r.seq),
      Array.from({ length: 300 }, (_, i) => i + 1),
    );
    assert.deepEqual(
      records.map((r) => r.detail?.['durationMs']),
      Array.from({ length: 300 }, (_, i) => 12 + i),
    );
    const report = await verifyTrail(await snapshotTrail(t.path));
    assert.equal(report.ok, true);
    assert.equal(report.records, 300);
    assert.equal(log.sealedSegments().length, 2, '300 records in segments of 120: two sealed, 60 active');
  } finally {
    await t.cleanup();
  }
});

test('appends awaited one after another are written at once, never held to gather more', async () => {
  const t = await tempDir();
  try {
    const { disk, openFile } = countingDisk();
    const log = await AuditLog.open(t.path, { clock: systemClock, redact: createRedactor([]), openFile });
    await log.append(entry(0)); // the new file's first write, whole: not a commit counted here
    const started = performance.now();
    for (let i = 1; i <= 30; i++) await log.append(entry(i));
    const ms = performance.now() - started;
    assert.equal(disk.commits, 30, 'each awaited append is its own commit');
    // The time outside the disk is what a hold would add: 30 x about 25 ms = 750 ms. Unheld it is
    // the CPU of 30 appends, a few ms on an idle machine; the bound leaves a loaded one 10x room
    // and does not depend on how slow the disk's fsync is.
    const heldMs = ms - disk.busyMs;
    assert.ok(heldMs < 300, `30 awaited appends spent ${Math.round(heldMs)} ms outside the disk (${Math.round(ms)} ms in all)`);
  } finally {
    await t.cleanup();
  }
});
