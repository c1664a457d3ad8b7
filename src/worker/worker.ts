/**
 * The worker: takes device work from the queue, holds the device (and, for a change, its
 * redundancy group) by lease, runs it over SSH, and writes the result with who ran it. A
 * change delivered a second time is never run again: it is reported state unknown.
 */
import type pg from 'pg';
import { DeviceError } from '../core/errors.js';
import type { Exclusion, Hold } from '../core/exclusion.js';
import { recordDeviceResult } from '../core/job-audit.js';
import { runOnDevice } from '../core/job-engine.js';
import type { AuditEntry, AuditRecord, AuditSink, Clock, DeviceConnector } from '../core/ports.js';
import type { Redactor } from '../core/redact.js';
import type { Registry } from '../core/registry.js';
import type { DeviceWork } from '../core/remote-work.js';
import type { Actor, DeviceResult, JobSummary } from '../core/types.js';
import { guardObserver, type WorkObserver } from '../core/work-observer.js';
import type { Inventory } from '../inventory/inventory.js';
import { eventsAbout, type Fence, insertDeviceResult, type JobEventFeed, writeJobEvent } from '../store/postgres/job-events.js';
import { inTransaction } from '../store/postgres/pool.js';
import { observed, type StoreObserver } from '../store/postgres/store-observer.js';
import { buildWork } from './device-work.js';
import { holdFailure } from './hold-failure.js';
import type { Backups } from '../core/backups.js';

export interface WorkerDeps {
  identity: string;
  registry: Registry;
  inventory: Inventory;
  connector: DeviceConnector;
  /** Appends inside the worker's transaction (PgAuditLog.appendIn). */
  audit: { appendIn(c: pg.PoolClient, e: AuditEntry): Promise<AuditRecord> };
  pool: pg.Pool;
  feed: JobEventFeed;
  exclusion: Exclusion;
  fence: Fence;
  clock: Clock;
  redact: Redactor;
  limits: { deviceTimeoutMs: number; commandTimeoutMs: number; holdWaitMs: number };
  log: (line: string) => void;
  /** issue 15: backup and diff-config keep and read configurations here (PostgreSQL). */
  backups?: Backups;
  /** Told each device result this worker writes and how long its write took to commit (the metrics). */
  observer?: Partial<Pick<WorkObserver, 'deviceResult'> & Pick<StoreObserver, 'auditAppend'>>;
}

const failed = (device: string, e: DeviceError, status: DeviceResult['status'] = 'failed'): DeviceResult => ({
  device,
  status,
  durationMs: 0,
  error: { code: e.code, reason: e.message },
});

