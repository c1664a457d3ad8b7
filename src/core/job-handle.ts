import { setMaxListeners } from 'node:events';
import { jobFinishedEntry, recordDeviceResult, recordJobFinished, recordJobRequested, who } from './job-audit.js';
import type { JobHandle, JobSpec } from './job-types.js';
import type { AuditSink, Clock, StateStore } from './ports.js';
import type { Redactor } from './redact.js';
import type { Actor, Device, JobSummary } from './types.js';
import { fanOut, type DeviceOperation } from './job-engine.js';
import type { Column } from '../render/views.js';
import type { ServiceDeps } from './service.js';
import { remoteWork, type RemoteShape } from './remote-specs.js';
import type { WorkObserver } from './work-observer.js';

/** What a job handle needs from the service. */
export interface JobHandleDeps {
  audit: AuditSink;
  state: StateStore;
  clock: Clock;
  redact: Redactor;
  /** Told when this process lost a job to another front (scale-out) and so records nothing of its end. */
  onError?: (err: unknown) => void;
  /** Told the job's start and end, and each device result this process records (the metrics). */
  workObserver?: WorkObserver;
}

/**
 * A job with an id, not started. Starting it notes it as running, audits the request, every
 * device result and the end, and calls `onSettled` however it ends.
 */
export function createJobHandle(deps: JobHandleDeps, spec: JobSpec, id: string, onSettled: (job: JobSummary) => void): JobHandle {
  const { audit, clock } = deps;
  const job: JobSummary = {
    id,
    command: spec.command,
    commandLine: deps.redact(spec.line.trim()),
    actor: spec.actor,
    state: 'queued',
    targets: spec.devices.map((d) => d.name),
    startedAt: clock.now(),
    results: [],
  };
  const ctrl = new AbortController();
  // Every device in flight listens on the job's signal; that is by design, not a leak.
  setMaxListeners(0, ctrl.signal);
  const handle: JobHandle = {
    job,
    columns: spec.columns,
    attachOutput: spec.attachOutput,
    devices: spec.devices,
    cancel: () => ctrl.abort(),
    start: async ({ messageRef, observer = () => undefined } = {}) => {
      job.startedAt = clock.now();
      const work = deps.workObserver;
      const platformOf = new Map(spec.devices.map((d) => [d.name, d.platform]));
      let begun = false;
      try {
        // Noted as running first: a crash after this point is found and recorded as interrupted.
        await deps.state.jobStarted({
          id: job.id,
          command: job.command,
          actor: who(job.actor),
          targets: job.targets,
          startedAt: job.startedAt,
        });
        await recordJobRequested(audit, job, spec.selector, messageRef);
        begun = true;
        work?.jobStarted({ id: job.id, command: job.command });
        const appends: Promise<unknown>[] = [];
        let auditFailure: unknown;
        const summary = await spec.run({
          job,
          signal: ctrl.signal,
          observer: (event) => {
            if (event.type === 'device-done' && !spec.resultsAudited) {
              // Counted where it is recorded: a worker counts the devices it ran, a front does not count them again.
              const { device, status, durationMs } = event.result;
              work?.deviceResult({ platform: platformOf.get(device) ?? 'unknown', outcome: status, seconds: durationMs / 1000 });
              // Handled at once: a failed write stops the job (below) instead of crashing the process.
              appends.push(
                recordDeviceResult(audit, job, event.result).catch((err: unknown) => {
                  auditFailure ??= err;
                  ctrl.abort();
                }),
              );
            }
            // The adapter sees "finished" only once every record of the job is on disk (below).
            if (event.type !== 'finished') observer(event);
          },
        });
        await Promise.all(appends);
        if (auditFailure) throw auditFailure;
        if (!(await endJob(deps, summary))) return summary;
        observer({ type: 'finished', job: summary });
        return summary;
      } catch (err) {
        // Not recorded as finished: the state still lists it, so the next start records it as interrupted.
        job.state = 'failed';
        job.finishedAt ??= clock.now();
        throw err;
      } finally {
        if (begun) work?.jobEnded({ id: job.id, command: job.command, outcome: job.state });
        onSettled(job);
      }
    },
  };
  return handle;
}

/**
 * Records the job's end and ends it in the state; false when the state says another front
 * owns the job now (it adopted it while this one was stalled): that front records the end and
 * shows the summary, so nothing is recorded or shown here.
 */
async function endJob(deps: JobHandleDeps, summary: JobSummary): Promise<boolean> {
  if (!deps.state.endOwnedJob) {
    await recordJobFinished(deps.audit, summary);
    await deps.state.jobEnded(summary.id);
    return true;
  }
  if (await deps.state.endOwnedJob(summary.id, jobFinishedEntry(summary))) return true;
  deps.onError?.(
    new Error(`${summary.id}: another front took this job over while this one was stalled; it records the end, nothing is recorded here`),
  );
  return false;
}

/** What /net jobs needs of a finished job: its results without their output (a 1000-device job's raw text is megabytes). */
export function slim(job: JobSummary): JobSummary {
  return { ...job, results: job.results.map(({ raw: _raw, parsed: _parsed, ...rest }) => rest) };
}

/** A read job (or a dry run): fan out over every device at once. */
export function fanOutSpec(
  deps: Pick<ServiceDeps, 'connector' | 'clock' | 'redact' | 'limits' | 'exclusion' | 'remote' | 'workObserver'>,
  command: string,
  line: string,
  actor: Actor,
  devices: Device[],
  selector: string,
  columns: Column[],
  attachOutput: boolean,
  operation: DeviceOperation,
  work: RemoteShape,
): JobSpec {
  const { connector, clock, redact, limits, exclusion, remote, workObserver } = deps;
  return {
    command,
    line,
    actor,
    devices,
    selector,
    columns,
    attachOutput,
    resultsAudited: remote !== undefined,
    run: ({ job, signal, observer }) =>
      fanOut({
        job,
        devices,
        connector,
        operation,
        // A front only waits on workers: every device is sent at once, the workers' slots limit them.
        concurrency: remote ? Math.max(1, devices.length) : limits.concurrency,
        remote: remote && ((device, s) => remote.run(remoteWork(work, job, device), s)),
        deviceTimeoutMs: limits.deviceTimeoutMs,
        commandTimeoutMs: limits.commandTimeoutMs,
        signal,
        clock,
        redact,
        observer,
        exclusion,
        workObserver,
      }),
  };
}
