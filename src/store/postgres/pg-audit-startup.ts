import type pg from 'pg';
import { brokenTrailRefusal } from '../../audit/acknowledgement.js';
import type { ChainBreak } from '../../audit/hash-chain.js';
import { ConfigError } from '../../core/errors.js';
import { inSnapshot, type PgWalk, walkPg, type WalkStart, WHOLE_TRAIL } from './pg-audit-verify.js';

/** The checkpoint row: the last record a start verified the chain up to. */
export async function readCheckpoint(c: pg.PoolClient | pg.Pool): Promise<WalkStart> {
  const { rows } = await c.query<{ seq: string; hash: string }>('SELECT seq, hash FROM audit_checkpoint WHERE id');
  return rows[0] ? { seq: Number(rows[0].seq), hash: rows[0].hash } : WHOLE_TRAIL;
}

/**
 * The walk start-up makes: from the checkpoint to the head. A head behind the checkpoint is a
 * problem of its own: records an earlier start verified were removed from the end along with
 * the head, so the chain that is left looks whole.
 */
export async function walkFromCheckpoint(c: pg.PoolClient): Promise<PgWalk & { from: WalkStart; behind?: boolean }> {
  const from = await readCheckpoint(c);
  const { rows } = await c.query<{ seq: string }>('SELECT seq FROM audit_head WHERE id');
  const headSeq = Number(rows[0]?.seq ?? 0);
  if (!rows[0] || headSeq >= from.seq) return { ...(await walkPg(c, from)), from };
  const problem: ChainBreak = {
    seq: headSeq + 1,
    problem: `the chain head is at ${headSeq}, behind record ${from.seq}, which an earlier start verified: records ${headSeq + 1} to ${from.seq} were removed`,
    where: 'audit_head',
    recordsBefore: 0,
    file: 1,
    lastGood: { seq: headSeq, hash: '' },
  };
  return { records: 0, acknowledged: [], last: from, highestJob: 0, headSeq, headRow: true, from, problem, behind: true };
}

/**
 * What a front or a worker checks of the trail in PostgreSQL before anything is appended
 * (issue 16): the chain from the checkpoint to the head, on one snapshot. A break that no
 * `audit.break-acknowledged` record covers refuses the start (a ConfigError: exit 78, naming
 * the record and what to do) with nothing written. Otherwise the checkpoint moves to the head
 * verified, so the next start walks only what was appended since, not the whole table (the
 * older past is audit:verify's to walk, as sealed segments are for the embedded trail).
 */
export async function checkAuditAtStart(pool: pg.Pool, schema: string): Promise<{ from: number; to: number }> {
  const walk = await inSnapshot(pool, walkFromCheckpoint);
  if (walk.problem) {
    throw new ConfigError('NETOPS_DATABASE_URL', brokenTrailRefusal(walk.problem, `the audit trail in PostgreSQL (schema ${schema})`));
  }
  await checkJobNumbering(pool, schema, walk.highestJob);
  // Only forward: two processes starting together each verified up to their own snapshot's head.
  await pool.query('UPDATE audit_checkpoint SET seq = $1, hash = $2, verified_at = now() WHERE id AND seq < $1', [
    walk.last.seq,
    walk.last.hash,
  ]);
  return { from: walk.from.seq, to: walk.last.seq };
}

/**
 * Job ids are never reused: the sequence must be at least the highest job the records since
 * the checkpoint name (a sequence recreated, or a database restored around it, would hand them
 * out again). The numbers only grow, so the records walked are where the highest one is.
 */
async function checkJobNumbering(pool: pg.Pool, schema: string, audited: number): Promise<void> {
  const { rows } = await pool.query<{ n: string }>('SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS n FROM job_number');
  const issued = Number(rows[0]?.n ?? 0);
  if (audited <= issued) return;
  throw new ConfigError(
    'NETOPS_DATABASE_URL',
    `the job number sequence in PostgreSQL (schema ${schema}) is at J-${issued}, but the audit trail records J-${audited}: job ids would be reused ` +
      `(the sequence was recreated or restored apart from the trail?). Set it past the trail: SELECT setval('${schema}.job_number', ${audited})`,
  );
}
