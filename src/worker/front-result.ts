/**
 * A device result the front writes itself (the worker died, the work could not be queued, the
 * device was never sent): written only if the device has no result yet, in one transaction
 * with its audit record, so a worker's result and the front's can never both stand. Whichever
 * committed first is the device's result; the caller gets that one. A result written here is
 * counted here (`counted`), once committed: no worker recorded it, so no other process counts it.
 */
import type pg from 'pg';
import { recordDeviceResult } from '../core/job-audit.js';
import type { AuditEntry, AuditRecord, AuditSink } from '../core/ports.js';
import type { Actor, DeviceResult } from '../core/types.js';
import type { WorkObserver } from '../core/work-observer.js';
import { insertDeviceResult } from '../store/postgres/job-events.js';
import { inTransaction } from '../store/postgres/pool.js';

/** Appends inside a caller's transaction (PgAuditLog.appendIn). */
export interface TransactionalAudit {
  appendIn(c: pg.PoolClient, e: AuditEntry): Promise<AuditRecord>;
}

export async function recordFrontResult(
  pool: pg.Pool,
  audit: TransactionalAudit,
  job: { id: string; actor: Actor },
  result: DeviceResult,
  extra: Record<string, unknown> = {},
  counted: (r: DeviceResult) => void = () => undefined,
): Promise<DeviceResult> {
  let wrote = false;
  const standing = await inTransaction(pool, async (c) => {
    // The result row first, the audit head after: the order every writer uses (no deadlock).
    if ((await insertDeviceResult(c, { jobId: job.id, result })) !== undefined) {
      const sink: AuditSink = { append: (e) => audit.appendIn(c, e), flush: async () => undefined };
      await recordDeviceResult(sink, job, result, extra);
      wrote = true;
      return result;
    }
    const first = await c.query<{ payload: { result: DeviceResult } }>(
      `SELECT payload FROM job_events WHERE job_id = $1 AND kind = 'device-result' AND payload->>'device' = $2`,
      [job.id, result.device],
    );
    return first.rows[0]?.payload.result ?? result;
  });
  if (wrote) counted(standing);
  return standing;
}

/**
 * Counts a result the front wrote: the platform from the front's inventory (the same file the
 * workers read), no device time (nobody ran it). `observer` is a guarded one: a counter that
 * throws never loses the result.
 */
export function frontResultCounter(
  platformOf: (device: string) => string | undefined,
  observer: Pick<WorkObserver, 'deviceResult'>,
): (r: DeviceResult) => void {
  return (r) => observer.deviceResult({ platform: platformOf(r.device) ?? 'unknown', outcome: r.status });
}
