import type pg from 'pg';
import { acknowledgement } from '../../audit/acknowledgement.js';
import type { ChainBreak } from '../../audit/hash-chain.js';
import type { AuditEntry, AuditRecord } from '../../core/ports.js';
import { walkFromCheckpoint } from './pg-audit-startup.js';
import { inSnapshot, type PgWalk, walkPg } from './pg-audit-verify.js';
import { inTransaction } from './pool.js';

/** The record that states what the head row said, when it disagrees with the records (the break an acknowledgement then names). */
export const HEAD_MISMATCH = 'audit.head-mismatch';

/**
 * What is wrong with the trail, first thing first: a break in the chain (the whole table, as
 * audit:verify walks it), the head row disagreeing with the records, or (the chain being whole)
 * the checkpoint start-up walks from no longer matching it.
 */
type Found = { kind: 'chain' | 'head' | 'checkpoint'; problem: ChainBreak; walk: PgWalk };

async function findProblem(c: pg.PoolClient): Promise<Found | undefined> {
  const whole = await walkPg(c);
  if (whole.problem) return { kind: whole.headProblem ? 'head' : 'chain', problem: whole.problem, walk: whole };
  const fromCheckpoint = await walkFromCheckpoint(c);
  if (fromCheckpoint.problem) return { kind: 'checkpoint', problem: fromCheckpoint.problem, walk: fromCheckpoint };
  return undefined;
}

export type PgAcknowledgement =
  | { outcome: 'nothing' }
  | { outcome: 'acknowledged'; broken: ChainBreak; record: AuditRecord; further?: ChainBreak }
  | { outcome: 'cannot'; broken: ChainBreak; why: string };

/**
 * npm run audit:acknowledge on PostgreSQL: appends one `audit.break-acknowledged` record for
 * the first unacknowledged break, with the head row locked so nothing is appended meanwhile.
 * Nothing is re-chained or deleted. When the head row disagrees with the records (records
 * deleted from the end, the head edited), an `audit.head-mismatch` record goes first: chained
 * on the head as every append is, it is where the walk now finds the break, and the
 * acknowledgement after it names it. When only the checkpoint is off, the acknowledgement
 * becomes the new checkpoint.
 */
export async function acknowledgePgBreak(
  pool: pg.Pool,
  appendIn: (c: pg.PoolClient, e: AuditEntry) => Promise<AuditRecord>,
  o: { reason: string; actor: AuditEntry['actor'] },
): Promise<PgAcknowledgement> {
  const done = await inTransaction(pool, async (c): Promise<PgAcknowledgement> => {
    await c.query('SELECT 1 FROM audit_head WHERE id FOR UPDATE');
    const found = await findProblem(c);
    if (!found) return { outcome: 'nothing' };
    const { kind, problem, walk } = found;
    if (kind === 'chain')
      return { outcome: 'acknowledged', broken: problem, record: await appendIn(c, acknowledgement(problem, o.reason, o.actor)) };
    if (kind === 'checkpoint') {
      const record = await appendIn(c, acknowledgement(problem, o.reason, o.actor));
      await c.query('UPDATE audit_checkpoint SET seq = $1, hash = $2, verified_at = now() WHERE id', [record.seq, record.hash]);
      return { outcome: 'acknowledged', broken: problem, record };
    }
    if (!walk.headRow || walk.headSeq < walk.last.seq) {
      return { outcome: 'cannot', broken: problem, why: headCannotMove(walk) };
    }
    const marker = await appendIn(c, {
      actor: o.actor,
      action: HEAD_MISMATCH,
      outcome: 'found',
      detail: { problem: problem.problem, headSeq: walk.headSeq, lastSeq: walk.last.seq },
    });
    const broken = { ...problem, seq: marker.seq, where: 'audit', lastGood: walk.last };
    return { outcome: 'acknowledged', broken, record: await appendIn(c, acknowledgement(broken, o.reason, o.actor)) };
  });
  if (done.outcome !== 'acknowledged') return done;
  const further = await inSnapshot(pool, findProblem);
  return further ? { ...done, further: further.problem } : done;
}

function headCannotMove(walk: PgWalk): string {
  return walk.headSeq < walk.last.seq
    ? `the chain head row (at ${walk.headSeq}) is behind the last record (${walk.last.seq}): records were added outside netops; remove them or restore the database from a backup`
    : 'the chain head row is missing: run npm run db:migrate against an empty schema and npm run audit:import, or restore the database from a backup';
}
