import { createHash } from 'node:crypto';
import type { AuditEntry, AuditSink } from './ports.js';
import type { Actor, DeviceResult, JobSummary } from './types.js';

/** The audit view of an actor: ids and names, enough to answer "who did this". */
export function who(actor: Actor) {
  return { id: actor.id, name: actor.name, via: actor.via, team: actor.team, channel: actor.channel };
}

export function recordJobRequested(audit: AuditSink, job: JobSummary, selector: string, messageRef?: Record<string, string>) {
  return audit.append({
    actor: who(job.actor),
    action: 'job.requested',
    jobId: job.id,
    targets: job.targets,
    outcome: 'accepted',
    detail: { command: job.command, commandLine: job.commandLine, selector, message: messageRef },
  });
}

/** One record per device: status, reason and a digest of the output (the output itself stays out of the trail). */
export function recordDeviceResult(
  audit: AuditSink,
  job: Pick<JobSummary, 'id' | 'actor'>,
  r: DeviceResult,
  /** Scale-out: who ran it (`worker`: host:pid) and which delivery (`attempt`). */
  extra: Record<string, unknown> = {},
) {
  return audit.append({
    actor: who(job.actor),
    action: 'device.result',
    jobId: job.id,
    targets: [r.device],
    outcome: r.status,
    detail: {
      durationMs: r.durationMs,
      error: r.error,
      parsed: r.parsed,
      unparsed: r.unparsed,
      outputSha256: r.raw === undefined ? undefined : createHash('sha256').update(r.raw).digest('hex'),
      outputBytes: r.raw === undefined ? undefined : Buffer.byteLength(r.raw),
      ...extra,
    },
  });
}

export function recordJobFinished(audit: AuditSink, job: JobSummary) {
  return audit.append(jobFinishedEntry(job));
}

/** The `job.finished` record of a job (scale-out writes it in the transaction that checks the front still owns the job). */
export function jobFinishedEntry(job: JobSummary): AuditEntry {
  const count = (s: DeviceResult['status']) => job.results.filter((r) => r.status === s).length;
  return {
    actor: who(job.actor),
    action: 'job.finished',
    jobId: job.id,
    targets: job.targets,
    outcome: job.state,
    detail: {
      durationMs: (job.finishedAt ?? job.startedAt) - job.startedAt,
      ok: count('ok'),
      failed: count('failed'),
      timeout: count('timeout'),
      cancelled: count('cancelled'),
    },
  };
}
