import { defineCommand } from '../src/core/command.js';
import { describeVersion } from '../src/backup/backup-desk.js';
import showConfig from './show-config.js';

/**
 * Keeps each target's running configuration (read as show-config reads it) as a new version,
 * unless it is identical to the last one. Secrets are masked in the backup unless
 * NETOPS_BACKUP_SECRETS=keep; they are masked in everything shown either way.
 */
export default defineCommand({
  name: 'backup',
  kind: 'read',
  summary: "Store each target's running configuration as a version (identical versions are stored once)",
  usage: ['backup device=east-core-1', 'backup site=east'],
  cli: showConfig.cli,
  parse: {},
  async withBackups(backups, read) {
    // The schedule asks as the system actor; after-change versions are kept by the change itself (src/core/after-change-backup.ts).
    const reason = read.job.actor.via === 'system' ? 'scheduled' : 'manual';
    const kept = await backups.keep({ device: read.device.name, platform: read.device.platform, raw: read.raw, job: read.job, reason });
    const v = kept.version;
    const result = kept.stored ? `stored v${v.version}` : `unchanged since v${v.version}`;
    return {
      raw: `${read.device.name}: ${result}: ${describeVersion(v)}, ${v.lines} lines\n`,
      parsed: [
        {
          version: `v${v.version}`,
          result,
          lines: String(v.lines),
          secrets: v.secrets === 'keep' ? 'kept' : 'masked',
          // In the audit record of the device result: which text this version is.
          sha256: v.sha256,
        },
      ],
    };
  },
  columns: [
    { key: 'version', label: 'Version' },
    { key: 'result', label: 'Result' },
    { key: 'lines', label: 'Lines' },
    { key: 'secrets', label: 'Secrets' },
  ],
});
