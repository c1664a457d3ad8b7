import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { open, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { AuditLog } from '../../src/audit/audit-log.js';
import type { OpenForAppend } from '../../src/audit/active-file.js';
import { createRedactor } from '../../src/core/redact.js';
import { AuditStoreError, SEGMENT_END } from '../../src/audit/segments.js';
import { snapshotTrail, verifyTrail } from '../../src/audit/trail.js';
import { appendMany, entry, manualClock, openLog, tempDir, tornTrail } from './audit-fixture.js';

const verifyOnDisk = async (path: string) => verifyTrail(await snapshotTrail(path));

test('an append writes only its own records, in place, also after a restart: the bytes already on disk stay as they were', async () => {
  const t = await tempDir();
  try {
    const clock = manualClock();
    const log = await openLog(t.path, clock);
    await appendMany(log, clock, 50);
    const before = await readFile(t.path, 'utf8');
    const inode = (await stat(t.path)).ino;
    // After a restart too: the file read back is recognised as ours and appended to in place.
    const reopened = await openLog(t.path, clock);
    await Promise.all([reopened.append(entry(50)), reopened.append(entry(51))]);
    const after = await readFile(t.path, 'utf8');
    // Same file (not a temp file renamed over it), the old records a prefix, then the new ones.
    assert.equal((await stat(t.path)).ino, inode);
    assert.ok(after.startsWith(before.slice(0, -SEGMENT_END.length)), 'the records already written were rewritten');
    assert.ok(after.endsWith(SEGMENT_END));
    assert.deepEqual(
      JSON.parse(after)
        .records.map((r: { seq: number }) => r.seq)
        .slice(-3),
      [50, 51, 52],
    );
    assert.deepEqual(await verifyOnDisk(t.path), { ok: true, records: 52, files: 1 });
  } finally {
    await t.cleanup();
  }
});

test('a torn last write is cut off on open: whole records kept, the file as found copied aside, the mend recorded', async () => {
  const t = await tempDir();
  try {
    const { torn, tail } = await tornTrail(t.path, 7, 40);
    assert.throws(() => JSON.parse(torn.toString()), 'the torn file must not parse');
    const log = await openLog(t.path, manualClock(Date.parse('2026-02-01T00:00:00Z')));
    assert.equal(log.mended?.records, 7);
    assert.equal(log.mended?.droppedBytes, torn.length - tail);
    assert.deepEqual(await readFile(log.mended!.keptCopy), torn);
    // The mend and its record went down in one write: the file holds both or neither.
    const mended = (await log.query({ action: 'audit.mended' }))[0];
    assert.equal(mended?.seq, 8);
    assert.equal(mended?.actor.via, 'system');
    assert.deepEqual(await verifyOnDisk(t.path), { ok: true, records: 8, files: 1 });
    assert.equal((await log.append(entry(99))).seq, 9);
    assert.deepEqual(await verifyOnDisk(t.path), { ok: true, records: 9, files: 1 });
  } finally {
    await t.cleanup();
  }
});

test('a torn file that is also full is put down whole before it is sealed: the sealed segment parses, the mend is recorded after it', async () => {
  const t = await tempDir();
  try {
    await tornTrail(t.path, 3, 40);
    const log = await openLog(t.path, manualClock(Date.parse('2026-02-01T00:00:00Z')), { maxRecords: 3 });
    assert.equal(log.sealedSegments().length, 1);
    const sealed = JSON.parse(await readFile(log.sealedSegments()[0]!, 'utf8')) as { records: { seq: number }[] };
    assert.deepEqual(
      sealed.records.map((r) => r.seq),
      [1, 2, 3],
    );
    assert.deepEqual(
      log.records().map((r) => [r.seq, r.action]),
      [[4, 'audit.mended']],
    );
    assert.deepEqual(await verifyOnDisk(t.path), { ok: true, records: 4, files: 2 });
  } finally {
    await t.cleanup();
  }
});

test('every way an append can tear is mended with all whole records: 1 to 4 bytes in (over the old closing), and inside a multi-byte character', async () => {
  const last = entry(3, { detail: { note: 'Zürich → Genève' } });
  const probe = JSON.stringify(last.detail);
  const cuts = [1, 2, 3, 4, 5];
  {
    // Where the arrow's three bytes are in the append, found from a trail that is not torn.
    const t = await tempDir();
    const { intact } = await tornTrail(t.path, 3, 0, last);
    const full = Buffer.concat([intact.subarray(0, intact.length - 4), Buffer.from(`,\n${probe}`)]);
    cuts.push(full.indexOf(Buffer.from('→')) - (intact.length - 4) + 1);
    await t.cleanup();
  }
  for (const cut of cuts) {
    const t = await tempDir();
    try {
      const { torn, tail } = await tornTrail(t.path, 3, cut, last);
      const log = await openLog(t.path, manualClock(Date.parse('2026-02-01T00:00:00Z')));
      assert.equal(log.mended?.records, 3, `cut ${cut}`);
      assert.equal(log.mended?.droppedBytes, torn.length - tail, `cut ${cut}`);
      assert.deepEqual(await readFile(log.mended!.keptCopy), torn, `cut ${cut}: the copy is the file as found, byte for byte`);
      assert.deepEqual(await verifyOnDisk(t.path), { ok: true, records: 4, files: 1 }, `cut ${cut}`);
    } finally {
      await t.cleanup();
    }
  }
});

const REFUSED: [string, (intact: string) => string][] = [
  ['a garbled record with whole records after it', (s) => s.replace('"outcome":"ok"', '"outcome":"ok').replace(/\n]}\n$/, '')],
  ['a last line that is JSON but not a record', (s) => `${s.slice(0, -SEGMENT_END.length)},\n{"note":"not a record"}`],
  [
    'a last record that does not follow the one before',
    (s) => {
      const lines = s.split('\n');
      return [...lines.slice(0, 4), lines.at(-3)!].join('\n');
    },
  ],
  // An append writes its closing last: a file that still ends with one was not torn by an append.
  ['a garbled last record in a file that is still closed', (s) => s.replace(/"hash":"([0-9a-f]+)"}\n]}\n$/, '"hash":"$1\n]}\n')],
];
for (const [what, damage] of REFUSED) {
  test(`not a torn write, so not mended: ${what} is refused and the file left as it is`, async () => {
    const t = await tempDir();
    try {
      const { intact } = await tornTrail(t.path, 5, 0);
      const damaged = damage(intact.toString('utf8'));
      assert.notEqual(damaged, intact.toString('utf8'));
      await writeFile(t.path, damaged);
      await assert.rejects(openLog(t.path, manualClock()), (e: unknown) => e instanceof AuditStoreError && e.code === 'malformed');
      assert.equal(await readFile(t.path, 'utf8'), damaged);
      assert.deepEqual((await readdir(t.dir)).sort(), ['audit.json']);
    } finally {
      await t.cleanup();
    }
  });
}

