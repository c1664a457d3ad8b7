import { basename } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { AuditRecord, AuditVerifyReport } from '../core/ports.js';
import { GENESIS, verifyChain } from './hash-chain.js';
import { AuditStoreError, listSegments, readSegment, type SegmentRef } from './segments.js';

/**
 * Reading the whole trail from disk (sealed segments, then the active file), one file at a
 * time so memory stays bounded by a segment. Used by verify, export and the scripts; the
 * writer (AuditLog) is not needed and not disturbed.
 */
export interface TrailSnapshot {
  sealed: SegmentRef[];
  activePath: string;
  /** The active file's records at the time of the snapshot (empty when it does not exist yet). */
  active: AuditRecord[];
}

/**
 * Lists the segments and reads the active file consistently: if a running bot seals the
 * active file while we look, the segment list changes and we look again.
 */
export async function snapshotTrail(activePath: string): Promise<TrailSnapshot> {
  for (let attempt = 0; ; attempt++) {
    const sealed = await listSegments(activePath);
    const active = await readActive(activePath);
    const again = await listSegments(activePath);
    if (again.length === sealed.length || attempt >= 5) return { sealed, activePath, active };
  }
}

/**
 * The active file grows in place (active-file.ts), so a reader in another process can catch
 * it in the middle of a write: a file that does not parse is read again a few times before
 * it is reported. A torn write left by a stopped bot still is: the next start mends it.
 */
async function readActive(path: string): Promise<AuditRecord[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await readSegment(path)) ?? [];
    } catch (e) {
      if (!(e instanceof AuditStoreError) || e.code !== 'malformed' || attempt >= 5) throw e;
      await delay(20);
    }
  }
}

export interface TrailFile {
  file: string;
  records: readonly AuditRecord[];
}

/** Each file of the snapshot in chain order, skipping sealed ones `skip` rules out unread. */
export async function* trailFiles(
  snap: TrailSnapshot,
  skip: (s: SegmentRef, next?: SegmentRef) => boolean = () => false,
): AsyncGenerator<TrailFile> {
  for (const [i, s] of snap.sealed.entries()) {
    if (skip(s, snap.sealed[i + 1])) continue;
    const records = await readSegment(s.file);
    if (!records) throw new AuditStoreError('unreadable', s.file, 'disappeared while being read');
    yield { file: s.file, records };
  }
  yield { file: snap.activePath, records: snap.active };
}

/** Every record with since <= time < until (epoch ms), oldest first, pruning whole segments by their dates. */
export async function* recordsBetween(snap: TrailSnapshot, since?: number, until?: number): AsyncGenerator<AuditRecord> {
  // A sealed segment ends before the next one starts: skip it when the next starts (on a day) before `since`.
  const endsBefore = (_s: SegmentRef, next?: SegmentRef) =>
    since !== undefined && next !== undefined && Date.parse(`${next.day}T00:00:00Z`) + 86_400_000 <= since;
  for await (const { records } of trailFiles(snap, endsBefore)) {
    for (const r of records) {
      const t = Date.parse(r.time);
      if (until !== undefined && t >= until) return;
      if (since === undefined || t >= since) yield r;
    }
  }
}

/**
 * Walks the chain across every file and reports the first broken, missing or reordered
 * record, naming the file it is in. A whole missing segment shows as missing records.
 */
export async function verifyTrail(snap: TrailSnapshot): Promise<AuditVerifyReport & { files: number }> {
  let start = { seq: 1, prevHash: GENESIS };
  let count = 0;
  let files = 0;
  const files$ = trailFiles(snap);
  for (;;) {
    let next: IteratorResult<TrailFile>;
    try {
      next = await files$.next();
    } catch (e) {
      if (!(e instanceof AuditStoreError)) throw e;
      return { ok: false, records: count, files, problem: { seq: start.seq, problem: e.message, where: basename(e.file) } };
    }
    if (next.done) break;
    const { file, records } = next.value;
    files++;
    const problem = verifyChain(records, start);
    if (problem)
      return {
        ok: false,
        records: count + problem.index,
        files,
        problem: { seq: problem.seq, problem: problem.problem, where: basename(file) },
      };
    const last = records.at(-1);
    if (last) start = { seq: last.seq + 1, prevHash: last.hash };
    count += records.length;
  }
  return { ok: true, records: count, files };
}
