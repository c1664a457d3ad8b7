import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import type { AuditEntry, AuditFilter, AuditReader, AuditRecord, AuditSink, AuditVerifyReport, Clock } from '../core/ports.js';
import type { Redactor } from '../core/redact.js';
import { GENESIS, hashRecord, verifyChain } from './hash-chain.js';

dayjs.extend(utc);

export interface AuditFile {
  records: AuditRecord[];
}

type Pending = { entry: AuditEntry; resolve: (r: AuditRecord) => void; reject: (e: unknown) => void };

/**
 * The audit trail in a lowdb JSON file. Appends go through one queue; each batch is
 * chained, written with lowdb's atomic writer, and only then acknowledged. Batching
 * (group commit) keeps a 500-device job from rewriting the file 500 times.
 */
export class AuditLog implements AuditSink, AuditReader {
  private readonly db: Low<AuditFile>;
  private queue: Pending[] = [];
  private writing: Promise<void> | undefined;

  private constructor(db: Low<AuditFile>, private readonly clock: Clock, private readonly redact: Redactor) {
    this.db = db;
  }

  static async open(path: string, o: { clock: Clock; redact: Redactor }): Promise<AuditLog> {
    const db = new Low<AuditFile>(new JSONFile<AuditFile>(path), { records: [] });
    await db.read();
    return new AuditLog(db, o.clock, o.redact);
  }

  records(): readonly AuditRecord[] {
    return this.db.data.records;
  }

  async query(f: AuditFilter): Promise<AuditRecord[]> {
    await this.flush();
    const hits = this.db.data.records.filter((r) =>
      (!f.user || r.actor.id === f.user || r.actor.name === f.user)
      && (!f.device || (r.targets ?? []).includes(f.device))
      && (!f.jobId || r.jobId === f.jobId)
      && (!f.action || r.action === f.action || r.action.startsWith(`${f.action}.`))
      && (f.since === undefined || Date.parse(r.time) >= f.since));
    return f.last ? hits.slice(-f.last) : hits;
  }

  async verify(): Promise<AuditVerifyReport> {
    await this.flush();
    const problem = verifyChain(this.db.data.records);
    return { ok: !problem, records: this.db.data.records.length, problem };
  }

  append(entry: AuditEntry): Promise<AuditRecord> {
    return new Promise((resolve, reject) => {
      this.queue.push({ entry: redactDeep(entry, this.redact), resolve, reject });
      this.writing ??= this.drain();
    });
  }

  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async drain(): Promise<void> {
    // Yield once so appends issued in the same tick join this batch.
    await Promise.resolve();
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      const records = this.db.data.records;
      const before = records.length;
      const made = batch.map(({ entry }) => {
        const last = records[records.length - 1];
        const body = {
          ...entry,
          seq: (last?.seq ?? 0) + 1,
          time: dayjs.utc(this.clock.now()).toISOString(),
          prevHash: last?.hash ?? GENESIS,
        };
        const record: AuditRecord = { ...body, hash: hashRecord(body) };
        records.push(record);
        return record;
      });
      try {
        await this.db.write();
        batch.forEach((p, i) => p.resolve(made[i]!));
      } catch (err) {
        // Not on disk: take the batch back out so the chain in memory matches the file.
        records.splice(before);
        batch.forEach((p) => p.reject(err));
      }
    }
    this.writing = undefined;
  }
}

function redactDeep<T>(value: T, redact: Redactor): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redact)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, redact)])) as T;
  }
  return value;
}
