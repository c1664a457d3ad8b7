import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { AuditRecord, AuditVerifyReport } from '../core/ports.js';
import { type AcknowledgedBreak, type ChainBreak, ChainWalker } from './hash-chain.js';
import { AuditStoreError, listSegments, parseSegment, readSegment, type SegmentRef } from './segments.js';
import { wholeRecordsBeforeTear } from './torn-tail.js';

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
 * record, naming the file it is in. A whole missing segment shows as missing records. A break
 * that an `audit.break-acknowledged` record after it names is listed under `acknowledged`
 * instead (the trail verifies, and says where and why it was acknowledged).
 */
export async function verifyTrail(snap: TrailSnapshot): Promise<AuditVerifyReport & { files: number; acknowledged?: AcknowledgedBreak[] }> {
  const { walker, storeError: e } = await walkTrail(snap);
  const { acknowledged, unacknowledged: b } = walker.result();
  const acked = acknowledged.length ? { acknowledged } : {};
  if (b) return { ...brokenAt(b), ...acked };
  if (e)
    return {
      ok: false,
      records: walker.records,
      files: walker.files,
      problem: { seq: walker.nextSeq, problem: e.message, where: basename(e.file) },
    };
  return { ok: true, records: walker.records, files: walker.files, ...acked };
}

/** The first break no record acknowledges, with the last good record before it (for audit:acknowledge). */
export async function firstUnacknowledgedBreak(snap: TrailSnapshot): Promise<ChainBreak | undefined> {
  const { walker, storeError } = await walkTrail(snap);
  if (storeError) throw storeError;
  return walker.result().unacknowledged;
}

/** Walks every file of the snapshot; stops at a file that cannot be read (returned as storeError). */
async function walkTrail(snap: TrailSnapshot): Promise<{ walker: ChainWalker; storeError?: AuditStoreError }> {
  const walker = new ChainWalker();
  const files$ = trailFiles(snap);
  for (;;) {
    let next: IteratorResult<TrailFile>;
    try {
      next = await files$.next();
    } catch (e) {
      if (!(e instanceof AuditStoreError)) throw e;
      return { walker, storeError: e };
    }
    if (next.done) return { walker };
    walker.walk(next.value.records, basename(next.value.file));
  }
}

function brokenAt(b: ChainBreak): AuditVerifyReport & { files: number } {
  return { ok: false, records: b.recordsBefore, files: b.file, problem: { seq: b.seq, problem: b.problem, where: b.where } };
}

export interface HeadReport {
  ok: boolean;
  /** The first break that no record acknowledges, with the last record before it that verified. */
  problem?: ChainBreak;
  acknowledged: AcknowledgedBreak[];
  /** The most recent records: the last sealed segment's and the active file's. */
  recent: readonly AuditRecord[];
}

/**
 * What start-up checks before the first append: the chain from the last sealed segment's
 * last record to the head of the active file (the sealed past is audit:verify's job). A torn
 * last write counts as its whole records (opening mends it and records that); any other
 * damage is a problem. Reads only.
 */
export async function verifyHead(activePath: string): Promise<HeadReport> {
  const fail = (e: AuditStoreError, seq: number): HeadReport => ({
    ok: false,
    problem: { seq, problem: e.message, where: basename(e.file), recordsBefore: 0, file: 1, lastGood: { seq: seq - 1, hash: '' } },
    acknowledged: [],
    recent: [],
  });
  const sealed = (await listSegments(activePath)).at(-1);
  let before: AuditRecord[] = [];
  try {
    before = sealed ? ((await readSegment(sealed.file)) ?? []) : [];
  } catch (e) {
    if (e instanceof AuditStoreError) return fail(e, sealed?.firstSeq ?? 1);
    throw e;
  }
  const tip = before.at(-1);
  const walker = new ChainWalker(tip ? { seq: tip.seq + 1, prevHash: tip.hash } : undefined);
  let active: AuditRecord[];
  try {
    active = await readActiveAsOpened(activePath);
  } catch (e) {
    if (e instanceof AuditStoreError) return fail(e, walker.nextSeq);
    throw e;
  }
  walker.walk(active, basename(activePath));
  const { acknowledged, unacknowledged } = walker.result();
  return { ok: !unacknowledged, ...(unacknowledged ? { problem: unacknowledged } : {}), acknowledged, recent: [...before, ...active] };
}

/** The active file's records as opening it would keep them (a torn last write cut off). */
async function readActiveAsOpened(path: string): Promise<AuditRecord[]> {
  const raw = await readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    throw new AuditStoreError('unreadable', path, e.message, { cause: e });
  });
  if (raw === undefined) return [];
  try {
    return parseSegment(raw, path);
  } catch (e) {
    if (!(e instanceof AuditStoreError) || e.code !== 'malformed') throw e;
    return wholeRecordsBeforeTear(raw, e).records;
  }
}

/** The highest job number (J-<n>) the records name: job ids must never be handed out twice. */
export function highestJobNumber(records: readonly AuditRecord[]): number {
  let max = 0;
  for (const r of records) {
    const m = r.jobId ? /^J-(\d+)$/.exec(r.jobId) : null;
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max;
}
