/** How a front's jobs turn into device work for workers (scale-out); the embedded default never uses it. */
import type { DeviceChangePlan } from './command.js';
import type { Hold } from './exclusion.js';
import { who } from './job-audit.js';
import { UserError } from './errors.js';
import type { AuditSink, PendingChangeRecord, StateStore } from './ports.js';
import type { Policy } from './policy.js';
import type { DeviceWork, RemoteDevices } from './remote-work.js';
import type { Actor, Device, DeviceResult, JobSummary } from './types.js';

/** What a read job (or a change's dry run) sends for each device, before the job and device are known. */
export type RemoteShape = Pick<DeviceWork, 'kind' | 'command' | 'args' | 'dryRun'> & { plans?: Map<string, DeviceChangePlan> };

export function remoteWork(shape: RemoteShape, job: JobSummary, device: Device): DeviceWork {
  const { plans, ...rest } = shape;
  const facts = plans?.get(device.name)?.facts;
  return {
    ...rest,
    jobId: job.id,
    device: device.name,
    site: device.site,
    actor: who(job.actor),
    ...(plans ? { plan: plans.get(device.name)?.lines ?? [] } : {}),
    ...(facts ? { facts } : {}),
  };
}

/**
 * A change's per-device step on a front: the front keeps canary, waves and the halt; the
 * device itself is changed by a worker under its device and group leases. The front's own
 * hold only orders this front's jobs; the leases are what every process respects.
 */
export function remoteChangeStep(
  remote: RemoteDevices,
  o: {
    job: JobSummary;
    change: PendingChangeRecord;
    devices: Device[];
    signal: AbortSignal;
    confirmMinutes: number;
    approver: DeviceWork['actor'];
  },
): (device: Device, hold: Hold) => Promise<DeviceResult> {
  const lines = new Map(o.change.plan.map((p) => [p.device, p]));
  return (device) =>
    remote.run(
      {
        jobId: o.job.id,
        kind: 'change',
        command: o.change.command,
        args: o.change.args,
        device: device.name,
        site: device.site,
        plan: lines.get(device.name)?.lines ?? [],
        ...(lines.get(device.name)?.facts ? { facts: lines.get(device.name)?.facts } : {}),
        actor: who(o.job.actor),
        confirmMinutes: o.confirmMinutes,
        approver: o.approver,
      },
      o.signal,
    );
}

/** Cancels a job another front runs: found in the shared state, rights checked, then told to every process. */
export async function cancelElsewhere(
  d: { state: StateStore; audit: AuditSink; policy: Policy; remote: RemoteDevices },
  id: string,
  actor: Actor,
): Promise<JobSummary> {
  const rec = (await d.state.runningJobs()).find((j) => j.id === id);
  if (!rec) throw new UserError('not_found', `no running job ${id}`, 'see /net jobs');
  const job: JobSummary = {
    id,
    command: rec.command,
    commandLine: rec.command,
    actor: { ...rec.actor, via: rec.actor.via as Actor['via'] },
    state: 'running',
    targets: rec.targets,
    startedAt: rec.startedAt,
    results: [],
  };
  d.policy.assertMayCancel(actor, job);
  await d.remote.cancel(id);
  await d.audit.append({ actor: who(actor), action: 'job.cancel-requested', jobId: id, targets: rec.targets });
  return job;
}
