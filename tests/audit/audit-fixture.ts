import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLog, type SegmentPolicy } from '../../src/audit/audit-log.js';
import { createRedactor } from '../../src/core/redact.js';
import { SEGMENT_END } from '../../src/audit/segments.js';
import type { AuditEntry, Clock } from '../../src/core/ports.js';

/** A clock the test moves by hand. */
export function manualClock(start = Date.parse('2026-01-15T09:00:00Z')): Clock & { advance(ms: number): void } {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
  };
}

export async function tempDir(): Promise<{ dir: string; path: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'netops-audit-'));
  return { dir, path: join(dir, 'audit.json'), cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export function openLog(path: string, clock: Clock, segment?: Partial<SegmentPolicy>, secrets: string[] = []): Promise<AuditLog> {
  return AuditLog.open(path, { clock, redact: createRedactor(secrets), segment });
}

/** An entry shaped like the job's: who, what, which job, which device, how it went. */
export function entry(i: number, o: Partial<AuditEntry> = {}): AuditEntry {
  return {
    actor: { id: i % 2 ? 'U_ALICE' : 'U_BOB', name: i % 2 ? 'alice' : 'bob', via: 'slack' },
    action: 'device.result',
    jobId: `J-${1 + Math.floor(i / 10)}`,
    targets: [`east-core-${i % 5}`],
    outcome: 'ok',
    detail: { durationMs: 12 + i },
    ...o,
  };
}

/** Appends n entries, one at a time, moving the clock a minute each. */
export async function appendMany(log: AuditLog, clock: ReturnType<typeof manualClock>, n: number, from = 0): Promise<void> {
  for (let i = from; i < from + n; i++) {
    await log.append(entry(i));
    clock.advance(60_000);
  }
}

/**
 * A trail of `whole` records whose last append (of `last`) was torn `cut` bytes in: that many of
 * its bytes over the old closing, and the old bytes beyond them as they were, as a kill or a
 * power cut in the middle of a positional write leaves it. Returns the bytes before and after.
 */
export async function tornTrail(
  path: string,
  whole: number,
  cut: number,
  last: AuditEntry = entry(whole),
): Promise<{ intact: Buffer; torn: Buffer; tail: number }> {
  const clock = manualClock();
  const log = await openLog(path, clock);
  await appendMany(log, clock, whole);
  const intact = await readFile(path);
  await log.append(last);
  const full = await readFile(path);
  const tail = intact.length - SEGMENT_END.length;
  const torn = Buffer.concat([full.subarray(0, tail + cut), intact.subarray(Math.min(intact.length, tail + cut))]);
  await writeFile(path, torn);
  return { intact, torn, tail };
}
