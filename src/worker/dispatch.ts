/**
 * A front's side of the queue (RemoteDevices): sends a device's work, follows the job's
 * events for its result, and watches the queue item, so a worker that died is reported
 * instead of waited for: a read that died twice as failed, a change as state unknown.
 */
import type pg from 'pg';
import { DeviceError } from '../core/errors.js';
import { recordDeviceResult } from '../core/job-audit.js';
import type { AuditSink } from '../core/ports.js';
import type { DeviceWork, RemoteDevices } from '../core/remote-work.js';
import type { Actor, DeviceResult } from '../core/types.js';
import { eventsSince, type JobEventFeed, type JobEventRow, writeJobEvent } from '../store/postgres/job-events.js';
import type { DeviceQueue } from '../store/postgres/queue.js';

export interface DispatchDeps {
  queue: DeviceQueue;
  pool: pg.Pool;
  feed: JobEventFeed;
  /** Results no worker wrote (the worker died) are recorded here. */
  audit: AuditSink;
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
      return { device: work.device, status: 'failed', durationMs: 0, error: { code: 'connection_lost', reason } };
    } finally {
      signal.removeEventListener('abort', onAbort);
      if (job.waiting.size === 0) this.endJob(work.jobId);
    }
  }

  private jobFor(jobId: string) {
    let job = this.jobs.get(jobId);
    if (job) return job;
    const waiting = new Map<string, Waiting>();
    const stop = this.d.feed.follow(jobId, (e) => this.onEvent(jobId, e));
    const timer = setInterval(() => void this.watch(jobId).catch((err: unknown) => this.d.onError?.(err)), this.d.watchMs ?? 3000);
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

  private onEvent(jobId: string, e: JobEventRow): void {
    if (e.kind !== 'device-result' || !e.payload.result) return;
    const job = this.jobs.get(jobId);
    const w = job?.waiting.get(e.payload.result.device);
    if (!w) return;
    job!.waiting.delete(e.payload.result.device);
    w.resolve(e.payload.result);
  }

  /** Items the queue gave up on (their worker died, no retry left) with no result written: reported and recorded here. */
  private async watch(jobId: string): Promise<void> {
    const job = this.jobs.get(jobId);
    if (!job) return;
    const items = [...job.waiting.values()].filter((w) => w.item);
    const states = await this.d.queue.states(items.map((w) => w.item!.id));
    for (const w of items) {
      const state = states.get(w.item!.id) ?? 'gone';
      if (state !== 'failed' && state !== 'cancelled' && state !== 'gone' && state !== 'completed') continue;
      // Its result may have been written just before: the rows say.
      const rows = await eventsSince(this.d.pool, jobId, 0);
      const written = rows.find((r) => r.kind === 'device-result' && r.payload.result?.device === w.work.device);
      if (!job.waiting.has(w.work.device)) continue;
      job.waiting.delete(w.work.device);
      if (written?.payload.result) {
        w.resolve(written.payload.result);
        continue;
      }
      const result = orphaned(w.work);
      await recordDeviceResult(this.d.audit, { id: jobId, actor: w.work.actor as Actor }, result, { queueState: state });
      w.resolve(result);
    }
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
