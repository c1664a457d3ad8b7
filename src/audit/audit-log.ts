import { Low } from 'lowdb';
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import type { AuditEntry, AuditFilter, AuditReader, AuditRecord, AuditSink, AuditVerifyReport, Clock } from '../core/ports.js';
import { redactDeep, type Redactor } from '../core/redact.js';
import { GENESIS, hashRecord } from './hash-chain.js';
import { listSegments, readSegment, segmentPath, type AuditFile, type SegmentRef } from './segments.js';
import { ActiveSegmentFile, type OpenForAppend } from './active-file.js';
import type { TailMend } from './torn-tail.js';
import { snapshotTrail, verifyTrail } from './trail.js';
import { matchesFilter } from './audit-filter.js';

dayjs.extend(utc);

export type { AuditFile } from './segments.js';

/** When the active file is sealed into a dated segment. A limit of 0 turns that trigger off. */
export interface SegmentPolicy {
  /** Records per segment. */
  maxRecords: number;
  /** Approximate bytes per segment (the JSON of its records). */
  maxBytes: number;
  /** Age of a segment's first record after which the next append starts a new segment. */
  maxAgeMs: number;
}

export const DEFAULT_SEGMENT_POLICY: SegmentPolicy = { maxRecords: 5_000, maxBytes: 4 * 1024 * 1024, maxAgeMs: 0 };

export interface AuditLogOptions {
  clock: Clock;
  redact: Redactor;
  segment?: Partial<SegmentPolicy>;
  /** How the active file is opened for appends (tests hand in failing file operations). */
  openFile?: OpenForAppend;
}

/** Who the trail names for what the bot does on its own (mending a torn file). */
const SYSTEM_ACTOR = { id: 'netops', name: 'netops', via: 'system' };

/**
 * Least time between the starts of two commits while appends keep coming. Device results are
 * not awaited inside a job's device slot, so this costs a job nothing, and a 1000-device job
 * makes a few dozen commits (each an open, a write and an fsync) instead of hundreds.
 */
const COMMIT_SPACING_MS = 25;

type Pending = { entry: AuditEntry; resolve: (r: AuditRecord) => void; reject: (e: unknown) => void };
type Tip = { seq: number; hash: string };

/**
 * The audit trail: an active lowdb file plus sealed segments (see segments.ts). Appends go
 * through one queue; each batch is chained, appended to the active file (active-file.ts:
 * only the new records are written), and only then acknowledged. Batching (group commit)
 * keeps a 1000-device job to a few dozen writes; segments bound what a reader loads.
 */
export class AuditLog implements AuditSink, AuditReader {
  private queue: Pending[] = [];
  private lastCommitAt = Number.NEGATIVE_INFINITY;
  /** Appends queued while the last write was in progress (before its acks): a stream. */
  private arrivedWhileWriting = false;
  private draining: Promise<void> | undefined;
  private lastAppend: Promise<void> = Promise.resolve();
  /** Disk work (writes, seals, consistent reads) runs one at a time on this lane. */
  private lane: Promise<unknown> = Promise.resolve();
  /** Active records known to be on disk: readers never see a record before it is acknowledged. */
  private durable: number;
  private bytes: number;

  private constructor(
    private readonly db: Low<AuditFile>,
    private readonly file: ActiveSegmentFile,
    private readonly segments: SegmentRef[],
    private sealedTip: Tip,
    private readonly policy: SegmentPolicy,
    private readonly clock: Clock,
    private readonly redact: Redactor,
  ) {
    this.durable = db.data.records.length;
    this.bytes = db.data.records.reduce((n, r) => n + file.line(r).length + 2, 0);
  }

  static async open(path: string, o: AuditLogOptions): Promise<AuditLog> {
    const segments = await listSegments(path);
    const file = new ActiveSegmentFile(path, () => o.clock.now(), o.openFile);
    const db = new Low<AuditFile>(file, { records: [] });
    // A file that does not parse throws here (unless only its last write was torn, see
    // torn-tail.ts): it is reported, never overwritten with an empty trail.
    await db.read();
    const lastSealed = segments.length ? (await readSegment(segments.at(-1)!.file))?.at(-1) : undefined;
    const sealedTip = lastSealed ? { seq: lastSealed.seq, hash: lastSealed.hash } : { seq: 0, hash: GENESIS };
    const policy = { ...DEFAULT_SEGMENT_POLICY, ...o.segment };
    const log = new AuditLog(db, file, segments, sealedTip, policy, o.clock, o.redact);
    // A torn last write was cut off: the record of it is the write that replaces the torn file,
    // so the trail never holds the mend without saying so.
    if (file.mended) await log.append({ actor: SYSTEM_ACTOR, action: 'audit.mended', outcome: 'mended', detail: { ...file.mended } });
    return log;
  }

  /** Set when opening cut a torn last write off the active file (recorded as audit.mended): for the caller to report. */
  get mended(): TailMend | undefined {
    return this.file.mended;
  }

  /** The records of the active segment only (query() spans every segment). */
  records(): readonly AuditRecord[] {
    return this.db.data.records;
  }

  /** The sealed segment files, oldest first. */
  sealedSegments(): readonly string[] {
    return this.segments.map((s) => s.file);
  }

