import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import type { AuditRecord } from '../../src/core/ports.js';
import { serialiseSegment } from '../../src/audit/segments.js';
import { BREAK_ACKNOWLEDGED } from '../../src/audit/hash-chain.js';
import { firstUnacknowledgedBreak, highestJobNumber, snapshotTrail, verifyHead, verifyTrail } from '../../src/audit/trail.js';
import { appendMany, manualClock, openLog, tempDir } from '../audit/audit-fixture.js';

async function edit(file: string, change: (records: AuditRecord[]) => void): Promise<void> {
  const { records } = JSON.parse(await readFile(file, 'utf8')) as { records: AuditRecord[] };
  change(records);
  await writeFile(file, serialiseSegment(records));
}

/** 25 records in segments of 10: two sealed segments and an active file of 5. */
async function trail() {
  const t = await tempDir();
  const clock = manualClock();
  const log = await openLog(t.path, clock, { maxRecords: 10 });
  await appendMany(log, clock, 25);
  const [first, second] = log.sealedSegments() as [string, string];
  return { ...t, clock, log, first, second };
}

const acknowledge = (brokenSeq: number, reason: string) => ({
  actor: { id: 'tester', name: 'tester', via: 'console' },
  action: BREAK_ACKNOWLEDGED,
  outcome: 'acknowledged',
  detail: { brokenSeq, reason },
});

test('the head check reads only the last sealed segment and the active file', async () => {
  const t = await trail();
  try {
    await edit(t.first, (rs) => {
      rs[4]!.outcome = 'edited';
    });
    const head = await verifyHead(t.path);
    assert.equal(head.ok, true, 'a break in an older segment is audit:verify`s to report, not start-up`s');
    assert.equal(head.recent.length, 15);
    assert.equal((await verifyTrail(await snapshotTrail(t.path))).ok, false);
    await edit(t.path, (rs) => {
      rs[1]!.targets = ['elsewhere'];
    });
    const broken = await verifyHead(t.path);
    assert.equal(broken.ok, false);
    assert.deepEqual({ seq: broken.problem?.seq, problem: broken.problem?.problem }, { seq: 22, problem: 'record 22 was altered' });
    assert.equal(broken.problem?.lastGood.seq, 21);
  } finally {
    await t.cleanup();
  }
});

test('the head check catches a broken link between the last sealed segment and the active file', async () => {
  const t = await trail();
  try {
    await edit(t.path, (rs) => {
      rs.shift();
    });
    const head = await verifyHead(t.path);
    assert.equal(head.problem?.problem, 'record 21 is missing');
  } finally {
    await t.cleanup();
  }
});

test('an acknowledgement lets the walk go on, and only the break it names', async () => {
  const t = await trail();
  try {
    await edit(t.second, (rs) => {
      rs[3]!.outcome = 'edited'; // record 14
    });
    await edit(t.path, (rs) => {
      rs.splice(2, 1); // record 23 lost
    });
    const first = await firstUnacknowledgedBreak(await snapshotTrail(t.path));
    assert.equal(first?.seq, 14);
    const reopened = await openLog(t.path, t.clock, { maxRecords: 100 });
    await reopened.append(acknowledge(14, 'restored segment two'));
    await reopened.flush();
    const report = await verifyTrail(await snapshotTrail(t.path));
    assert.equal(report.ok, false, 'the lost record 23 is not acknowledged');
    assert.equal(report.problem?.seq, 24);
    assert.match(report.problem?.problem ?? '', /record 23 is missing/);
    assert.deepEqual(
      report.acknowledged?.map((a) => [a.seq, a.ackSeq, a.reason]),
      [[14, 26, 'restored segment two']],
    );
    await reopened.append(acknowledge(24, 'record 23 lost in the copy'));
    await reopened.flush();
    const after = await verifyTrail(await snapshotTrail(t.path));
    assert.equal(after.ok, true);
    assert.deepEqual(
      after.acknowledged?.map((a) => a.seq),
      [14, 24],
    );
    assert.equal((await verifyHead(t.path)).ok, true);
  } finally {
    await t.cleanup();
  }
});

test('an acknowledgement before the break does not count, nor one that was itself edited', async () => {
  const t = await tempDir();
  try {
    const clock = manualClock();
    const log = await openLog(t.path, clock, { maxRecords: 100 });
    await log.append(acknowledge(4, 'written in advance'));
    await appendMany(log, clock, 5);
    await edit(t.path, (rs) => {
      rs[3]!.outcome = 'edited'; // record 4
    });
    assert.equal((await verifyHead(t.path)).problem?.seq, 4);
    const again = await openLog(t.path, clock, { maxRecords: 100 });
    await again.append(acknowledge(4, 'after the fact'));
    await again.flush();
    assert.equal((await verifyHead(t.path)).ok, true);
    await edit(t.path, (rs) => {
      rs.at(-1)!.detail = { brokenSeq: 4, reason: 'edited acknowledgement' };
    });
    const head = await verifyHead(t.path);
    assert.equal(head.ok, false);
    assert.equal(head.problem?.seq, 4, 'an edited acknowledgement is a break and acknowledges nothing');
  } finally {
    await t.cleanup();
  }
});

test('highestJobNumber reads job ids from records', () => {
  const r = (jobId?: string) => ({ jobId }) as AuditRecord;
  assert.equal(highestJobNumber([r('J-3'), r(undefined), r('J-12'), r('J-7'), r('CR-99' as string)]), 12);
  assert.equal(highestJobNumber([]), 0);
});

test('an acknowledgement that links to another last good record does not cover the break', async () => {
  const t = await tempDir();
  try {
    const clock = manualClock();
    const log = await openLog(t.path, clock, { maxRecords: 100 });
    await appendMany(log, clock, 5);
    await edit(t.path, (rs) => {
      rs[3]!.outcome = 'edited'; // record 4
    });
    const head = await verifyHead(t.path);
    const again = await openLog(t.path, clock, { maxRecords: 100 });
    await again.append({ ...acknowledge(4, 'wrong link'), detail: { brokenSeq: 4, reason: 'wrong link', lastGoodHash: 'f'.repeat(64) } });
    await again.flush();
    assert.equal((await verifyHead(t.path)).problem?.seq, 4);
    await again.append({
      ...acknowledge(4, 'right link'),
      detail: { brokenSeq: 4, reason: 'right link', lastGoodHash: head.problem?.lastGood.hash },
    });
    await again.flush();
    const after = await verifyHead(t.path);
    assert.equal(after.ok, true);
    assert.deepEqual(
      after.acknowledged.map((a) => a.reason),
      ['right link'],
    );
  } finally {
    await t.cleanup();
  }
});
