/**
 * Group commit: results streaming in (a big job) gather into fewer commits (each a write and an fsync),
 * and still land whole, in order, chained; appends awaited one after another are never held.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { systemClock } from '../../src/core/clock.js';
import { snapshotTrail, verifyTrail } from '../../src/audit/trail.js';
import { entry, openLog, tempDir } from './audit-fixture.js';

test('a stream of appends lands whole, in order and chained, each acknowledged with its own record', async () => {
  const t = await tempDir();
  try {
    const log = await openLog(t.path, systemClock, { maxRecords: 120 });
    const acks = [];
    // 300 results, one every millisecond or so, none awaited before the next: how a job reports.
    for (let i = 0; i < 300; i++) {
      acks.push(log.append(entry(i)));
      if (i % 3 === 0) await new Promise((r) => setTimeout(r, 1));
    }
    const records = await Promise.all(acks);
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
    const log = await openLog(t.path, systemClock);
    const started = performance.now();
    for (let i = 0; i < 30; i++) await log.append(entry(i));
    const ms = performance.now() - started;
    // Holding each for the 25 ms a stream gathers would take 700 ms or more.
    assert.ok(ms < 450, `30 awaited appends took ${Math.round(ms)} ms`);
  } finally {
    await t.cleanup();
  }
});
