import type pg from 'pg';
import type {
  AuditEntry,
  AuditRecord,
  ChangeDecision,
  ConfirmClaim,
  ConfirmOfferRecord,
  PendingChangeRecord,
  RunningJobRecord,
  StateStore,
} from '../../core/ports.js';
import { withApprovals } from '../../core/policy/approval-step.js';
import { inTransaction } from './pool.js';

/**
 * The bot's state in PostgreSQL, shared by every front and worker: job numbers from a
 * sequence (never handed out twice, across processes and rollbacks), running jobs with the
 * front that owns them and its heartbeat, and change requests whose decision is one
 * conditional UPDATE, so of any number of clicks and fronts exactly one wins.
 */
export class PgStateStore implements StateStore {
  constructor(
    private readonly pool: pg.Pool,
    /** Who runs jobs started here (host name and pid): another front takes them over when it stops heartbeating. */
    private readonly owner = 'netops',
    /** Appends inside a transaction of this pool (PgAuditLog.appendIn): needed by endOwnedJob. */
    private readonly appendIn?: (c: pg.PoolClient, e: AuditEntry) => Promise<AuditRecord>,
  ) {}

  async nextJobNumber(): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(`SELECT nextval('job_number') AS n`);
    return Number(rows[0]!.n);
  }

  async jobStarted(job: RunningJobRecord): Promise<void> {
    const { changing: _changing, ...record } = job;
    await inTransaction(this.pool, async (c) => {
      await c.query(
        `INSERT INTO running_jobs (id, record, owner) VALUES ($1, $2, $3)
         ON CONFLICT (id) DO UPDATE SET record = excluded.record, owner = excluded.owner, heartbeat_at = now()`,
        [job.id, JSON.stringify(record), this.owner],
      );
      for (const device of job.changing ?? [])
        await c.query('INSERT INTO changing_devices (job_id, device) VALUES ($1, $2) ON CONFLICT DO NOTHING', [job.id, device]);
    });
  }

  async jobEnded(jobId: string): Promise<void> {
    await inTransaction(this.pool, async (c) => {
      await c.query('DELETE FROM changing_devices WHERE job_id = $1', [jobId]);
      await c.query('DELETE FROM running_jobs WHERE id = $1', [jobId]);
    });
  }

  /**
   * The job's end, recorded and ended only while this owner still owns it (the row locked, so
   * an adoption waits or has happened): a front frozen past its staleness and then woken finds
   * the job adopted and records nothing, so a job never ends twice.
   */
  async endOwnedJob(jobId: string, end: AuditEntry): Promise<boolean> {
    const appendIn = this.appendIn;
    if (!appendIn) throw new Error('PgStateStore.endOwnedJob needs the audit log (built without one)');
    return inTransaction(this.pool, async (c) => {
      const { rows } = await c.query('SELECT 1 FROM running_jobs WHERE id = $1 AND owner = $2 FOR UPDATE', [jobId, this.owner]);
      if (!rows.length) return false;
      await appendIn(c, end);
      await c.query('DELETE FROM changing_devices WHERE job_id = $1', [jobId]);
      await c.query('DELETE FROM running_jobs WHERE id = $1', [jobId]);
      return true;
    });
  }

  async markChanging(jobId: string, device: string, changing: boolean): Promise<void> {
    await this.pool.query(
      changing
        ? 'INSERT INTO changing_devices (job_id, device) SELECT $1, $2 WHERE EXISTS (SELECT 1 FROM running_jobs WHERE id = $1) ON CONFLICT DO NOTHING'
        : 'DELETE FROM changing_devices WHERE job_id = $1 AND device = $2',
      [jobId, device],
    );
  }

  async runningJobs(): Promise<RunningJobRecord[]> {
    const { rows } = await this.pool.query<{ record: RunningJobRecord; changing: string[] | null }>(
      `SELECT j.record, (SELECT array_agg(d.device ORDER BY d.device) FROM changing_devices d WHERE d.job_id = j.id) AS changing
       FROM running_jobs j ORDER BY j.id`,
    );
    return rows.map((r) => (r.changing ? { ...r.record, changing: r.changing } : r.record));
  }

  /** Keeps this owner's running jobs alive; a front that stops calling this is taken as gone after a while. */
  async heartbeat(): Promise<void> {
    await this.pool.query('UPDATE running_jobs SET heartbeat_at = now() WHERE owner = $1', [this.owner]);
  }

  /**
   * Takes over running jobs whose owner has not heartbeated for `staleMs` (by the database
   * clock), for this owner; resolves with the jobs taken. Two fronts racing take each job once.
   */
  async adoptStaleJobs(staleMs: number): Promise<RunningJobRecord[]> {
    const { rows } = await this.pool.query<{ id: string }>(
      `UPDATE running_jobs SET owner = $1, heartbeat_at = now()
       WHERE id IN (SELECT id FROM running_jobs WHERE heartbeat_at < now() - make_interval(secs => $2) AND owner IS DISTINCT FROM $1
                    FOR UPDATE SKIP LOCKED)
       RETURNING id`,
      [this.owner, staleMs / 1000],
    );
    const ids = new Set(rows.map((r) => r.id));
    return (await this.runningJobs()).filter((j) => ids.has(j.id));
  }

  /**
   * Saves a new request, or updates one still pending (its message ref); a decided one is never
   * revived. The stored approvals stay: the saving front's copy may predate an approval another
   * front counted (decideChange), and a save must not undo it.
   */
  async saveChange(change: PendingChangeRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO pending_changes (id, record) VALUES ($1, $2)
       ON CONFLICT (id) DO UPDATE SET record = CASE WHEN pending_changes.record ? 'approval'
           THEN excluded.record || jsonb_build_object('approval', pending_changes.record->'approval')
           ELSE excluded.record END
       WHERE pending_changes.state = 'pending'`,
      [change.id, JSON.stringify(change)],
    );
  }

  async dropChange(id: string): Promise<void> {
    await this.pool.query(`UPDATE pending_changes SET state = 'dropped', decided_at = now() WHERE id = $1 AND state = 'pending'`, [id]);
  }

  async pendingChanges(): Promise<PendingChangeRecord[]> {
    const { rows } = await this.pool.query<{ record: PendingChangeRecord }>(
      `SELECT record FROM pending_changes WHERE state = 'pending' ORDER BY (record->>'createdAt')::bigint, id`,
    );
    return rows.map((r) => r.record);
  }

  /**
   * One approval, in one transaction. Why a row lock (SELECT ... FOR UPDATE on the request's
   * row) rather than the alternatives: the decision reads the whole set of approvals counted so
   * far and the policy (in Node, not SQL) to tell "counted" from "complete", so read, decide and
   * write must not interleave with another decision on the same request. The lock queues them
   * (other requests do not wait), and under READ COMMITTED the one that waited reads the row as
   * the first committed it: it sees that approval (counted, never lost; the same person twice is
   * refused by the policy) and the state (claimed: nothing to start again). A unique
   * (change, approver) row alone would stop double counting but not two approvers each seeing
   * one short, so that neither (or both) starts the change; SERIALIZABLE would be right too,
   * but needs a retry loop that re-runs `decide`, for no gain on one row. The audit record is
   * appended in the same transaction (the chain head locked after the request row, an order no
   * other transaction reverses), so an approval is counted if and only if it is in the trail.
   */
  async decideChange<D extends ChangeDecision>(
    id: string,
    decide: (stored: PendingChangeRecord) => D,
  ): Promise<{ change: PendingChangeRecord; decision: D; recorded: boolean } | undefined> {
    const appendIn = this.appendIn;
    let refused: { err: unknown } | undefined;
    const out = await inTransaction(this.pool, async (c) => {
      const { rows } = await c.query<{ record: PendingChangeRecord }>(
        `SELECT record FROM pending_changes WHERE id = $1 AND state = 'pending' FOR UPDATE`,
        [id],
      );
      const stored = rows[0]?.record;
      if (!stored) return undefined;
      let decision: D;
      try {
        decision = decide(stored);
      } catch (err) {
        // A refusal (the same person twice, the requester): the transaction ends cleanly, and its
        // connection goes back to the pool instead of being dropped as after a database failure.
        refused = { err };
        return undefined;
      }
      const change = withApprovals(stored, decision.approvals);
      if (decision.kind === 'count') {
        await c.query('UPDATE pending_changes SET record = $2 WHERE id = $1', [id, JSON.stringify(change)]);
      } else {
        await c.query(`UPDATE pending_changes SET state = 'claimed', decided_by = $2, decided_at = now(), record = $3 WHERE id = $1`, [
          id,
          decision.by,
          JSON.stringify(change),
        ]);
      }
      if (appendIn) await appendIn(c, decision.record);
      return { change, decision, recorded: appendIn !== undefined };
    });
    if (refused) throw refused.err;
    return out;
  }

  /** One conditional UPDATE: the row lock makes concurrent claims queue, and only the first finds it pending. */
  async claimChange(id: string, by: { approver: string }): Promise<PendingChangeRecord | undefined> {
    const { rows } = await this.pool.query<{ record: PendingChangeRecord }>(
      `UPDATE pending_changes SET state = 'claimed', decided_by = $2, decided_at = now()
       WHERE id = $1 AND state = 'pending' RETURNING record`,
      [id, by.approver],
    );
    return rows[0]?.record;
  }

  /** Saves the offer and prunes the expired ones, in one transaction. */
  async saveConfirmOffer(token: string, offer: ConfirmOfferRecord, now: number): Promise<void> {
    await inTransaction(this.pool, async (c) => {
      await c.query('DELETE FROM confirm_offers WHERE expires_at <= $1', [now]);
      await c.query('INSERT INTO confirm_offers (token, user_id, record, expires_at) VALUES ($1, $2, $3, $4)', [
        token,
        offer.user,
        JSON.stringify(offer),
        offer.expiresAt,
      ]);
    });
  }

  /**
   * The claim is the one DELETE of the owner's row: concurrent claims queue on its row lock and
   * only the first gets it back. The SELECT after a miss only words the refusal.
   */
  async claimConfirmOffer(token: string, by: { user: string; now: number }): Promise<ConfirmClaim> {
    const { rows } = await this.pool.query<{ record: ConfirmOfferRecord; live: boolean }>(
      'DELETE FROM confirm_offers WHERE token = $1 AND user_id = $2 RETURNING record, expires_at > $3 AS live',
      [token, by.user, by.now],
    );
    const taken = rows[0];
    if (taken) return taken.live ? { outcome: 'claimed', offer: taken.record } : { outcome: 'expired' };
    const other = await this.pool.query('SELECT 1 FROM confirm_offers WHERE token = $1', [token]);
    return other.rows.length ? { outcome: 'not-yours' } : { outcome: 'missing' };
  }
}
