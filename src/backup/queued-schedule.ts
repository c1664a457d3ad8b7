/**
 * Scaled out, scheduled backups go through pg-boss's own scheduler: each front registers the
 * schedule (one row, by name) and takes its jobs, and pg-boss sends one job per tick however
 * many processes are up; the front that takes it runs the backup job, whose devices the
 * workers back up under their leases. A front started without NETOPS_BACKUP_SCHEDULE removes
 * the schedule, so taking the setting away stops the backups.
 */
import type { NetopsService } from '../core/service.js';
import type { DeviceQueue } from '../store/postgres/queue.js';
import { describeScheduledRun, runScheduledBackup } from './scheduled-backup.js';

export const BACKUP_SCHEDULE_QUEUE = 'netops-backup-schedule';

/** A scheduled run may take this long (a large inventory) before pg-boss takes it as lost; it is never retried. */
const RUN_EXPIRY_SECONDS = 4 * 3600;

export async function queuedSchedule(
  schedule: { cron: string; targets: string } | undefined,
  queue: Pick<DeviceQueue, 'schedule' | 'unschedule' | 'takeScheduled'>,
  service: NetopsService,
  log: (line: string) => void,
): Promise<{ stop(): Promise<void> }> {
  if (!schedule) {
    await queue.unschedule(BACKUP_SCHEDULE_QUEUE);
    return { stop: async () => undefined };
  }
  await queue.schedule(BACKUP_SCHEDULE_QUEUE, schedule.cron, { expireInSeconds: RUN_EXPIRY_SECONDS });
  const stop = await queue.takeScheduled(BACKUP_SCHEDULE_QUEUE, async (job) => {
    const run = await runScheduledBackup(service, schedule.targets);
    log(`netops front: ${describeScheduledRun(run)} (schedule job ${job.id})`);
  });
  log(`netops front: scheduled backups of ${schedule.targets} at "${schedule.cron}" (UTC), through the queue's scheduler`);
  return { stop };
}