/** Real file operations with faults injected: the first `short` writes stop halfway, the next `failing` writes and `failingSyncs` fsyncs throw. */
function faultyDisk(plan: { short?: number; failing?: number; failingSyncs?: number }): OpenForAppend {
  const left = { short: plan.short ?? 0, failing: plan.failing ?? 0, syncs: plan.failingSyncs ?? 0 };
  return async (path) => {
    const fh = await open(path, 'r+');
    const handle = {
      write: async (buf: Buffer, offset: number, length: number, position: number) => {
        if (left.short > 0 && left.short--) {
          const half = Math.floor(length / 2);
          await fh.write(buf, offset, half, position);
          return { bytesWritten: half, buffer: buf };
        }
        if (left.failing > 0 && left.failing--)
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        return fh.write(buf, offset, length, position);
      },
      truncate: (len: number) => fh.truncate(len),
      datasync: async () => {
        if (left.syncs > 0 && left.syncs--) throw Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
        return fh.datasync();
      },
      close: () => fh.close(),
    };
    return handle as unknown as Awaited<ReturnType<OpenForAppend>>;
  };
}

test('a short write or a failed fsync is not acknowledged, the file is put back, and the chain goes on from the last record on disk', async () => {
  for (const plan of [{ short: 1 }, { failingSyncs: 1 }]) {
    const t = await tempDir();
    try {
      const clock = manualClock();
      const log = await AuditLog.open(t.path, { clock, redact: createRedactor([]), openFile: faultyDisk(plan) });
      await log.append(entry(0));
      await appendMany(log, clock, 2, 1); // the first positional append is the faulty one
    } catch (err) {
      assert.match(String(err), /short write|EIO/, JSON.stringify(plan));
      // On disk: valid JSON holding only the acknowledged record, not the rejected one.
      assert.deepEqual(await verifyOnDisk(t.path), { ok: true, records: 1, files: 1 }, JSON.stringify(plan));
      const again = await AuditLog.open(t.path, { clock: manualClock(), redact: createRedactor([]) });
      assert.equal((await again.append(entry(5))).seq, 2);
      assert.deepEqual(await verifyOnDisk(t.path), { ok: true, records: 2, files: 1 });
      continue;
    } finally {
      await t.cleanup();
    }
    assert.fail(`no fault surfaced for ${JSON.stringify(plan)}`);
  }
});

test('a failed write whose clean-up failed too: the next write cuts what it left, and so does a seal, so no segment keeps it', async () => {
  const t = await tempDir();
  try {
    const clock = manualClock();
    // Half a write gets through, then putting the closing back fails as well (a full disk).
    const log = await AuditLog.open(t.path, {
      clock,
      redact: createRedactor([]),
      openFile: faultyDisk({ short: 1, failing: 1 }),
      segment: { maxAgeMs: 3_600_000 },
    });
    await log.append(entry(0)); // a new file: written whole
    await assert.rejects(log.append(entry(1)), /short write/); // the first append in place
    assert.throws(() => JSON.parse(readFileSync(t.path, 'utf8')), 'the half write is still in the file');
    // The next append finds the file too old and seals it first: the seal must cut the half write.
    clock.advance(2 * 3_600_000);
    assert.equal((await log.append(entry(2))).seq, 2);
    assert.equal(log.sealedSegments().length, 1);
    const sealed = JSON.parse(await readFile(log.sealedSegments()[0]!, 'utf8')) as { records: { seq: number }[] };
    assert.deepEqual(
      sealed.records.map((r) => r.seq),
      [1],
    );
    assert.deepEqual(await verifyOnDisk(t.path), { ok: true, records: 2, files: 2 });
  } finally {
    await t.cleanup();
  }
});
