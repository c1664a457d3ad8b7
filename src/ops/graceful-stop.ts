/**
 * What SIGTERM and SIGINT do. The first: stop taking requests (Slack answers "restarting"),
 * let running device operations finish within the grace, then stop what is left (a device
 * mid-change still finishes its change or its rollback), record those jobs as interrupted
 * naming their devices, flush the audit trail and exit 0. A second signal exits at once:
 * every acknowledged audit record is already on disk, so nothing acknowledged is lost.
 */
import type { AuditSink, Clock } from '../core/ports.js';
import { parseDuration } from '../audit/period.js';
import { ConfigError } from '../core/errors.js';
import { workOf, type RunningWork } from './work-tracker.js';

/** The process's parts the stop needs, as small as the controller can use them. */
export interface StopPorts {
  /** Adapters stop accepting requests (fronts answer "restarting"; workers stop pulling jobs). */
  stopIntake(): Promise<void> | void;
  running(): RunningWork[];
  /** Resolves once nothing is running. */
  settled(): Promise<void>;
  /** Cancels what is still running. */
  interrupt(): void;
  /** Records the jobs the stop cut short (see recordStopInterrupted). */
  recordInterrupted(left: RunningWork[]): Promise<void>;
  /** Makes every audit record durable. */
  flush(): Promise<void>;
  /** Closes stores, the lab, the probe server. */
  close(): Promise<void>;
}

export interface StopOptions {
  ports: StopPorts;
  /** NETOPS_SHUTDOWN_GRACE: how long running work may take to finish on its own. */
  graceMs: number;
  /**
   * After the cancel, how long jobs may take to wind down: a device mid-change finishes its change
   * or its rollback, which the cancel never cuts. Default: the grace, and at least 60 s (the
   * default device deadline). A second signal cuts it short.
   */
  windDownMs?: number;
  exit(code: number): void;
  log(msg: string, fields?: Record<string, unknown>): void;
}

export type StopSignal = 'SIGTERM' | 'SIGINT';
const AT_ONCE: Record<StopSignal, number> = { SIGINT: 130, SIGTERM: 143 };

const within = (p: Promise<void>, ms: number) =>
  new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    p.then(
      () => resolve(true),
      () => resolve(true),
    ).finally(() => clearTimeout(timer));
  });

export interface StopController {
  /** What a signal does; the first starts the graceful stop, a second exits at once. */
  onSignal(signal: StopSignal): void;
  /** Resolves when the graceful stop has finished (before exit is called). */
  readonly stopped: Promise<void>;
  /** Installs onSignal for SIGTERM and SIGINT on `target` (process). */
  install(target: { on(signal: StopSignal, listener: () => void): unknown }): void;
}

export function createStopController(o: StopOptions): StopController {
  let stopping = false;
  let finish!: () => void;
  const stopped = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const run = async (signal: StopSignal) => {
    const { ports } = o;
    o.log('stopping: no new requests; waiting for running work', { signal, jobs: ports.running().length, graceMs: o.graceMs });
    await ports.stopIntake();
    if (!(await within(ports.settled(), o.graceMs))) {
      const cut = ports.running();
      o.log('grace over: cancelling what is left', { jobs: cut.map((w) => w.jobId) });
      ports.interrupt();
      await within(ports.settled(), o.windDownMs ?? Math.max(o.graceMs, 60_000));
      // Seen again after the wind-down: a change may have finished its last device meanwhile.
      const left = cut.map((w) => workOf(w.job)).filter((w) => w.devicesLeft.length);
      if (left.length) await ports.recordInterrupted(left);
    }
    await ports.flush();
    await ports.close();
    o.log('stopped', { signal });
  };
  const onSignal = (signal: StopSignal) => {
    if (stopping) {
      o.log('second signal: exiting now', { signal });
      o.exit(AT_ONCE[signal]);
      return;
    }
    stopping = true;
    run(signal).then(
      () => {
        finish();
        o.exit(0);
      },
      (err: unknown) => {
        o.log('stop failed', { err });
        finish();
        o.exit(1);
      },
    );
  };
  return {
    onSignal,
    stopped,
    install: (target) => {
      target.on('SIGTERM', () => onSignal('SIGTERM'));
      target.on('SIGINT', () => onSignal('SIGINT'));
    },
  };
}

/**
 * The `job.interrupted` records of a stop: one per job cut short, naming the devices that had
 * not ended. The job's own end (cancelled) is recorded by the job; this says why.
 */
export async function recordStopInterrupted(audit: AuditSink, left: RunningWork[], clock: Clock): Promise<void> {
  for (const w of left) {
    await audit.append({
      actor: { id: w.actor.id, name: w.actor.name, via: w.actor.via },
      action: 'job.interrupted',
      jobId: w.jobId,
      targets: w.targets,
      outcome: 'interrupted',
      detail: { command: w.command, reason: 'the process was stopped', devices: w.devicesLeft, at: new Date(clock.now()).toISOString() },
    });
  }
}

/** NETOPS_SHUTDOWN_GRACE: `30s` (the default), `2m`, or `0` (stop what runs at once); config.ts calls this. */
export function parseShutdownGrace(v: string | undefined): number {
  if (v === undefined || v.trim() === '') return 30_000;
  if (v.trim() === '0') return 0;
  const ms = parseDuration(v);
  if (ms === undefined) throw new ConfigError('NETOPS_SHUTDOWN_GRACE', `"${v}" is not a duration such as 30s or 2m`);
  return ms;
}