/** Runs one work item to a written result; throws only when the result could not be written (the queue then retries or fails it). */
export async function handleWork(d: WorkerDeps, work: DeviceWork, attempt: number): Promise<void> {
  const ctrl = new AbortController();
  // A cancel from any front reaches this worker through the job's events.
  const unfollow = d.feed.follow(work.jobId, (e) => {
    if (e.kind === 'cancel') ctrl.abort(new DeviceError('cancelled', 'cancelled while running'));
  });
  let hold: Hold | undefined;
  try {
    const earlier = await eventsAbout(d.pool, work.jobId, {
      kinds: ['device-started', 'device-result'],
      devices: [work.device],
      withCancel: true,
    });
    // Already decided (the front reported this worker's predecessor dead, or that one finished after all): one result per device.
    if (earlier.some((e) => e.kind === 'device-result'))
      return d.log(`netops worker ${d.identity}: ${work.device} (${work.jobId}) already has a result; not run again`);
    if (earlier.some((e) => e.kind === 'cancel')) return await write(d, work, attempt, cancelledEarly(work.device));
    const device = d.inventory.get(work.device);
    if (!device)
      return await write(d, work, attempt, failed(work.device, new DeviceError('unsupported', "not in this worker's inventory")));
    let built: ReturnType<typeof buildWork>;
    try {
      built = buildWork(work, device, d.registry, d.backups);
    } catch (err) {
      if (!(err instanceof DeviceError)) throw err;
      return await write(d, work, attempt, failed(work.device, err));
    }
    const waitCtrl = AbortSignal.any([ctrl.signal, AbortSignal.timeout(d.limits.holdWaitMs)]);
    try {
      hold = await d.exclusion.hold(built.keys, { holder: holderOf(d, work), signal: waitCtrl });
    } catch (err) {
      if (ctrl.signal.aborted) return await write(d, work, attempt, cancelledEarly(work.device));
      return await write(d, work, attempt, failed(work.device, holdFailure(err, built.keys, d.limits.holdWaitMs)));
    }
    const holder = holderOf(d, work);
    // Under the lease, so no other worker is between this check and the mark.
    const started = earlier.some((e) => e.kind === 'device-started' && e.payload.device === work.device);
    if (work.kind === 'change' && (started || attempt > 0)) {
      const unknown = new DeviceError(
        'state_unknown',
        `a worker stopped while changing ${work.device}; not re-run: its state is unknown, check it by hand`,
      );
      return await write(d, work, attempt, failed(work.device, unknown), hold);
    }
    // Tells fronts who is on the device: if that holder's lease lapses with no result, the worker is gone.
    await writeJobEvent(
      d.pool,
      { jobId: work.jobId, kind: 'device-started', payload: { device: work.device, attempt, holder }, worker: d.identity },
      { fence: d.fence, tokens: hold.tokens },
    );
    const result = await runOnDevice(device, {
      // The actor travels with the work: backups record who asked.
      job: { id: work.jobId, actor: work.actor as Actor } as JobSummary,
      operation: built.operation,
      connector: d.connector,
      deviceTimeoutMs: d.limits.deviceTimeoutMs,
      commandTimeoutMs: d.limits.commandTimeoutMs,
      signal: ctrl.signal,
      clock: d.clock,
      redact: d.redact,
      guardOperation: built.guard,
      lost: hold.lost,
    });
    if (hold.lost.aborted) d.log(`netops worker: lost the lease on ${work.device} (${String(hold.lost.reason)}); stopped touching it`);
    await write(d, work, attempt, result, hold);
  } finally {
    unfollow();
    await hold?.release().catch(() => undefined);
  }
}

/** A written result is counted once, here, by the worker that wrote it (the front waiting for it does not count it). */
function counted(d: WorkerDeps, work: DeviceWork, result: DeviceResult, commitSeconds: number): void {
  // The record is durable once the transaction commits: that is the append's latency here.
  observed(d.observer, 'auditAppend', commitSeconds);
  const platform = d.inventory.get(work.device)?.platform ?? 'unknown';
  guardObserver(d.observer, (err) => d.log(`netops worker: a metric failed: ${String(err)}`)).deviceResult({
    platform,
    outcome: result.status,
    seconds: result.durationMs / 1000,
  });
}

function cancelledEarly(device: string): DeviceResult {
  return { device, status: 'cancelled', durationMs: 0, error: { code: 'cancelled', reason: 'cancelled before it started' } };
}

/** The lease holder name of a work item: fronts read it back to check the worker is still alive. */
const holderOf = (d: WorkerDeps, work: DeviceWork) => `${d.identity}/${work.jobId}/${work.device}`;

/**
 * The result into the trail (naming this worker) and the event the front waits for, in one
 * transaction, fenced: a worker whose lease lapsed writes neither (and the throw tells the
 * queue the item failed). The event goes first and only if the device has no result yet (a
 * front that took this worker for dead wrote one): then nothing is written, audit included.
 */
async function write(d: WorkerDeps, work: DeviceWork, attempt: number, result: DeviceResult, hold?: Hold): Promise<void> {
  try {
    const askedAt = performance.now();
    const written = await inTransaction(d.pool, async (c) => {
      if (hold) await d.fence(c, hold.tokens);
      if ((await insertDeviceResult(c, { jobId: work.jobId, result, worker: d.identity })) === undefined) return false;
      const sink: AuditSink = { append: (e) => d.audit.appendIn(c, e), flush: async () => undefined };
      await recordDeviceResult(sink, { id: work.jobId, actor: work.actor as Actor }, result, { worker: d.identity, attempt });
      return true;
    });
    if (written) counted(d, work, result, (performance.now() - askedAt) / 1000);
    else d.log(`netops worker ${d.identity}: the result of ${work.device} (${work.jobId}) was not written: the device already has one`);
  } catch (err) {
    d.log(
      `netops worker ${d.identity}: the result of ${work.device} (${work.jobId}) was not written: ${d.redact(String((err as Error)?.message ?? err))}`,
    );
    throw err;
  }
}
