import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AuditStoreError, SEGMENT_END } from '../../src/audit/segments.js';
import { snapshotTrail, verifyTrail } from '../../src/audit/trail.js';
import { appendMany, entry, manualClock, openLog, tempDir, tornTrail } from './audit-fixture.js';

const CLOSING = SEGMENT_END;
const verifyOnDisk = async (path: string) => verifyTrail(await snapshotTrail(path));

test('an append writes only its own records, in place: the bytes already on disk stay as they were', async () => {
  const t = await tempDir();
  try {
    const clock = manualClock();
    const log = await openLog(t.path, clock);
    await appendMany(log, clock, 50);
    const before = await readFile(t.path, 'utf8');
    const inode = (await stat(t.path)).ino;
    await Promise.all([log.append(entry(50)), log.append(entry(51))]);
    const after = await readFile(t.path, 'utf8');
    // Same file (not a temp file renamed over it), the old records a prefix, then the new ones.
    assert.equal((await stat(t.path)).ino, inode);
    assert.ok(after.startsWith(before.slice(0, -CLOSING.length)), 'the records already written were rewritten');
    assert.ok(after.endsWith(CLOSING));
    assert.deepEqual(JSON.parse(after).records.map((r: { seq: number }) => r.seq).slice(-3), [50, 51, 52]);
    assert.deepEqual(await verifyOnDisk(t.path), { ok: true, records: 52, files: 1 });
  } finally {
    await t.cleanup();
  }
});

test('a torn last write is cut off on open: whole records kept, the file as found copied aside, the trail verifies and goes on', async () => {
  const t = await tempDir();
  try {
    const { torn } = await tornTrail(t.path, 7, 40);
    assert.throws(() => JSON.parse(torn), 'the torn file must not parse');
    const clock = manualClock(Date.parse('2026-02-01T00:00:00Z'));
    const log = await openLog(t.path, clock);
    assert.equal(log.mended?.records, 7);
    assert.equal(log.mended?.droppedBytes, 40 - 1);
    assert.equal(await readFile(log.mended!.keptCopy, 'utf8'), torn);
    assert.deepEqual(await verifyOnDisk(t.path), { ok: true, records: 7, files: 1 });
    const next = await log.append(entry(99));
    assert.equal(next.seq, 8);
    assert.deepEqual(await verifyOnDisk(t.path), { ok: true, records: 8, files: 1 });
  } finally {
    await t.cleanup();
  }
});

test('a write torn just after its separating comma, or one that lost only the closing, is mended too', async () => {
  for (const cut of [1, 2]) {
    const t = await tempDir();
    try {
      await tornTrail(t.path, 3, cut);
      const log = await openLog(t.path, manualClock());
      assert.equal(log.mended?.records, 3, `cut ${cut}`);
      assert.equal((await log.append(entry(9))).seq, 4);
    } finally {
      await t.cleanup();
    }
  }
});

const REFUSED: [string, (intact: string) => string][] = [
  ['a garbled record with whole records after it', (s) => s.replace('"outcome":"ok"', '"outcome":"ok').replace(/\n]}\n$/, '')],
  ['a last line that is JSON but not a record', (s) => `${s.slice(0, -CLOSING.length)},\n{"note":"not a record"}`],
  ['a last record that does not follow the one before', (s) => {
    const lines = s.split('\n');
    return [...lines.slice(0, 4), lines.at(-3)!].join('\n');
  }],
];
for (const [what, damage] of REFUSED) {
  test(`not a torn write, so not mended: ${what} is refused and the file left as it is`, async () => {
    const t = await tempDir();
    try {
      const { intact } = await tornTrail(t.path, 5, 0);
      const damaged = damage(intact);
      await writeFile(t.path, damaged);
      await assert.rejects(openLog(t.path, manualClock()), (e: unknown) => e instanceof AuditStoreError && e.code === 'malformed');
      assert.equal(await readFile(t.path, 'utf8'), damaged);
      assert.deepEqual((await readdir(t.dir)).sort(), ['audit.json']);
    } finally {
      await t.cleanup();
    }
  });
}

test('a write that fails is not acknowledged, and the next one carries the chain on from the last record on disk', async () => {
  const t = await tempDir();
  try {
    const clock = manualClock();
    const log = await openLog(t.path, clock);
    await appendMany(log, clock, 3);
    // A directory where the file was: the positional write cannot open it.
    await rename(t.path, join(t.dir, 'aside.json'));
    await mkdir(t.path);
    await assert.rejects(log.append(entry(3)), /EISDIR/);
    await rm(t.path, { recursive: true });
    await rename(join(t.dir, 'aside.json'), t.path);
    assert.equal((await log.append(entry(4))).seq, 4);
    assert.deepEqual(await verifyOnDisk(t.path), { ok: true, records: 4, files: 1 });
  } finally {
    await t.cleanup();
  }
});
