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
  return { now: () => t, advance: (ms) => { t += ms; } };
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
    action: 'device.result', jobId: `J-${1 + Math.floor(i / 10)}`, targets: [`east-core-${i % 5}`], outcome: 'ok',
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

/** A trail of `whole` records whose last write (one more record) was cut off `cut` bytes into it. */
export async function tornTrail(path: string, whole: number, cut: number): Promise<{ intact: string; torn: string }> {
  const clock = manualClock();
  const log = await openLog(path, clock);
  await appendMany(log, clock, whole);
  const intact = await readFile(path, 'utf8');
  await log.append(entry(whole));
  const full = await readFile(path, 'utf8');
  const torn = full.slice(0, intact.length - SEGMENT_END.length + cut);
  await writeFile(path, torn);
  return { intact, torn };
}
