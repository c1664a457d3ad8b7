/**
 * A front's side of the queue (RemoteDevices): sends a device's work, follows the job's
 * events for its result, and watches the queue item, so a worker that died is reported
 * instead of waited for: a read that died twice as failed, a change as state unknown.
 */
import type pg from 'pg';
import { DeviceError } from '../core/errors.js';
import type { DeviceWork, RemoteDevices } from '../core/remote-work.js';
import type { Actor, DeviceResult } from '../core/types.js';
import { type JobEventFeed, type JobEventRow, lookAtDevices, writeJobEvent } from '../store/postgres/job-events.js';
import type { DeviceQueue } from '../store/postgres/queue.js';
import { recordFrontResult, type TransactionalAudit } from './front-result.js';

export interface DispatchDeps {
  queue: DeviceQueue;
  pool: pg.Pool;
  feed: JobEventFeed;
  /** Results no worker wrote (the worker died) are recorded here, each only if the device has none yet. */
  audit: TransactionalAudit;
  /** Told each result written here (see frontResultCounter): the metrics count it on this front. */
  counted?: (r: DeviceResult) => void;
  /** How often outstanding work's queue state is checked. */
  watchMs?: number;
  onError?: (err: unknown) => void;
}

interface Waiting {
  work: DeviceWork;
  item?: { queue: string; id: string };
  resolve: (r: DeviceResult) => void;
}

/** What a person is told when the worker stopped and nobody will say how the device ended. */
function orphaned(work: DeviceWork): DeviceResult {
  const e =
    work.kind === 'change'
      ? new DeviceError('state_unknown', `the worker applying the change stopped; the state of ${work.device} is unknown: check it by hand`)
      : new DeviceError('connection_lost', 'the worker running it stopped (and its retry too)');
  return { device: work.device, status: 'failed', durationMs: 0, error: { code: e.code, reason: e.message } };
}

export class QueueDispatch implements RemoteDevices {
  private readonly jobs = new Map<string, { waiting: Map<string, Waiting>; stop: () => void; timer: NodeJS.Timeout }>();
  private readonly cancelled = new Set<string>();
  private cancelListener: (jobId: string) => void = () => undefined;

  constructor(private readonly d: DispatchDeps) {}

  async run(work: DeviceWork, signal: AbortSignal): Promise<DeviceResult> {
    const job = this.jobFor(work.jobId);
    const result = new Promise<DeviceResult>((resolve) => {
      job.waiting.set(work.device, { work, resolve });
    });
    // Cancel: the workers are told; each item reports how it ended (never started, or stopped).
    const onAbort = () => void this.cancel(work.jobId);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    try {
      const item = await this.d.queue.enqueue(work);
      const w = job.waiting.get(work.device);
      if (w) w.item = item;
      return await result;
    } catch (err) {
      job.waiting.delete(work.device);
      const reason = `could not queue the work: ${(err as Error).message}`;
      const r: DeviceResult = { device: work.device, status: 'failed', durationMs: 0, error: { code: 'connection_lost', reason } };
      // No worker will record it: the trail hears it from here (if the database is reachable at all).
      const ref = { id: work.jobId, actor: work.actor as Actor };
      return await recordFrontResult(this.d.pool, this.d.audit, ref, r, {}, this.d.counted).catch((e: unknown) => {
        this.d.onError?.(e);
        return r;
      });
    } finally {
      signal.removeEventListener('abort', onAbort);
      if (job.waiting.size === 0) this.endJob(work.jobId);
    }
  }

  /** Waits for work another front queued (a job taken over from it): nothing is sent again. */
  async resume(work: DeviceWork, item: { queue: string; id: string }): Promise<DeviceResult> {
    const job = this.jobFor(work.jobId);
    try {
      return await new Promise<DeviceResult>((resolve) => {
        job.waiting.set(work.device, { work, item, resolve });
      });
    } finally {
      if (job.waiting.size === 0) this.endJob(work.jobId);
    }
  }

