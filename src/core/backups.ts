/**
 * Configuration backups as the core sees them (issue 15): a store of numbered versions per
 * device, and the desk that keeps a device's running configuration in it or compares the
 * running configuration with a kept version. The embedded default keeps files
 * (src/backup/file-backup-store.ts), scale-out PostgreSQL (src/store/postgres/pg-backup-store.ts).
 */
import type { AuditEntry } from './ports.js';
import type { PlatformId } from './types.js';

/** `mask`: secret-bearing lines are stored masked; `keep`: stored as the device sent them (readable by the bot's user only). */
export type BackupSecrets = 'mask' | 'keep';

/** One stored version of one device's running configuration (the text itself is read apart). */
export interface BackupVersion {
  device: string;
  /** 1, 2, 3... per device; a version identical to the one before it is never stored. */
  version: number;
  /** Epoch ms, from the injected clock. */
  time: number;
  /** Who asked (a person, or the scheduler's system actor). */
  actor: AuditEntry['actor'];
  jobId: string;
  /**
   * Why it was taken: `manual`, `scheduled`, or `after-change CR-12` (the running configuration
   * right after an approved change committed and verified). Absent on versions older than it.
   */
  reason?: string;
  secrets: BackupSecrets;
  /** Of the stored text: what "identical" means. */
  sha256: string;
  lines: number;
}

/** Stores versions; implementations serialise adds per device, so two adds never get one number. */
export interface BackupStore {
  /**
   * Stores `text` as the device's next version, unless it equals the latest version: then
   * nothing is stored and the latest is answered with `stored: false`.
   */
  add(entry: Omit<BackupVersion, 'version'>, text: string): Promise<{ version: BackupVersion; stored: boolean }>;
  /** Every version of the device, oldest first. */
  versions(device: string): Promise<BackupVersion[]>;
  /** The stored text of one version; undefined when there is no such version. */
  read(device: string, version: number): Promise<string | undefined>;
}

/** Which kept version a comparison is against: the latest, the last one taken at or before a time, or a number. */
export type BackupChoice = { kind: 'latest' } | { kind: 'at'; time: number } | { kind: 'version'; version: number };

/** One device's output before masking, and the job that read it. */
export interface DeviceConfigRead {
  device: string;
  platform: PlatformId;
  raw: string;
  job: { id: string; actor: AuditEntry['actor'] };
  /** Stored with the version (see BackupVersion.reason). */
  reason?: string;
}

export type KeepOutcome = { stored: true; version: BackupVersion } | { stored: false; version: BackupVersion };

export interface DriftOutcome {
  against: BackupVersion;
  /** A unified diff from the kept version to the running configuration, secrets masked; '' when identical. */
  diff: string;
  added: number;
  removed: number;
}

/** What backup-aware read commands are given: keep a configuration, or compare one with what was kept. */
export interface Backups {
  keep(read: DeviceConfigRead): Promise<KeepOutcome>;
  /** Throws a DeviceError (`no_backup`) when there is no such version. */
  drift(read: DeviceConfigRead, choice: BackupChoice): Promise<DriftOutcome>;
  /** The injected clock's time: what `since=24h` counts back from. */
  now(): number;
}
