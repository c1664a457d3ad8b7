import { readFile } from 'node:fs/promises';
import type pg from 'pg';
import type { AuditRecord, AuditVerifyReport } from '../../core/ports.js';
import { snapshotTrail, trailFiles, verifyTrail } from '../../audit/trail.js';
import { inTransaction } from './pool.js';
import { insertRecords } from './pg-audit-log.js';
import { verifyOn } from './pg-audit-verify.js';

export type ImportOutcome =
  | { outcome: 'imported'; records: number; files: number; lastJobNumber: number }
  /** The JSON trail does not verify: nothing imported. */
  | { outcome: 'source-broken'; report: AuditVerifyReport }
  /** PostgreSQL already holds records: a JSON chain starts at genesis, so it can only start an empty trail. */
  | { outcome: 'target-not-empty'; records: number }
  /** The records as stored would not verify (a value PostgreSQL cannot hold as written): rolled back. */
  | { outcome: 'stored-broken'; report: AuditVerifyReport };

/**
 * Moves a JSON trail (active file and sealed segments) into an empty PostgreSQL trail with
 * every record as it is (seq, time, hashes), in one transaction that verifies the stored chain
 * before it commits; the job number sequence is moved past every job the trail or state names.
 */
export async function importJsonTrail(pool: pg.Pool, o: { auditFile: string; stateFile?: string }): Promise<ImportOutcome> {
  const snap = await snapshotTrail(o.auditFile);
  const source = await verifyTrail(snap);
  if (!source.ok) return { outcome: 'source-broken', report: source };
  const lastJobNumber = await stateJobNumber(o.stateFile);
  return inTransaction<ImportOutcome>(pool, async (c) => {
    const head = await c.query<{ seq: string }>('SELECT seq FROM audit_head WHERE id FOR UPDATE');
    const existing = Number(head.rows[0]?.seq ?? 0);
    if (existing > 0) return { outcome: 'target-not-empty', records: existing };
    let last: AuditRecord | undefined;
    let jobs = lastJobNumber;
    for await (const { records } of trailFiles(snap)) {
      await insertRecords(c, records);
      last = records.at(-1) ?? last;
      for (const r of records) jobs = Math.max(jobs, jobNumberOf(r.jobId));
    }
    if (last) await c.query('UPDATE audit_head SET seq = $1, hash = $2 WHERE id', [last.seq, last.hash]);
    const stored = await verifyOn(c);
    if (!stored.ok) throw new RolledBack(stored);
    if (jobs > 0)
      await c.query(`SELECT setval('job_number', GREATEST($1, (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM job_number)))`, [
        jobs,
      ]);
    return { outcome: 'imported', records: stored.records, files: source.files, lastJobNumber: jobs };
  }).catch((err: unknown) => {
    if (err instanceof RolledBack) return { outcome: 'stored-broken', report: err.report } satisfies ImportOutcome;
    throw err;
  });
}

class RolledBack extends Error {
  constructor(readonly report: AuditVerifyReport) {
    super('stored trail does not verify');
  }
}

const jobNumberOf = (id: string | undefined) => Number(/^J-(\d+)$/.exec(id ?? '')?.[1] ?? 0);

/** The embedded state's last job number, when its file is there (ids must never repeat after the move). */
async function stateJobNumber(path: string | undefined): Promise<number> {
  if (!path) return 0;
  try {
    const n = (JSON.parse(await readFile(path, 'utf8')) as { lastJobNumber?: unknown }).lastJobNumber;
    return typeof n === 'number' && Number.isInteger(n) ? n : 0;
  } catch {
    return 0;
  }
}
