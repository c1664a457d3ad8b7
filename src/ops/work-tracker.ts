/**
 * The jobs this process is running, as the stop controller needs them: what is left on which
 * device, a way to stop them, and a promise that they have all ended. Adapters add each job
 * they start (Slack, the console, a worker); nothing in core changes for it.
 */
import type { JobSummary } from '../core/types.js';

export interface TrackedJob {
  job: JobSummary;
  cancel(): void;
  done: Promise<unknown>;
}

/** A job still running, with the devices that have no final result yet. */
export interface RunningWork {
  jobId: string;
  command: string;
  actor: JobSummary['actor'];
  targets: string[];
  /** Devices that had not ended (or were cancelled) when this was taken. */
  devicesLeft: string[];
  /** The live job, to see again what is left after the wind-down. */
  job: JobSummary;
}

const FINAL = new Set(['ok', 'failed', 'timeout', 'skipped']);

export class WorkTracker {
  private readonly jobs = new Set<TrackedJob>();

  add(t: TrackedJob): void {
    this.jobs.add(t);
    // Failures are reported where the job is awaited; here only the set is kept current.
    void t.done.finally(() => this.jobs.delete(t)).catch(() => undefined);
  }

  get size(): number {
    return this.jobs.size;
  }

  running(): RunningWork[] {
    return [...this.jobs].map(({ job }) => workOf(job));
  }

  /** Resolves once every job added so far (and any added meanwhile) has ended. */
  async settled(): Promise<void> {
    while (this.jobs.size) await Promise.allSettled([...this.jobs].map((j) => j.done));
  }

  /** Cancels every job: reads stop at once; a device mid-change finishes its change or its rollback first. */
  interrupt(): void {
    for (const j of this.jobs) j.cancel();
  }
}

export function workOf(job: JobSummary): RunningWork {
  const ended = new Set(job.results.filter((r) => FINAL.has(r.status)).map((r) => r.device));
  return {
    jobId: job.id,
    command: job.command,
    actor: job.actor,
    targets: job.targets,
    devicesLeft: job.targets.filter((d) => !ended.has(d)),
    job,
  };
}
