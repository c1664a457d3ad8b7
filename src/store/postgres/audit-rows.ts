import type { AuditEntry, AuditFilter, AuditRecord } from '../../core/ports.js';

/** An audit row as pg returns it (bigint as text). */
export interface AuditRow {
  seq: string;
  time: string;
  actor: AuditRecord['actor'];
  action: string;
  job_id: string | null;
  targets: string[] | null;
  outcome: string | null;
  detail: Record<string, unknown> | null;
  prev_hash: string;
  hash: string;
}

export const AUDIT_COLUMNS = 'seq, time, actor, action, job_id, targets, outcome, detail, prev_hash, hash';

/** A row back as the record that was hashed: absent fields stay absent (the hash skips them). */
export function recordOf(row: AuditRow): AuditRecord {
  // Fields in the order AuditLog writes them, so both trails export alike.
  const r = { actor: row.actor, action: row.action } as AuditRecord;
  if (row.job_id !== null) r.jobId = row.job_id;
  if (row.targets !== null) r.targets = row.targets;
  if (row.outcome !== null) r.outcome = row.outcome;
  if (row.detail !== null) r.detail = row.detail;
  return Object.assign(r, { seq: Number(row.seq), time: row.time, prevHash: row.prev_hash, hash: row.hash });
}

/** The parameters of one record's INSERT, in AUDIT_COLUMNS order. */
export function rowValues(r: AuditRecord): unknown[] {
  const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
  return [
    r.seq,
    r.time,
    json(r.actor),
    r.action,
    r.jobId ?? null,
    r.targets ?? null,
    r.outcome ?? null,
    json(r.detail),
    r.prevHash,
    r.hash,
  ];
}

/** `INSERT ... VALUES ($1..$10), ($11..$20), ...` for n records. */
export function insertSql(n: number): string {
  const rows = Array.from({ length: n }, (_, i) => `(${Array.from({ length: 10 }, (_, j) => `$${i * 10 + j + 1}`).join(', ')})`);
  return `INSERT INTO audit (${AUDIT_COLUMNS}) VALUES ${rows.join(', ')}`;
}

/**
 * The entry exactly as PostgreSQL will give it back, so the hash is over what is stored: the
 * JSON form (undefined fields gone, Error objects as their own fields), and without NUL
 * characters, which PostgreSQL text and jsonb cannot hold.
 */
export function storable(entry: AuditEntry): AuditEntry {
  return JSON.parse(JSON.stringify(entry, (_k, v) => (typeof v === 'string' ? v.replace(/\u0000/g, '') : v))) as AuditEntry;
}

/** A selector glob (`core*`, `r?`) as an ILIKE pattern, with LIKE's own wildcards escaped. */
function likePattern(glob: string): string {
  return glob
    .replace(/[\\%_]/g, '\\$&')
    .replace(/\*/g, '%')
    .replace(/\?/g, '_');
}

/** The WHERE clause and parameters of a query; the same matches as src/audit/audit-filter.ts. */
export function filterSql(f: AuditFilter): { where: string; params: unknown[] } {
  const terms: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.user) {
    const u = p(f.user);
    terms.push(`(actor->>'id' = ${u} OR lower(actor->>'name') = lower(${u}))`);
  }
  if (f.device) {
    terms.push(
      /[*?]/.test(f.device)
        ? `EXISTS (SELECT 1 FROM unnest(targets) t WHERE t ILIKE ${p(likePattern(f.device))})`
        : `${p(f.device)} = ANY(targets)`,
    );
  }
  if (f.jobId) terms.push(`job_id = ${p(f.jobId)}`);
  if (f.action) terms.push(`(action = ${p(f.action)} OR starts_with(action, ${p(`${f.action}.`)}))`);
  if (f.since !== undefined) terms.push(`time::timestamptz >= to_timestamp(${p(f.since / 1000)})`);
  return { where: terms.length ? `WHERE ${terms.join(' AND ')}` : '', params };
}
