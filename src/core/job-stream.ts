import type { ChatSurface, Clock, JobEvent, MessageRef } from './ports.js';
import type { JobHandle } from './service.js';
import type { JobSummary } from './types.js';
import { toJobView } from '../render/job-view.js';
import { percentile } from './percentile.js';

export interface StreamOptions {
  clock: Clock;
  /** Least time between two edits of the job message (Slack: about one a second). */
  minUpdateIntervalMs: number;
  /** Extra audit fields that tie the job to its message. */
  messageRef?: (ref: MessageRef) => Record<string, string>;
  /**
   * How long progress waits after a device finishes before it is drawn (default 300 ms): devices
   * often finish in a burst that ends the job, and a progress edit drawn at the burst's start
   * would make the summary wait out a whole interval behind it.
   */
  settleMs?: number;
  /** The timers pacing waits on (default the process's); tests pass a virtual clock's to check pacing in its time. */
  timers?: StreamTimers;
  /** Who else had a part in the job (`approved by bob`), named in its messages. */
  note?: string;
}

/** setTimeout and clearTimeout, injectable so that pacing can be tested without the machine's speed in it. */
export interface StreamTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const processTimers: StreamTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

const SETTLE_MS = 300;

/**
 * Streams a job to a chat surface: one message, edited as devices finish but never more
 * often than `minUpdateIntervalMs`, ending with the summary, which is always sent.
 * Edits never overlap: one in flight at a time, and only the newest state is drawn.
 */
export async function streamJob(handle: JobHandle, surface: ChatSurface, o: StreamOptions): Promise<JobSummary> {
  const { job } = handle;
  const timers = o.timers ?? processTimers;
  const view = () => toJobView(job, handle.columns, o.clock.now(), handle.attachOutput, o.note);
  const ref = await surface.postJob(view());
  // The interval is between edits; a job that ends at once gets its summary at once.
  let lastSent = Number.NEGATIVE_INFINITY;
  let inFlight: Promise<void> = Promise.resolve();
  let timer: unknown;
  let finished = false;

  /** Waits until an edit is allowed: the interval counts from when the previous edit got through. */
  const untilAllowed = async () => {
    const wait = lastSent + o.minUpdateIntervalMs - o.clock.now();
    if (wait > 0) await new Promise((r) => timers.setTimeout(() => r(undefined), wait));
  };
  /**
   * Only an edit actually sent takes the turn: a progress edit given up because the job ended
   * while it waited must not push the summary a whole interval further back.
   */
  const edit = () => {
    lastSent = o.clock.now();
    // A retried edit (after a 429) reaches Slack late: count the interval from when it got through.
    return surface
      .updateJob(ref, view(), () => fullOutput(job))
      .finally(() => {
        lastSent = o.clock.now();
      });
  };
  // Once the job has ended (its results may still be going into the audit trail) the summary
  // is next: a progress edit then would draw the finished job, its file included, twice.
  const ended = () => finished || job.finishedAt !== undefined;
  /**
   * The job should end, at the p90 of the durations so far, before another edit could go: an
   * edit now would make the summary wait a whole interval behind it. The devices left run in
   * waves as wide as the devices running now; the current wave ends when its last-started
   * device does, each further wave adds a p90 (waves overlap, so this errs late: fewer holds).
   * Jobs that do not say when devices start are never held.
   */
  const nearlyOver = () => {
    const last = job.lastDeviceStartedAt;
    const running = (job.devicesStarted ?? 0) - job.results.length;
    if (last === undefined || running <= 0) return false;
    const p90 = percentile(
      job.results.map((r) => r.durationMs).sort((a, b) => a - b),
      0.9,
    );
    if (p90 === undefined) return false;
    const waves = Math.max(1, Math.ceil((job.targets.length - job.results.length) / running));
    return last + waves * p90 - o.clock.now() < o.minUpdateIntervalMs;
  };

  /** A progress edit is held (see nearlyOver); edits queued meanwhile leave the drawing to it. */
  let holding = false;
  const send = (afterHold = false) => {
    timer = undefined;
    inFlight = inFlight
      .then(async () => {
        if (ended()) return;
        await untilAllowed();
        if (ended() || (holding && !afterHold)) return;
        // Held once at most: when the guess is wrong (a slow last device), progress is one interval late.
        if (!holding && nearlyOver()) {
          holding = true;
          if (timer) timers.clearTimeout(timer);
          timer = timers.setTimeout(() => send(true), o.minUpdateIntervalMs);
          return;
        }
        holding = false;
        await edit();
      })
      .catch(() => undefined); // a lost progress edit is harmless: the next one or the summary redraws everything
  };
  const onEvent = (e: JobEvent) => {
    if (e.type !== 'device-done' || timer || ended()) return;
    timer = timers.setTimeout(() => send(), Math.max(o.settleMs ?? SETTLE_MS, lastSent + o.minUpdateIntervalMs - o.clock.now()));
  };

  let summary: JobSummary;
  try {
    summary = await handle.start({ messageRef: o.messageRef?.(ref), observer: onEvent });
  } finally {
    finished = true;
    if (timer) timers.clearTimeout(timer);
  }
  await inFlight;
  // The summary keeps the pace too, so it is never refused for coming too soon.
  await untilAllowed();
  await edit();
  return summary;
}

/** Every device's raw output (already redacted), for the file attached when the summary does not fit. */
export function fullOutput(job: JobSummary): string {
  const results = [...job.results].sort((a, b) => a.device.localeCompare(b.device));
  return `${results
    .map((r) => {
      const head = `===== ${r.device}: ${r.status}${r.error ? ` (${r.error.reason})` : ''} =====`;
      const fields = (r.parsed ?? [])
        .map((rec) =>
          Object.entries(rec)
            .map(([k, v]) => `${k}: ${v}`)
            .join('  '),
        )
        .join('\n');
      return [head, fields, r.raw ?? ''].filter(Boolean).join('\n');
    })
    .join('\n\n')}\n`;
}
