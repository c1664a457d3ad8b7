import type pg from 'pg';
import type { BackupStore, BackupVersion } from '../../core/backups.js';
import { inTransaction } from './pool.js';

interface Row {
  device: string;
  version: number;
  taken_ms: string;
  actor: BackupVersion['actor'];
  job_id: string;
  reason: string | null;
  secrets: BackupVersion['secrets'];
  sha256: string;
  lines: number;
}

const COLUMNS = `device, version, (extract(epoch FROM taken_at) * 1000)::bigint::text AS taken_ms, actor, job_id, reason, secrets, sha256, lines`;

const toVersion = (r: Row): BackupVersion => ({
  device: r.device,
  version: r.version,
  time: Number(r.taken_ms),
  actor: r.actor,
  jobId: r.job_id,
  ...(r.reason ? { reason: r.reason } : {}),
  secrets: r.secrets,
  sha256: r.sha256,
  lines: r.lines,
});

/**
 * Configuration backups in PostgreSQL (scale-out): every worker stores and reads the same
 * versions. Adds for one device are serialised by a transaction-scoped advisory lock on the
 * device, so two workers never take one number or both store the same text twice.
 */
export class PgBackupStore implements BackupStore {
  constructor(private readonly pool: pg.Pool) {}

  add(entry: Omit<BackupVersion, 'version'>, text: string): Promise<{ version: BackupVersion; stored: boolean }> {
    return inTransaction(this.pool, async (c) => {
      await c.query(`SELECT pg_advisory_xact_lock(hashtext('netops-backup:' || $1))`, [entry.device]);
      const last = await c.query<Row>(`SELECT ${COLUMNS} FROM config_backups WHERE device = $1 ORDER BY version DESC LIMIT 1`, [
        entry.device,
      ]);
      const latest = last.rows[0] && toVersion(last.rows[0]);
      if (latest && latest.sha256 === entry.sha256 && latest.secrets === entry.secrets) return { version: latest, stored: false };
      const version: BackupVersion = { ...entry, version: (latest?.version ?? 0) + 1 };
      await c.query(
        `INSERT INTO config_backups (device, version, taken_at, actor, job_id, reason, secrets, sha256, lines, text)
         VALUES ($1, $2, to_timestamp($3::double precision / 1000), $4, $5, $6, $7, $8, $9, $10)`,
        [
          entry.device,
          version.version,
          entry.time,
          JSON.stringify(entry.actor),
          entry.jobId,
          entry.reason ?? null,
          entry.secrets,
          entry.sha256,
          entry.lines,
          text,
        ],
      );
      return { version, stored: true };
    });
  }

  async versions(device: string): Promise<BackupVersion[]> {
    const r = await this.pool.query<Row>(`SELECT ${COLUMNS} FROM config_backups WHERE device = $1 ORDER BY version`, [device]);
    return r.rows.map(toVersion);
  }

  async read(device: string, version: number): Promise<string | undefined> {
    const r = await this.pool.query<{ text: string }>('SELECT text FROM config_backups WHERE device = $1 AND version = $2', [
      device,
      version,
    ]);
    return r.rows[0]?.text;
  }
}
