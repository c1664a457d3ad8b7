/**
 * The backup settings (issue 15), parsed apart from config.ts (which only passes the raw
 * values): whether a backup keeps secrets, and the schedule of the automatic backups.
 */
import cronParser from 'cron-parser';
import { z } from 'zod';
import type { BackupSecrets } from '../core/backups.js';
import { ConfigError } from '../core/errors.js';
import { parseSelectorText } from '../inventory/selector.js';

export interface BackupSettings {
  /** NETOPS_BACKUP_SECRETS: `mask` (default) or `keep`. */
  secrets: BackupSecrets;
  /** NETOPS_BACKUP_SCHEDULE: five-field cron, UTC; absent: no scheduled backups from this process. */
  schedule?: { cron: string; targets: string };
  /**
   * NETOPS_BACKUP_SCHEDULE=off: scaled out, remove the shared schedule. Only asked for, never
   * implied by an unset setting: a one-shot front started from a shell without it must not
   * stop the whole fleet's backups.
   */
  removeSchedule?: true;
}

/** Scheduled backups cover every device unless NETOPS_BACKUP_TARGETS narrows them. */
export const EVERY_DEVICE = 'device=*';

/** The settings' part of config.ts's environment schema (read there, like every setting). */
export const BACKUP_ENV = {
  NETOPS_BACKUP_SECRETS: z.string().optional(),
  NETOPS_BACKUP_SCHEDULE: z.string().optional(),
  NETOPS_BACKUP_TARGETS: z.string().optional(),
};

type BackupEnv = { [K in keyof typeof BACKUP_ENV]?: string };

export function parseBackupSettings(env: BackupEnv): BackupSettings {
  const secrets = env.NETOPS_BACKUP_SECRETS?.trim() || 'mask';
  if (secrets !== 'mask' && secrets !== 'keep') {
    throw new ConfigError(
      'NETOPS_BACKUP_SECRETS',
      `"${env.NETOPS_BACKUP_SECRETS}" is neither mask (the default: secrets masked in backups) nor keep`,
    );
  }
  const targets = env.NETOPS_BACKUP_TARGETS?.trim() || EVERY_DEVICE;
  const terms = parseSelectorText(targets);
  if (typeof terms === 'string') throw new ConfigError('NETOPS_BACKUP_TARGETS', `${terms} (a selector such as site=east role=core)`);
  const cron = env.NETOPS_BACKUP_SCHEDULE?.trim();
  if (!cron) return { secrets };
  if (cron === 'off') return { secrets, removeSchedule: true };
  checkCron(cron);
  return { secrets, schedule: { cron, targets } };
}

/**
 * Five fields, minute to day of week, as crontab and pg-boss's schedule() read them. A sixth
 * (seconds) field is refused: pg-boss runs a schedule at most once a minute, and the embedded
 * scheduler must not promise what the scaled-out one cannot keep.
 */
function checkCron(cron: string): void {
  const fields = cron.split(/\s+/);
  if (fields.length !== 5) {
    throw new ConfigError(
      'NETOPS_BACKUP_SCHEDULE',
      `"${cron}" has ${fields.length} field${fields.length === 1 ? '' : 's'}; use five: minute hour day-of-month month day-of-week (e.g. "0 2 * * *", daily at 02:00 UTC)`,
    );
  }
  try {
    cronParser.parseExpression(cron, { tz: 'UTC' });
  } catch (err) {
    throw new ConfigError('NETOPS_BACKUP_SCHEDULE', `"${cron}" is not a cron schedule: ${(err as Error).message}`);
  }
}
