/**
 * What the core tells whoever counts its work (the metrics), whichever process runs it: an
 * embedded bot, a scale-out front (jobs) or a worker (devices). Adapters no longer count jobs
 * themselves, so a Slack front, the console and a worker all count the same way.
 *
 * Each device result is told once, by the process that records it in the audit trail: the
 * embedded bot for its own devices, the worker for a device it ran; a scale-out front, which
 * only waits for workers, tells its jobs and only the device results it wrote itself (a dead
 * worker's device, work never sent), so no result is counted twice when the processes'
 * metrics are summed. A job taken over from a stopped front is told once, by the front that
 * finished it.
 */
import type { DeviceStatus, JobState } from './types.js';

export interface WorkObserver {
  /** A job began running (after its request was recorded). */
  jobStarted(job: { id: string; command: string }): void;
  /**
   * A job ended, however it ended (a job whose trail failed ends `failed`). `adopted`: this
   * process finished it for a front that stopped; it never started here (nothing to lower in
   * the running jobs), and the stopped front never counted its end.
   */
  jobEnded(job: { id: string; command: string; outcome: JobState; adopted?: boolean }): void;
  /**
   * One device's result, recorded by this process. `seconds` is absent when no process ran the
   * device (a front recorded the result because the worker died or the work was never sent).
   */
  deviceResult(r: { platform: string; outcome: DeviceStatus; seconds?: number }): void;
  /** How long a device's work waited to start: for a slot here, or in the queue for a worker. */
  queueWait(seconds: number): void;
}

const NOTHING: WorkObserver = {
  jobStarted: () => undefined,
  jobEnded: () => undefined,
  deviceResult: () => undefined,
  queueWait: () => undefined,
};

/**
 * The observer with each hook guarded: a counter that throws (a bad label) is reported to
 * `onError` and never stops a job or loses a device's result. Absent: one that does nothing.
 */
export function guardObserver(o: Partial<WorkObserver> | undefined, onError: (err: unknown) => void = () => undefined): WorkObserver {
  if (!o) return NOTHING;
  const guard =
    <A extends unknown[]>(hook: ((...a: A) => void) | undefined) =>
    (...a: A) => {
      try {
        hook?.apply(o, a);
      } catch (err) {
        onError(err);
      }
    };
  return {
    jobStarted: guard(o.jobStarted),
    jobEnded: guard(o.jobEnded),
    deviceResult: guard(o.deviceResult),
    queueWait: guard(o.queueWait),
  };
}
