import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { AuditRecord } from '../../src/core/ports.js';
import { snapshotTrail, verifyTrail } from '../../src/audit/trail.js';
import { appendMany, entry, manualClock, openLog, tempDir } from './audit-fixture.js';

const seqsOf = async (file: string) => (JSON.parse(await readFile(file, 'utf8')) as { records: AuditRecord[] }).records.map((r) => r.seq);

test('rotates at a record count into dated segments named by their first record, even in the middle of a burst', async () => {
  const t = await tempDir();
  try {
    const clock = manualClock();
    const log = await openLog(t.path, clock, { maxRecords: 100 });
    // One job's burst: 250 appends in the same tick form one group commit that spans three segments.
    const acks = await Promise.all(Array.from({ length: 250 }, (_, i) => log.append(entry(i))));
    assert.deepEqual(
      acks.map((r) => r.seq),
      Array.from({ length: 250 }, (_, i) => i + 1),
    );
    assert.deepEqual(
      log.sealedSegments().map((f) => basename(f)),
      ['audit-2026-01-15-0000000001.json', 'audit-2026-01-15-0000000101.json'],
    );
    assert.deepEqual(
      await seqsOf(log.sealedSegments()[1]!),
      Array.from({ length: 100 }, (_, i) => 101 + i),
    );
    assert.equal(log.records().length, 50);
    assert.deepEqual(await verifyTrail(await snapshotTrail(t.path)), { ok: true, records: 250, files: 3 });
  } finally {
    await t.cleanup();
  }
});

test('appends never rewrite a sealed segment', async () => {
  const t = await tempDir();
  try {
    const clock = manualClock();
    const log = await openLog(t.path, clock, { maxRecords: 10 });
    await appendMany(log, clock, 12);
    const sealed = log.sealedSegments()[0]!;
    const before = { text: await readFile(sealed, 'utf8'), mtime: (await stat(sealed)).mtimeMs };
    await appendMany(log, clock, 30, 12);
    assert.equal(await readFile(sealed, 'utf8'), before.text);
    assert.equal((await stat(sealed)).mtimeMs, before.mtime);
    // The active file stays bounded by the segment size, however long the trail grows.
    assert.ok(log.records().length <= 10);
  } finally {
    await t.cleanup();
  }
});

test('rotates at a size in bytes', async () => {
  const t = await tempDir();
  try {
    const clock = manualClock();
    const log = await openLog(t.path, clock, { maxRecords: 0, maxBytes: 4_000 });
    await appendMany(log, clock, 60);
    const sizes = await Promise.all(log.sealedSegments().map(async (f) => (await stat(f)).size));
    assert.ok(sizes.length >= 3, `only ${sizes.length} segments`);
    // A segment closes at the first append past the limit: at most one record over.
    for (const s of sizes) assert.ok(s > 4_000 && s < 4_000 + 600, `segment of ${s} bytes`);
    assert.equal((await log.verify()).records, 60);
  } finally {
    await t.cleanup();
  }
});

test('rotates by age: a new dated segment once the first record is older than the limit', async () => {
  const t = await tempDir();
  try {
    const clock = manualClock(Date.parse('2026-01-15T22:00:00Z'));
    const log = await openLog(t.path, clock, { maxRecords: 0, maxAgeMs: 86_400_000 });
    await log.append(entry(0));
    clock.advance(23 * 3_600_000);
    await log.append(entry(1));
    assert.equal(log.sealedSegments().length, 0);
    clock.advance(3_600_000);
    await log.append(entry(2));
    assert.deepEqual(
      log.sealedSegments().map((f) => basename(f)),
      ['audit-2026-01-15-0000000001.json'],
    );
    assert.equal(log.records()[0]?.time, '2026-01-16T22:00:00.000Z');
    // A reopened log picks up the age of what is already in the active file.
    clock.advance(86_400_000);
    const reopened = await openLog(t.path, clock, { maxRecords: 0, maxAgeMs: 86_400_000 });
    await reopened.append(entry(3));
    assert.deepEqual(
      reopened.sealedSegments().map((f) => basename(f)),
      ['audit-2026-01-15-0000000001.json', 'audit-2026-01-16-0000000003.json'],
    );
    assert.deepEqual(await reopened.verify(), { ok: true, records: 4 });
  } finally {
    await t.cleanup();
  }
});

test('query spans segments: last, user, device glob, job, action and since', async () => {
  const t = await tempDir();
  try {
    const clock = manualClock();
    const log = await openLog(t.path, clock, { maxRecords: 7 });
    await appendMany(log, clock, 40); // a minute apart, 09:00 to 09:39; J-1 .. J-4
    assert.equal(log.sealedSegments().length, 5);
    const seqs = (rs: AuditRecord[]) => rs.map((r) => r.seq);
    assert.deepEqual(seqs(await log.query({ last: 3 })), [38, 39, 40]);
    assert.deepEqual(
      seqs(await log.query({})),
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    assert.deepEqual(
      seqs(await log.query({ jobId: 'J-1' })),
      Array.from({ length: 10 }, (_, i) => i + 1),
    );
    assert.deepEqual(seqs(await log.query({ user: 'Alice', last: 2 })), [38, 40]);
    assert.deepEqual(seqs(await log.query({ device: 'east-core-3', jobId: 'J-2' })), [14, 19]);
    assert.deepEqual(seqs(await log.query({ device: 'EAST-core-[*', last: 1 })), []);
    assert.deepEqual(seqs(await log.query({ device: 'east-core-*', last: 1 })), [40]);
    assert.deepEqual(seqs(await log.query({ action: 'device' })).length, 40);
    assert.deepEqual(seqs(await log.query({ action: 'job' })), []);
    assert.deepEqual(
      seqs(await log.query({ since: Date.parse('2026-01-15T09:30:00Z') })),
      Array.from({ length: 10 }, (_, i) => 31 + i),
    );
  } finally {
    await t.cleanup();
  }
});

test('every string is redacted before it is stored', async () => {
  const t = await tempDir();
  try {
    const log = await openLog(t.path, manualClock(), {}, ['Sup3r-Secret!']);
    await log.append(
      entry(1, { detail: { error: 'login as admin with Sup3r-Secret! failed', lines: ['snmp-server community publ1c RO'] } }),
    );
    const text = await readFile(t.path, 'utf8');
    assert.ok(!text.includes('Sup3r-Secret!') && !text.includes('publ1c'), text);
    assert.equal((await log.verify()).ok, true);
  } finally {
    await t.cleanup();
  }
});
