/**
 * One scheduled backup: the `backup` command over the configured targets, as a job of the
 * system actor, through the same service as a person's (audited, device locks respected:
 * the backup waits for a device a change holds). The policy is not asked: it governs people,
 * and the schedule is the operator's configuration.
 */
import type { NetopsService } from '../core/service.js';
import type { Actor, JobSummary } from '../core/types.js';

export const SCHEDULE_ACTOR: Actor = { id: 'netops:backup-schedule', name: 'scheduled backup', via: 'system' };

export async function runScheduledBackup(service: NetopsService, targets: string): Promise<JobSummary> {
  const handle = await service.createSystemRead(`backup ${targets}`, SCHEDULE_ACTOR);
  return handle.start();
}

/** A line for the log about a finished scheduled run (counts only: no device output). */
export function describeScheduledRun(job: JobSummary): string {
  const ok = job.results.filter((r) => r.status === 'ok').length;
  return `scheduled backup ${job.id}: ${job.state}, ${ok} of ${job.targets.length} devices backed up`;
}
