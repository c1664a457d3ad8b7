/**
 * A front that stopped (killed, host lost) leaves jobs running in workers with nobody to end
 * them. Another front adopts them once the stopped front's heartbeat is stale: it waits for
 * the work already queued (never sending anything again), reports devices never sent, records
 * the job's end and hands the summary to whoever shows it.
 */
import { DeviceError } from '../core/errors.js';
import { jobFinishedEntry } from '../core/job-audit.js';
import type { AuditReader, Clock, MessageRef, RunningJobRecord } from '../core/ports.js';
import type { Actor, DeviceResult, JobState, JobSummary } from '../core/types.js';
import type { PgStateStore } from '../store/postgres/pg-state-store.js';
import { eventsSince } from '../store/postgres/job-events.js';
import type { DeviceQueue } from '../store/postgres/queue.js';
import type pg from 'pg';
import type { QueueDispatch } from './dispatch.js';
import { recordFrontResult, type TransactionalAudit } from './front-result.js';

export interface TakeoverDeps {
  state: PgStateStore;
  audit: TransactionalAudit;
  pool: pg.Pool;
  queue: DeviceQueue;
  dispatch: QueueDispatch;
  clock: Clock;
  /** A front whose heartbeat is older than this is taken as stopped. */
  staleMs: number;
  log: (line: string) => void;
  reader: AuditReader;
  /** Told each never-sent device's result written here (see frontResultCounter). */
  counted?: (r: DeviceResult) => void;
  /** The adopted job's summary, for the adapter to show where the stopped front posted it (and counted there). */
  onFinished?: (job: JobSummary, message?: MessageRef) => void;
}

const neverSent = (device: string): DeviceResult => {
  const e = new DeviceError('cancelled', 'the front running this job stopped before this device was sent; nothing was done on it');
  return { device, status: 'skipped', durationMs: 0, error: { code: e.code, reason: e.message } };
};

/** Looks for stopped fronts' jobs every `everyMs`; resolves the returned stop once looking has ended. */
export function watchForOrphanedJobs(d: TakeoverDeps, everyMs: number): () => Promise<void> {
  const inFlight = new Set<Promise<unknown>>();
  let looking = false;
  const look = async () => {
    if (looking) return;
    looking = true;
    try {
      for (const rec of await d.state.adoptStaleJobs(d.staleMs)) {
        const p = adopt(d, rec).catch((err: unknown) => d.log(`netops front: could not finish ${rec.id}: ${String(err)}`));
        inFlight.add(p);
        void p.finally(() => inFlight.delete(p));
      }
    } catch (err) {
      d.log(`netops front: looking for stopped fronts' jobs failed: ${String((err as Error)?.message ?? err)}`);
    } finally {
      looking = false;
    }
  };
  const timer = setInterval(() => void look(), everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await Promise.all(inFlight);
  };
}

/** Ends one adopted job: results as the workers wrote them (or will), never-sent devices skipped. */
export async function adopt(d: TakeoverDeps, rec: RunningJobRecord): Promise<JobSummary> {
  d.log(`netops front: the front running ${rec.id} stopped; finishing it here`);
  const items = await d.queue.itemsOf(rec.id);
  const requested = (await d.reader.query({ jobId: rec.id, action: 'job.requested' }))[0]?.detail;
  const message = requested?.['message'] as (MessageRef & Record<string, string>) | undefined;
  const written = new Map<string, DeviceResult>();
  for (const e of await eventsSince(d.pool, rec.id, 0)) {
    if (e.kind === 'device-result' && e.payload.result) written.set(e.payload.result.device, e.payload.result);
  }
  const actor = { ...rec.actor, via: rec.actor.via as Actor['via'] };
  const waits = items.filter((i) => !written.has(i.work.device)).map((i) => d.dispatch.resume(i.work, i));
  const results = [...written.values(), ...(await Promise.all(waits))];
  const sent = new Set(items.map((i) => i.work.device));
  for (const device of rec.targets.filter((t) => !sent.has(t) && !written.has(t))) {
    results.push(await recordFrontResult(d.pool, d.audit, { id: rec.id, actor }, neverSent(device), { adoptedBy: 'front' }, d.counted));
  }
  const job: JobSummary = {
    id: rec.id,
    command: rec.command,
    commandLine: typeof requested?.['commandLine'] === 'string' ? requested['commandLine'] : rec.command,
    actor,
    state: 'running',
    targets: rec.targets,
    startedAt: rec.startedAt,
    finishedAt: d.clock.now(),
    results,
  };
  job.state = endState(job, sent.size < rec.targets.length);
  // Only while this front still owns it: if it stalled and a third front adopted it, that one ends it.
  if (!(await d.state.endOwnedJob(rec.id, jobFinishedEntry(job)))) {
    d.log(`netops front: ${rec.id} was taken over by another front meanwhile; it records the end, nothing recorded here`);
    return job;
  }
  d.onFinished?.(job, message?.channel && message.ts ? { channel: message.channel, ts: message.ts } : undefined);
  return job;
}

function endState(job: JobSummary, cutShort: boolean): JobState {
  if (cutShort) return 'interrupted';
  const ok = job.results.filter((r) => r.status === 'ok').length;
  if (job.results.some((r) => r.status === 'cancelled')) return 'cancelled';
  if (ok === job.results.length) return 'succeeded';
  return ok === 0 ? 'failed' : 'partially-failed';
}
