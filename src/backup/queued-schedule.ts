/**
 * Scaled out, scheduled backups go through pg-boss's own scheduler: each front registers the
 * schedule (one row, by name) and takes its jobs, and pg-boss sends one job per tick however
 * many processes are up; the front that takes it runs the backup job, whose devices the
 * workers back up under their leases. NETOPS_BACKUP_SCHEDULE=off removes the schedule; a
 * front without the setting leaves it as it is (and takes none of its jobs).
 */
import type { NetopsService } from '../core/service.js';
import type { DeviceQueue } from '../store/postgres/queue.js';
import { describeScheduledRun, runScheduledBackup } from './scheduled-backup.js';
import type { BackupSettings } from './backup-settings.js';
import type { Clock } from '../core/ports.js';

export const BACKUP_SCHEDULE_QUEUE = 'netops-backup-schedule';

/** A scheduled run may take this long (a large inventory) before pg-boss takes it as lost; it is never retried. */
const RUN_EXPIRY_SECONDS = 4 * 3600;

/**
 * A tick's job waiting longer than this was not taken in its time (every front busy with the
 * last run, or none up): it is skipped, as the embedded scheduler skips a tick during a run.
 */
const STALE_MS = 5 * 60_000;

export async function queuedSchedule(
  settings: Pick<BackupSettings, 'schedule' | 'removeSchedule'>,
  queue: Pick<DeviceQueue, 'schedule' | 'unschedule' | 'takeScheduled'>,
  service: NetopsService,
  o: { log: (line: string) => void; clock: Clock },
): Promise<{ stop(): Promise<void> }> {
  const { schedule } = settings;
  const { log } = o;
  if (!schedule) {
    if (settings.removeSchedule) {
      await queue.unschedule(BACKUP_SCHEDULE_QUEUE);
      log('netops front: scheduled backups removed (NETOPS_BACKUP_SCHEDULE=off)');
    }
    return { stop: async () => undefined };
  }
  await queue.schedule(BACKUP_SCHEDULE_QUEUE, schedule.cron, { expireInSeconds: RUN_EXPIRY_SECONDS });
  const stop = await queue.takeScheduled(BACKUP_SCHEDULE_QUEUE, async (job) => {
    const waited = o.clock.now() - job.createdOn.getTime();
    if (waited > STALE_MS) {
      log(`netops front: schedule job ${job.id} of ${job.createdOn.toISOString()} skipped: not taken in its time`);
      return;
    }
    const run = await runScheduledBackup(service, schedule.targets);
    log(`netops front: ${describeScheduledRun(run)} (schedule job ${job.id})`);
  });
  log(`netops front: scheduled backups of ${schedule.targets} at "${schedule.cron}" (UTC), through the queue's scheduler`);
  return { stop };
}
