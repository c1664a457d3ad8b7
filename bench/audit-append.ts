/**
 * Audit append cost as the trail grows: 10k, 100k and 1M records already on disk, with
 * segments (the product) and, for contrast, one unrotated file (what lowdb alone does).
 * The trail is pre-filled by writing valid, chained segment files directly, so 1M records
 * take seconds, not hours. Prints figures; asserts nothing.
 * Usage: npx tsx bench/audit-append.ts [N ...]   (default 10000 100000 1000000)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AuditLog, DEFAULT_SEGMENT_POLICY, type SegmentPolicy } from '../src/audit/audit-log.js';
import { prefill, sampleEntry, TRAIL_START } from './audit-prefill.js';
import { snapshotTrail, verifyTrail } from '../src/audit/trail.js';
import { createRedactor } from '../src/core/redact.js';

const ms = (t0: number) => performance.now() - t0;
const fmt = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(0));

async function measure(total: number, segment: Partial<SegmentPolicy>, label: string, withVerify: boolean): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'netops-audit-bench-'));
  const path = join(dir, 'audit.json');
  try {
    // Leave the active file half full so the figures are not of a freshly sealed, empty one.
    const per = segment.maxRecords ?? DEFAULT_SEGMENT_POLICY.maxRecords;
    await prefill(path, total - Math.floor(per / 2), per);
    let t = TRAIL_START + total * 1000;
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
    return [
      label.padEnd(28),
      String(total).padStart(8),
      fmt(openMs).padStart(8),
      fmt(singleMs).padStart(10),
      fmt(burstMs).padStart(10),
      fmt((burstMs * 1000) / 500).padStart(9),
      (Number.isNaN(verifyMs) ? '-' : fmt(verifyMs / 1000)).padStart(9),
    ].join(' ');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const totals = sizes.length ? sizes : [10_000, 100_000, 1_000_000];
console.log(
  `${'case'.padEnd(28)} ${'records'.padStart(8)} ${'open ms'.padStart(8)} ${'1 append'.padStart(10)} ${'500 burst'.padStart(10)} ${'µs/rec'.padStart(9)} ${'verify s'.padStart(9)}`,
);
for (const total of totals) {
  console.log(await measure(total, {}, `segments of ${DEFAULT_SEGMENT_POLICY.maxRecords}`, true));
  // One growing file: every group commit rewrites all of it. Skipped at 1M (a 500 MB rewrite per commit).
  if (total <= 100_000) console.log(await measure(total, { maxRecords: 0, maxBytes: 0 }, 'one file, no rotation', false));
}
console.log("1 append: ms per append awaited one at a time; 500 burst: ms for 500 appends issued together (one job's results).");
