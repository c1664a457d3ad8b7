import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { AuditRecord } from '../../src/core/ports.js';
import { serialiseSegment } from '../../src/audit/segments.js';
import { hashRecord } from '../../src/audit/hash-chain.js';
import { snapshotTrail, verifyTrail } from '../../src/audit/trail.js';
import { appendMany, manualClock, openLog, tempDir } from './audit-fixture.js';

async function edit(file: string, change: (records: AuditRecord[]) => AuditRecord[]): Promise<void> {
  const { records } = JSON.parse(await readFile(file, 'utf8')) as { records: AuditRecord[] };
  await writeFile(file, serialiseSegment(change(records)));
}

/** A trail of 25 records in segments of 10: two sealed segments and an active file of 5. */
async function trail() {
  const t = await tempDir();
  const clock = manualClock();
  const log = await openLog(t.path, clock, { maxRecords: 10 });
  await appendMany(log, clock, 25);
  const [first, second] = log.sealedSegments() as [string, string];
  return { ...t, log, first, second };
}

const verifyOnDisk = async (path: string) => verifyTrail(await snapshotTrail(path));

type Case = [string, (t: Awaited<ReturnType<typeof trail>>) => Promise<void>, number, RegExp, 'first' | 'second' | 'active'];
const TAMPERING: Case[] = [
  [
    'an altered record',
    (t) =>
      edit(t.second, (rs) => {
        rs[3]!.outcome = 'failed';
        return rs;
      }),
    14,
    /record 14 was altered/,
    'second',
  ],
  [
    'an altered actor in the active file',
    (t) =>
      edit(t.path, (rs) => {
        rs[0]!.actor.name = 'mallory';
        return rs;
      }),
    21,
    /record 21 was altered/,
    'active',
  ],
  ['a deleted record', (t) => edit(t.first, (rs) => rs.filter((r) => r.seq !== 5)), 6, /record 5 is missing/, 'first'],
  ['two reordered records', (t) => edit(t.path, (rs) => [rs[1]!, rs[0]!, ...rs.slice(2)]), 22, /record 22 is out of order/, 'active'],
  [
    'the last record of a sealed segment deleted (boundary)',
    (t) => edit(t.first, (rs) => rs.slice(0, -1)),
    11,
    /record 10 is missing/,
    'second',
  ],
  [
    'the first record of the active file deleted (boundary)',
    (t) => edit(t.path, (rs) => rs.slice(1)),
    22,
    /record 21 is missing/,
    'active',
  ],
  ['a whole sealed segment deleted', (t) => rm(t.second), 21, /records 11 to 20 are missing/, 'active'],
  [
    'a record moved across the boundary',
    (t) => edit(t.second, (rs) => [...rs, { ...rs[0]!, seq: 21 }]),
    21,
    /record 21 does not follow|record 21 was altered/,
    'second',
  ],
  [
    'a forged record with a valid hash of its own',
    (t) =>
      edit(t.second, (rs) => {
        const { hash: _h, ...body } = { ...rs[0]!, outcome: 'failed' };
        rs[0] = { ...body, hash: hashRecord(body) };
        return rs;
      }),
    12,
    /record 12 does not follow record 11/,
    'second',
  ],
  [
    'an edited seq',
    (t) =>
      edit(t.first, (rs) => {
        rs[7]!.seq = 80;
        return rs;
      }),
    80,
    /record 8 was altered \(it now says seq 80\)/,
    'first',
  ],
];

for (const [name, tamper, seq, problem, where] of TAMPERING) {
  test(`verify finds ${name}`, async () => {
    const t = await trail();
    try {
      assert.deepEqual(await verifyOnDisk(t.path), { ok: true, records: 25, files: 3 });
      await tamper(t);
      const report = await verifyOnDisk(t.path);
      assert.equal(report.ok, false);
      assert.equal(report.problem?.seq, seq);
      assert.match(report.problem!.problem, problem);
      const file = { first: t.first, second: t.second, active: t.path }[where];
      assert.equal(report.problem?.where, basename(file));
      // The running bot's verify reads the disk too, not its memory.
      const live = await t.log.verify();
      assert.equal(live.ok, false);
      assert.equal(live.problem?.seq, seq);
    } finally {
      await t.cleanup();
    }
  });
}

test('a segment that is not JSON is reported by name, and the writer refuses to open over a corrupt active file', async () => {
  const t = await trail();
  try {
    await writeFile(t.first, '{"records":[{"seq":1');
    const report = await verifyOnDisk(t.path);
    assert.equal(report.ok, false);
    assert.equal(report.problem?.seq, 1);
    assert.match(report.problem!.problem, /is not valid JSON/);
    await writeFile(t.path, 'garbage');
    await assert.rejects(openLog(t.path, manualClock()), /audit\.json: is not valid JSON/);
  } finally {
    await t.cleanup();
  }
});

test('an intact trail verifies in the running log and after a reopen, and the chain continues', async () => {
  const t = await trail();
  try {
    assert.deepEqual(await t.log.verify(), { ok: true, records: 25 });
    const clock = manualClock(Date.parse('2026-01-16T00:00:00Z'));
    const reopened = await openLog(t.path, clock, { maxRecords: 10 });
    await appendMany(reopened, clock, 7, 25);
    assert.deepEqual(await reopened.verify(), { ok: true, records: 32 });
    assert.equal(reopened.sealedSegments().length, 3);
  } finally {
    await t.cleanup();
  }
});
