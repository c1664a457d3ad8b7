import type pg from 'pg';
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import type { AuditEntry, AuditFilter, AuditReader, AuditRecord, AuditSink, AuditVerifyReport, Clock } from '../../core/ports.js';
import { redactDeep, type Redactor } from '../../core/redact.js';
import { hashRecord } from '../../audit/hash-chain.js';
import { matchesFilter } from '../../audit/audit-filter.js';
import { inTransaction } from './pool.js';
import { AUDIT_COLUMNS, filterSql, insertSql, recordOf, rowValues, storable, type AuditRow } from './audit-rows.js';
import { verifyPgTrail } from './pg-audit-verify.js';
import { observed, type StoreObserver } from './store-observer.js';

dayjs.extend(utc);

type Pending = { entry: AuditEntry; resolve: (r: AuditRecord) => void; reject: (e: unknown) => void };

/** Records per INSERT statement (10 parameters each, far below PostgreSQL's 65535). */
const INSERT_CHUNK = 500;

/**
 * The audit trail in PostgreSQL, one chain for every process: an append locks the head row
 * (`SELECT ... FOR UPDATE`), chains on it, inserts and moves the head in one transaction, and
 * is acknowledged only after COMMIT (durable with synchronous_commit on, the default). Appends
 * queued while a commit is in flight go together in the next transaction (group commit).
 * Records have the shape and hash of src/audit/hash-chain.ts, so the trail verifies the same way.
 */
export class PgAuditLog implements AuditSink, AuditReader {
  private queue: Pending[] = [];
  private draining: Promise<void> | undefined;
  private lastAppend: Promise<void> = Promise.resolve();

  constructor(
    private readonly pool: pg.Pool,
    private readonly o: { clock: Clock; redact: Redactor; observer?: Partial<StoreObserver> },
  ) {}

  append(entry: AuditEntry): Promise<AuditRecord> {
    const askedAt = performance.now();
    const done = new Promise<AuditRecord>((resolve, reject) => {
      this.queue.push({ entry: storable(redactDeep(entry, this.o.redact)), resolve, reject });
      this.draining ??= this.drain();
    });
    // Timed as the embedded trail is (ops/instrumented-ports.ts): from the append until the record is committed.
    this.lastAppend = done.then(
      () => observed(this.o.observer, 'auditAppend', (performance.now() - askedAt) / 1000),
      () => undefined,
    );
    return done;
  }

  /** Resolves once every append issued so far is committed (or has failed). */
  async flush(): Promise<void> {
    await this.lastAppend;
  }

  private async drain(): Promise<void> {
    // Yield once so appends issued in the same tick join this batch.
    await Promise.resolve();
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      try {
        const made = await inTransaction(this.pool, (c) =>
          this.commit(
            c,
            batch.map((p) => p.entry),
          ),
        );
        for (const [i, p] of batch.entries()) p.resolve(made[i]!);
      } catch (err) {
        // Nothing of the batch is in the trail (the transaction rolled back), unless the connection
        // died during COMMIT itself: then PostgreSQL may have it, and verify still holds either way.
        for (const p of batch) p.reject(err);
      }
    }
    this.draining = undefined;
  }

  /**
   * Appends inside the caller's transaction (a worker's fenced device result and its job event
   * commit together, or not at all). The head row stays locked until the caller commits; the
   * record is durable only then.
   */
  async appendIn(c: pg.PoolClient, entry: AuditEntry): Promise<AuditRecord> {
    const [record] = await this.commit(c, [storable(redactDeep(entry, this.o.redact))]);
    return record!;
  }

  private async commit(c: pg.PoolClient, entries: AuditEntry[]): Promise<AuditRecord[]> {
    const head = await c.query<{ seq: string; hash: string }>('SELECT seq, hash FROM audit_head WHERE id FOR UPDATE');
    if (!head.rows[0]) throw new Error('audit_head is empty: the schema was not migrated');
    let seq = Number(head.rows[0].seq);
    let prevHash = head.rows[0].hash;
    const time = dayjs.utc(this.o.clock.now()).toISOString();
    const made = entries.map((entry) => {
      const body = { ...entry, seq: ++seq, time, prevHash };
      const record: AuditRecord = { ...body, hash: hashRecord(body) };
      prevHash = record.hash;
      return record;
    });
    await insertRecords(c, made);
    await c.query('UPDATE audit_head SET seq = $1, hash = $2 WHERE id', [seq, prevHash]);
    return made;
  }

  /** Matching records, oldest first (the newest `last` of them when set). */
  async query(f: AuditFilter): Promise<AuditRecord[]> {
    await this.flush();
    const { where, params } = filterSql(f);
    const limit = f.last ? ` LIMIT ${Math.max(1, Math.floor(f.last))}` : '';
    const { rows } = await this.pool.query<AuditRow>(`SELECT ${AUDIT_COLUMNS} FROM audit ${where} ORDER BY seq DESC${limit}`, params);
    // The SQL and the embedded filter must agree; the embedded one has the last word.
    return rows
      .reverse()
      .map(recordOf)
      .filter((r) => matchesFilter(r, f));
  }

  /** Verifies the whole chain as committed now, and that the head names its last record. */
  async verify(): Promise<AuditVerifyReport> {
    await this.flush();
    return verifyPgTrail(this.pool);
  }
}

/** Inserts records as they are (hashes included): appends and audit:import. */
export async function insertRecords(c: pg.PoolClient, records: readonly AuditRecord[]): Promise<void> {
  for (let i = 0; i < records.length; i += INSERT_CHUNK) {
    const chunk = records.slice(i, i + INSERT_CHUNK);
    await c.query(insertSql(chunk.length), chunk.flatMap(rowValues));
  }
}
