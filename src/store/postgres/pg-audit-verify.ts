import type pg from 'pg';
import type { AuditRecord, AuditVerifyReport } from '../../core/ports.js';
import { GENESIS, verifyChain } from '../../audit/hash-chain.js';
import { AUDIT_COLUMNS, recordOf, type AuditRow } from './audit-rows.js';

/** Records read per round trip: memory stays bounded whatever the trail's size. */
const PAGE = 2_000;

/** Runs `fn` on one snapshot of the database (REPEATABLE READ, read only): appends meanwhile do not show. */
export async function inSnapshot<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  let failed = false;
  try {
    await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    return await fn(c);
  } catch (err) {
    failed = true;
    throw err;
  } finally {
    if (!failed) await c.query('ROLLBACK').catch(() => undefined);
    c.release(failed);
  }
}

/** Every record with since <= time < until (epoch ms) in seq order, a page at a time, on `c` (inside inSnapshot). */
export async function* pgRecords(c: pg.PoolClient, o: { since?: number; until?: number } = {}): AsyncGenerator<AuditRecord> {
  let after = 0;
  for (;;) {
    const params: unknown[] = [after, PAGE];
    let time = '';
    if (o.since !== undefined) time += ` AND time::timestamptz >= to_timestamp($${params.push(o.since / 1000)})`;
    if (o.until !== undefined) time += ` AND time::timestamptz < to_timestamp($${params.push(o.until / 1000)})`;
    const { rows } = await c.query<AuditRow>(`SELECT ${AUDIT_COLUMNS} FROM audit WHERE seq > $1${time} ORDER BY seq LIMIT $2`, params);
    for (const row of rows) yield recordOf(row);
    if (rows.length < PAGE) return;
    after = Number(rows.at(-1)!.seq);
  }
}

type Head = { seq: string; hash: string };

/**
 * Walks the chain (hash-chain.ts, as for the JSON trail) and checks the head row against its
 * end: a head past the last record means records were deleted from the end, which the chain
 * alone cannot show.
 */
export function verifyPgTrail(pool: pg.Pool): Promise<AuditVerifyReport> {
  return inSnapshot(pool, verifyOn);
}

/** The same walk on a connection already in a transaction (audit:import checks before it commits). */
export async function verifyOn(c: pg.PoolClient): Promise<AuditVerifyReport> {
  const head = (await c.query<Head>('SELECT seq, hash FROM audit_head WHERE id')).rows[0];
  let start = { seq: 1, prevHash: GENESIS };
  let count = 0;
  let page: AuditRecord[] = [];
  const check = (): AuditVerifyReport | undefined => {
    const problem = verifyChain(page, start);
    if (problem)
      return { ok: false, records: count + problem.index, problem: { seq: problem.seq, problem: problem.problem, where: 'audit' } };
    const last = page.at(-1);
    if (last) start = { seq: last.seq + 1, prevHash: last.hash };
    count += page.length;
    page = [];
    return undefined;
  };
  for await (const r of pgRecords(c)) {
    page.push(r);
    // A failing check keeps its page, so the check() below reports the same problem.
    if (page.length >= PAGE && check()) break;
  }
  return check() ?? headProblem(head, start, count) ?? { ok: true, records: count };
}

function headProblem(head: Head | undefined, next: { seq: number; prevHash: string }, count: number): AuditVerifyReport | undefined {
  const lastSeq = next.seq - 1;
  const bad = (problem: string, where = 'audit_head') => ({ ok: false, records: count, problem: { seq: lastSeq + 1, problem, where } });
  if (!head) return bad('the chain head row is missing');
  const headSeq = Number(head.seq);
  if (headSeq > lastSeq)
    return bad(
      `${headSeq === lastSeq + 1 ? `record ${headSeq} is` : `records ${lastSeq + 1} to ${headSeq} are`} missing (the chain head is at ${headSeq})`,
      'audit',
    );
  if (headSeq < lastSeq) return bad(`records after ${headSeq} are not on the chain head (it is at ${headSeq}, the trail at ${lastSeq})`);
  if (head.hash !== next.prevHash) return bad(`the chain head does not name record ${headSeq}`);
  return undefined;
}
