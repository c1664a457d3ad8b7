/**
 * Audit append cost as the trail grows: 10k, 100k and 1M records already on disk, with
 * segments (the product) and, for contrast, one unrotated file (what lowdb alone does).
 * The trail is pre-filled by writing valid, chained segment files directly, so 1M records
 * take seconds, not hours. Prints figures; asserts nothing.
 * Usage: npx tsx bench/audit-append.ts [N ...]   (default 10000 100000 1000000)
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AuditLog, DEFAULT_SEGMENT_POLICY, type SegmentPolicy } from '../src/audit/audit-log.js';
import { GENESIS, hashRecord } from '../src/audit/hash-chain.js';
import { segmentPath, serialiseSegment } from '../src/audit/segments.js';
import { snapshotTrail, verifyTrail } from '../src/audit/trail.js';
import { createRedactor } from '../src/core/redact.js';
import type { AuditEntry, AuditRecord } from '../src/core/ports.js';

const START = Date.parse('2026-01-01T00:00:00Z');

function sampleEntry(i: number): AuditEntry {
  return {
    actor: { id: 'U024BE7LH', name: 'alice', via: 'slack', team: 'T0001', channel: 'C0NETOPS' },
    action: 'device.result', jobId: `J-${1 + Math.floor(i / 500)}`, targets: [`site${i % 7}-edge-${String(i % 500).padStart(3, '0')}`],
    outcome: 'ok', detail: { durationMs: 800 + (i % 400), outputSha256: 'ab'.repeat(32), outputBytes: 2048, parsed: { version: '17.3.4', model: 'C9300-48P' } },
  };
}

/** Writes `total` chained records: full sealed segments, the rest in the active file. */
async function prefill(path: string, total: number, perSegment: number): Promise<void> {
  let prev = GENESIS;
  let seq = 0;
  while (seq < total) {
    const n = Math.min(perSegment > 0 ? perSegment : total, total - seq);
    const records: AuditRecord[] = [];
    for (let k = 0; k < n; k++) {
      seq++;
      const body = { ...sampleEntry(seq), seq, time: new Date(START + seq * 1000).toISOString(), prevHash: prev };
      const r = { ...body, hash: hashRecord(body) };
      records.push(r);
      prev = r.hash;
    }
    // A partial last segment stays the active file, as it would in a running bot.
    const sealed = perSegment > 0 && n === perSegment && seq < total;
    await writeFile(sealed ? segmentPath(path, records[0]!) : path, serialiseSegment(records));
  }
}

const ms = (t0: number) => performance.now() - t0;
const fmt = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(0));

async function measure(total: number, segment: Partial<SegmentPolicy>, label: string, withVerify: boolean): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'netops-audit-bench-'));
  const path = join(dir, 'audit.json');
  try {
    // Leave the active file half full so the figures are not of a freshly sealed, empty one.
    const per = segment.maxRecords ?? DEFAULT_SEGMENT_POLICY.maxRecords;
    await prefill(path, total - Math.floor(per / 2), per);
    let t = START + total * 1000;
    const t0 = performance.now();
    const log = await AuditLog.open(path, { clock: { now: () => (t += 1000) }, redact: createRedactor(['hunter2-secret']), segment });
    const openMs = ms(t0);
    const SINGLE = 200;
    const t1 = performance.now();
    for (let i = 0; i < SINGLE; i++) await log.append(sampleEntry(i));
    const singleMs = ms(t1) / SINGLE;
    const BURSTS = 10;
    const t2 = performance.now();
    for (let b = 0; b < BURSTS; b++) await Promise.all(Array.from({ length: 500 }, (_, i) => log.append(sampleEntry(i))));
    const burstMs = ms(t2) / BURSTS;
    let verifyMs = NaN;
    if (withVerify) {
      const t3 = performance.now();
      const report = await verifyTrail(await snapshotTrail(path));
      verifyMs = ms(t3);
      if (!report.ok) throw new Error(`bench trail does not verify: ${JSON.stringify(report.problem)}`);
    }
    return [label.padEnd(28), String(total).padStart(8), fmt(openMs).padStart(8), fmt(singleMs).padStart(10), fmt(burstMs).padStart(10),
      fmt((burstMs * 1000) / 500).padStart(9), (Number.isNaN(verifyMs) ? '-' : fmt(verifyMs / 1000)).padStart(9)].join(' ');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const totals = sizes.length ? sizes : [10_000, 100_000, 1_000_000];
console.log(`${'case'.padEnd(28)} ${'records'.padStart(8)} ${'open ms'.padStart(8)} ${'1 append'.padStart(10)} ${'500 burst'.padStart(10)} ${'µs/rec'.padStart(9)} ${'verify s'.padStart(9)}`);
for (const total of totals) {
  console.log(await measure(total, {}, `segments of ${DEFAULT_SEGMENT_POLICY.maxRecords}`, true));
  // One growing file: every group commit rewrites all of it. Skipped at 1M (a 500 MB rewrite per commit).
  if (total <= 100_000) console.log(await measure(total, { maxRecords: 0, maxBytes: 0 }, 'one file, no rotation', false));
}
console.log('1 append: ms per append awaited one at a time; 500 burst: ms for 500 appends issued together (one job\'s results).');
