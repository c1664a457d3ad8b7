import type { JobHandle } from '../../src/core/job-types.js';
import type { JobObserver } from '../../src/core/ports.js';
import type { DeviceResult, JobSummary } from '../../src/core/types.js';
import type { VirtualClock } from './virtual-clock.js';
import { consoleActor } from './test-lab.js';

export interface JobScript {
  /** When each device finishes, in ms of the clock from the start. */
  at: number[];
  /** When each device starts, as a fan-out job reports it (omitted: the job never says). */
  startsAt?: number[];
  /** When the job ends (its state set, finishedAt stamped). */
  endsAt: number;
  /** When start() resolves: after the audit trail took the results. */
  resolvesAt: number;
  attachOutput: boolean;
}

type Step = { t: number; starts: boolean; i: number };

/** The script's device starts and finishes in time order; a start due with a finish goes first. */
function timeline(o: JobScript): Step[] {
  const starts = (o.startsAt ?? []).map((t) => ({ t, starts: true, i: -1 }));
  const finishes = o.at.map((t, i) => ({ t, starts: false, i }));
  return [...starts, ...finishes].sort((a, b) => a.t - b.t || Number(b.starts) - Number(a.starts));
}

/**
 * A job handle driven by a timed script on a virtual clock instead of devices, for the pacing
 * cases real devices cannot hit on cue. It keeps the JobHandle contract: results and the
 * device-start counters are updated as a fan-out job updates them, then the end, then start() resolves.
 */
export function scriptedJob(clock: VirtualClock, o: JobScript): JobHandle {
  const job: JobSummary = {
    id: 'J-9',
    command: 'show-version',
    commandLine: 'show-version device=*',
    actor: consoleActor,
    state: 'running',
    targets: o.at.map((_, i) => `r${i + 1}`),
    startedAt: clock.now(),
    results: [],
  };
  const start = async (s?: { observer?: JobObserver }): Promise<JobSummary> => {
    for (const { t, starts, i } of timeline(o)) {
      await clock.sleep(t - clock.now());
      if (starts) {
        job.devicesStarted = (job.devicesStarted ?? 0) + 1;
        job.lastDeviceStartedAt = clock.now();
        continue;
      }
      const result: DeviceResult = { device: `r${i + 1}`, status: 'ok', durationMs: t - (o.startsAt?.[i] ?? 0) };
      job.results.push(result);
      s?.observer?.({ type: 'device-done', job, result });
    }
    await clock.sleep(o.endsAt - clock.now());
    job.state = 'succeeded';
    job.finishedAt = clock.now();
    await clock.sleep(o.resolvesAt - o.endsAt);
    return job;
  };
  return { job, columns: [], attachOutput: o.attachOutput, devices: [], cancel: () => undefined, start };
}