  private jobFor(jobId: string) {
    let job = this.jobs.get(jobId);
    if (job) return job;
    const waiting = new Map<string, Waiting>();
    const stop = this.d.feed.follow(jobId, (e) => this.onEvent(jobId, e));
    let watching = false;
    // One look at a time: a second look while the first is failing an item would spend a read's retry.
    const look = () => {
      if (watching) return;
      watching = true;
      void this.watch(jobId)
        .catch((err: unknown) => this.d.onError?.(err))
        .finally(() => {
          watching = false;
        });
    };
    const timer = setInterval(look, this.d.watchMs ?? 2000);
    timer.unref();
    job = { waiting, stop, timer };
    this.jobs.set(jobId, job);
    return job;
  }

  private endJob(jobId: string): void {
    const job = this.jobs.get(jobId);
    if (!job) return;
    job.stop();
    clearInterval(job.timer);
    this.jobs.delete(jobId);
    this.cancelled.delete(jobId);
  }

  onCancelled(listener: (jobId: string) => void): void {
    this.cancelListener = listener;
  }

  private onEvent(jobId: string, e: JobEventRow): void {
    if (e.kind === 'cancel') return this.cancelListener(jobId);
    if (e.kind !== 'device-result' || !e.payload.result) return;
    const job = this.jobs.get(jobId);
    const w = job?.waiting.get(e.payload.result.device);
    if (w) this.settle(jobId, w, e.payload.result);
  }

  /**
   * Items whose worker is gone, found two ways: the queue gave up on them (expired, no retry
   * left), or the worker that started the device let its lease lapse with no result (killed,
   * frozen, cut off). The first is reported here; the second is failed in the queue, so a read
   * goes back for its one retry and a change ends (never re-run). Results, starts and leases
   * are read in one snapshot (lookAtDevices), and the front's own result is written only if
   * the device has none: a worker finishing meanwhile keeps its result, never gets a second.
   */
  private async watch(jobId: string): Promise<void> {
    const job = this.jobs.get(jobId);
    if (!job) return;
    const items = [...job.waiting.values()].filter((w) => w.item);
    if (!items.length) return;
    const states = await this.d.queue.states(items.map((w) => w.item!.id));
    // Only what this look needs: the items that left the queue's waiting state.
    const devices = items.filter((w) => states.get(w.item!.id)?.state !== 'created').map((w) => w.work.device);
    if (!devices.length) return;
    const looks = await lookAtDevices(this.d.pool, jobId, devices);
    for (const w of items) {
      const look = looks.get(w.work.device);
      if (!look) continue;
      if (look.result) {
        this.settle(jobId, w, look.result);
        continue;
      }
      const { state, retryCount } = states.get(w.item!.id) ?? { state: 'gone', retryCount: 0 };
      if (state === 'active') {
        const s = look.started;
        if (!s?.holder || s.attempt !== retryCount || look.live) continue;
        await this.d.queue.fail(w.item!.queue, w.item!.id, `worker ${s.worker} stopped holding ${w.work.device}`);
        if (w.work.kind === 'read') continue; // back in the queue for its retry
      } else if (state !== 'failed' && state !== 'cancelled' && state !== 'gone' && state !== 'completed') {
        continue;
      }
      const ref = { id: jobId, actor: w.work.actor as Actor };
      const reported = await recordFrontResult(this.d.pool, this.d.audit, ref, orphaned(w.work), { queueState: state }, this.d.counted);
      this.settle(jobId, w, reported);
    }
  }

  private settle(jobId: string, w: Waiting, result: DeviceResult): void {
    const job = this.jobs.get(jobId);
    if (!job?.waiting.has(w.work.device)) return;
    job.waiting.delete(w.work.device);
    w.resolve(result);
  }

  /** Writes the job's cancel once; workers holding its devices stop, and queued items end as cancelled. */
  async cancel(jobId: string): Promise<void> {
    if (this.cancelled.has(jobId)) return;
    this.cancelled.add(jobId);
    await writeJobEvent(this.d.pool, { jobId, kind: 'cancel', payload: {} }).catch((err: unknown) => this.d.onError?.(err));
  }

  close(): void {
    for (const id of [...this.jobs.keys()]) this.endJob(id);
  }
}
