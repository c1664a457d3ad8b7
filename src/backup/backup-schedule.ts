/**
 * The embedded default's scheduled backups: a timer to the next tick of the cron schedule
 * (cron-parser, the parser pg-boss schedules with, so both read a schedule alike), then the
 * run, then the next tick. A tick that comes while the last run is still going is skipped and
 * said so: two backups of one device at once would only queue behind each other's locks.
 */
import cronParser from 'cron-parser';
import type { Clock } from '../core/ports.js';
import type { NetopsService } from '../core/service.js';
import { describeScheduledRun, runScheduledBackup } from './scheduled-backup.js';

/** setTimeout and clearTimeout, injected so a test moves time itself. */
export interface ScheduleTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const NODE_TIMERS: ScheduleTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

/** Node's timers overflow past 2^31-1 ms (24.8 days): a longer wait is taken in steps. */
const MAX_WAIT_MS = 2 ** 31 - 1;

export interface ScheduleOptions {
  cron: string;
  clock: Clock;
  timers?: ScheduleTimers;
  /** One scheduled run; `tick` is the schedule's time (epoch ms) it runs for. */
  run: (tick: number) => Promise<void>;
  /** A run that failed, or a tick skipped because the last run had not ended. */
  onProblem: (text: string) => void;
}

export interface RunningSchedule {
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
  /** Resolves once no run is in progress (now, or when the current one ends). */
  idle(): Promise<void>;
}

/** The schedule's first tick strictly after `after`. */
export function nextTick(cron: string, after: number): number {
  return cronParser
    .parseExpression(cron, { currentDate: new Date(after), tz: 'UTC' })
    .next()
    .getTime();
}

export function startBackupSchedule(o: ScheduleOptions): RunningSchedule {
  const timers = o.timers ?? NODE_TIMERS;
  let handle: unknown;
  let stopped = false;
  let running: Promise<void> | undefined;
  let tick = nextTick(o.cron, o.clock.now());

  const arm = () => {
    if (stopped) return;
    const wait = tick - o.clock.now();
    handle = timers.setTimeout(wait > MAX_WAIT_MS ? arm : fire, Math.max(0, Math.min(wait, MAX_WAIT_MS)));
  };
  const fire = () => {
    if (stopped) return;
    const due = tick;
    tick = nextTick(o.cron, Math.max(due, o.clock.now()));
    if (running) {
      o.onProblem(`scheduled backup of ${new Date(due).toISOString()} skipped: the one before it is still running`);
    } else {
      running = o
        .run(due)
        .catch((err: unknown) =>
          o.onProblem(`scheduled backup of ${new Date(due).toISOString()} failed: ${(err as Error)?.message ?? err}`),
        )
        .finally(() => {
          running = undefined;
        });
    }
    arm();
  };
  arm();
  return {
    stop: async () => {
      stopped = true;
      timers.clearTimeout(handle);
      await running;
    },
    idle: async () => {
      await running;
    },
  };
}

/** The embedded default's schedule: each tick runs one scheduled backup job in this process. */
export function inProcessSchedule(
  schedule: { cron: string; targets: string },
  service: NetopsService,
  o: { clock: Clock; timers?: ScheduleTimers; log: (line: string) => void },
): RunningSchedule {
  o.log(`scheduled backups of ${schedule.targets} at "${schedule.cron}" (UTC), in this process`);
  return startBackupSchedule({
    cron: schedule.cron,
    clock: o.clock,
    timers: o.timers,
    run: async () => o.log(describeScheduledRun(await runScheduledBackup(service, schedule.targets))),
    onProblem: o.log,
  });
}