  /** Matching records, oldest first; reads sealed segments newest first and stops once it has enough. */
  async query(f: AuditFilter): Promise<AuditRecord[]> {
    await this.flush();
    // A synchronous snapshot: sealed segments never change, the durable active records are on disk.
    const sealed = [...this.segments];
    const active = this.db.data.records.slice(0, this.durable);
    const match = (r: AuditRecord) => matchesFilter(r, f);
    let hits = active.filter(match);
    let oldest = active[0];
    for (let i = sealed.length - 1; i >= 0; i--) {
      if (f.last && hits.length >= f.last) break;
      // Times only grow along the chain: a segment older than the one starting before `since` holds nothing newer.
      if (f.since !== undefined && oldest && Date.parse(oldest.time) < f.since) break;
      const records = (await readSegment(sealed[i]!.file)) ?? [];
      hits = records.filter(match).concat(hits);
      oldest = records[0] ?? oldest;
    }
    return f.last ? hits.slice(-f.last) : hits;
  }

  /** Verifies the chain as it is on disk now, across every segment. */
  async verify(): Promise<AuditVerifyReport> {
    await this.flush();
    // On the lane, so no seal renames the active file between listing and reading.
    const snap = await this.exclusive(() => snapshotTrail(this.file.path));
    const { files: _files, ...report } = await verifyTrail(snap);
    return report;
  }

  append(entry: AuditEntry): Promise<AuditRecord> {
    const done = new Promise<AuditRecord>((resolve, reject) => {
      this.queue.push({ entry: redactDeep(entry, this.redact), resolve, reject });
      this.draining ??= this.drain();
    });
    this.lastAppend = done.then(
      () => undefined,
      () => undefined,
    );
    return done;
  }

  /**
   * Resolves once every append issued so far is on disk (or has failed). It waits for the
   * last append issued before the call, not for the queue to fall idle: during a busy job
   * the queue may never be idle, and a query must not wait for the job to end.
   */
  async flush(): Promise<void> {
    await this.lastAppend;
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lane.then(fn);
    this.lane = run.catch(() => undefined);
    return run;
  }

  private async drain(): Promise<void> {
    // Yield once so appends issued in the same tick join this batch.
    await Promise.resolve();
    while (this.queue.length > 0) {
      // Each commit is a write and an fsync. Appends that came in while the last commit was
      // being written mean a stream (a 1000-device job): let them gather for a moment rather
      // than commit every few records. Appends awaited one after another never wait here:
      // none can arrive before the previous one is acknowledged.
      const wait = this.lastCommitAt + COMMIT_SPACING_MS - performance.now();
      if (this.arrivedWhileWriting && wait > 0) await new Promise((r) => setTimeout(r, wait));
      const batch = this.queue;
      this.queue = [];
      this.lastCommitAt = performance.now();
      await this.exclusive(() => this.commit(batch));
    }
    this.draining = undefined;
  }

  /** Chains and writes a batch, sealing the active segment whenever it is full, even mid-batch. */
  private async commit(batch: Pending[]): Promise<void> {
    while (batch.length > 0) {
      try {
        if (this.isFull()) await this.seal();
      } catch (err) {
        for (const p of batch.splice(0)) p.reject(err);
        return;
      }
      const before = this.db.data.records.length;
      const room = this.policy.maxRecords > 0 ? this.policy.maxRecords - before : batch.length;
      const chunk = batch.splice(0, Math.max(1, room));
      try {
        const made = chunk.map((p) => this.chain(p.entry));
        await this.db.write();
        this.arrivedWhileWriting = this.queue.length > 0;
        this.durable = this.db.data.records.length;
        for (const [i, p] of chunk.entries()) p.resolve(made[i]!);
      } catch (err) {
        // Not on disk: take the chunk back out so the chain in memory matches the file.
        const dropped = this.db.data.records.splice(before);
        this.bytes -= dropped.reduce((n, r) => n + this.file.line(r).length + 2, 0);
        for (const p of chunk) p.reject(err);
      }
    }
  }

  private chain(entry: AuditEntry): AuditRecord {
    const records = this.db.data.records;
    const last = records.at(-1) ?? this.sealedTip;
    const body = { ...entry, seq: last.seq + 1, time: dayjs.utc(this.clock.now()).toISOString(), prevHash: last.hash };
    const record: AuditRecord = { ...body, hash: hashRecord(body) };
    records.push(record);
    this.bytes += this.file.line(record).length + 2;
    return record;
  }

  private isFull(): boolean {
    const records = this.db.data.records;
    const { maxRecords, maxBytes, maxAgeMs } = this.policy;
    if (records.length === 0) return false;
    return (
      (maxRecords > 0 && records.length >= maxRecords) ||
      (maxBytes > 0 && this.bytes >= maxBytes) ||
      (maxAgeMs > 0 && this.clock.now() - Date.parse(records[0]!.time) >= maxAgeMs)
    );
  }

  /** Seals the active file by renaming it (atomic): the sealed segment is never written again. */
  private async seal(): Promise<void> {
    // A sealed segment is never written again: the file must hold these records, in our
    // layout, before it is renamed. It does already unless opening found it torn (or in
    // another layout); then this writes it whole, and otherwise it writes nothing.
    await this.db.write();
    const records = this.db.data.records;
    const first = records[0]!;
    const last = records.at(-1)!;
    const target = segmentPath(this.file.path, first);
    await this.file.sealTo(target);
    this.segments.push({ file: target, firstSeq: first.seq, day: first.time.slice(0, 10) });
    this.sealedTip = { seq: last.seq, hash: last.hash };
    this.db.data = { records: [] };
    this.durable = 0;
    this.bytes = 0;
    // After the state above: if this fails, the seal stands and the next commit goes on from it.
    await this.file.syncDirectory();
  }
}
