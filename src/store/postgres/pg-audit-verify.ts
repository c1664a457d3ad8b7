import type pg from 'pg';
import type { AuditRecord, AuditVerifyReport } from '../../core/ports.js';
import { type AcknowledgedBreak, type ChainBreak, ChainWalker, GENESIS } from '../../audit/hash-chain.js';
import { highestJobNumber } from '../../audit/trail.js';
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

/** Every record with seq > after and since <= time < until (epoch ms) in seq order, a page at a time, on `c` (inside inSnapshot). */
export async function* pgRecords(
  c: pg.PoolClient,
  o: { since?: number; until?: number; after?: number } = {},
): AsyncGenerator<AuditRecord> {
  let after = o.after ?? 0;
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

/** Where a walk starts: the record after `seq`, which must name `hash` (GENESIS and 0 for the whole trail). */
export interface WalkStart {
  seq: number;
  hash: string;
}

export const WHOLE_TRAIL: WalkStart = { seq: 0, hash: GENESIS };

/** A walk of the trail in PostgreSQL: acknowledged breaks, the first one no record acknowledges, and the end. */
export interface PgWalk {
  records: number;
  acknowledged: AcknowledgedBreak[];
  /** The first break no `audit.break-acknowledged` record covers, or the head row's disagreement with the records. */
  problem?: ChainBreak;
  /** The head row disagrees with the records (not a chain break: audit:acknowledge records one to cover it). */
  headProblem?: boolean;
  /** The last record walked (`from` when there is none after it). */
  last: WalkStart;
  /** The highest job number (J-<n>) the walked records name. */
  highestJob: number;
  /** The chain head row's seq (0 when the row is missing, which `headRow` tells). */
  headSeq: number;
  headRow: boolean;
}

type Head = { seq: string; hash: string };

/**
 * Walks the chain from `from` to the end (hash-chain.ts's ChainWalker, as for the JSON trail:
 * on past a break, so that an acknowledgement after it counts) and checks the head row against
 * the end: a head past the last record means records were deleted from the end, which the
 * chain alone cannot show. On `c`, inside a snapshot or the caller's transaction.
 */
export async function walkPg(c: pg.PoolClient, from: WalkStart = WHOLE_TRAIL): Promise<PgWalk> {
  const head = (await c.query<Head>('SELECT seq, hash FROM audit_head WHERE id')).rows[0];
  const walker = new ChainWalker({ seq: from.seq + 1, prevHash: from.hash });
  let last = from;
  let highestJob = 0;
  let page: AuditRecord[] = [];
  const flush = () => {
    walker.walk(page, 'audit');
    highestJob = Math.max(highestJob, highestJobNumber(page));
    page = [];
  };
  for await (const r of pgRecords(c, { after: from.seq })) {
    page.push(r);
    last = { seq: r.seq, hash: r.hash };
    if (page.length >= PAGE) flush();
  }
  flush();
  const { acknowledged, unacknowledged } = walker.result();
  const headSeq = Number(head?.seq ?? 0);
  const walk = { records: walker.records, acknowledged, last, highestJob, headSeq, headRow: head !== undefined };
  if (unacknowledged) return { ...walk, problem: unacknowledged };
  const headProblem = headMismatch(head, last, walker.records);
  return headProblem ? { ...walk, problem: headProblem, headProblem: true } : walk;
}

/** The walk as a report: audit:verify, `/net audit verify`, audit:import's check before it commits. */
export async function verifyOn(c: pg.PoolClient): Promise<AuditVerifyReport & { acknowledged?: AcknowledgedBreak[] }> {
  const w = await walkPg(c);
  const acked = w.acknowledged.length ? { acknowledged: w.acknowledged } : {};
  if (!w.problem) return { ok: true, records: w.records, ...acked };
  const p = w.problem;
  return { ok: false, records: p.recordsBefore, problem: { seq: p.seq, problem: p.problem, where: p.where }, ...acked };
}

/** The whole chain as committed now, on one snapshot. */
export function verifyPgTrail(pool: pg.Pool): ReturnType<typeof verifyOn> {
  return inSnapshot(pool, verifyOn);
}

function headMismatch(head: Head | undefined, last: WalkStart, count: number): ChainBreak | undefined {
  const bad = (problem: string, where = 'audit_head'): ChainBreak => ({
    seq: last.seq + 1,
    problem,
    where,
    recordsBefore: count,
    file: 1,
    lastGood: last,
  });
  if (!head) return bad('the chain head row is missing');
  const headSeq = Number(head.seq);
  if (headSeq > last.seq)
    return bad(
      `${headSeq === last.seq + 1 ? `record ${headSeq} is` : `records ${last.seq + 1} to ${headSeq} are`} missing (the chain head is at ${headSeq})`,
      'audit',
    );
  if (headSeq < last.seq) return bad(`records after ${headSeq} are not on the chain head (it is at ${headSeq}, the trail at ${last.seq})`);
  if (head.hash !== last.hash) return bad(`the chain head does not name record ${headSeq}`);
  return undefined;
}
