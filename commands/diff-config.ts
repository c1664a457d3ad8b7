import { z } from 'zod';
import { parsePointInTime, POINT_IN_TIME_HINT } from '../src/audit/period.js';
import { describeVersion } from '../src/backup/backup-desk.js';
import type { BackupChoice } from '../src/core/backups.js';
import { defineCommand } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import showConfig from './show-config.js';

/** `since=`: a duration ago (24h, 7d) or an ISO time; checked here, resolved on the device's turn. */
const since = z.string().refine((t) => parsePointInTime(t, 0) !== undefined, { message: `not a time: ${POINT_IN_TIME_HINT}` });
const version = z
  .string()
  .regex(/^v?[1-9]\d{0,8}$/i, 'not a version number: use the number /net backup printed, such as version=3')
  .transform((v) => Number(v.replace(/^v/i, '')));

function choiceOf(args: Record<string, unknown>, now: number): BackupChoice {
  if (typeof args['version'] === 'number') return { kind: 'version', version: args['version'] };
  if (typeof args['since'] === 'string') return { kind: 'at', time: parsePointInTime(args['since'], now)! };
  return { kind: 'latest' };
}

/**
 * Drift: a unified diff from a kept backup (the latest, the one in place at since=, or
 * version=) to the running configuration, secrets masked. The diff goes to the thread (and as
 * a file when it is long).
 */
export default defineCommand({
  name: 'diff-config',
  kind: 'read',
  summary: 'Diff the running configuration against the last backup (or since=<time>, version=<n>): drift',
  usage: ['diff-config device=east-core-1', 'diff-config site=east since=24h', 'diff-config device=east-core-1 version=1'],
  args: z.object({ since: since.optional(), version: version.optional() }),
  checkArgs(args) {
    if (args['since'] !== undefined && args['version'] !== undefined) {
      throw new UserError('bad_argument', 'give since= or version=, not both', 'since=24h compares with the backup of a day ago');
    }
  },
  cli: showConfig.cli,
  parse: {},
  async withBackups(backups, read) {
    const read1 = { device: read.device.name, platform: read.device.platform, raw: read.raw, job: read.job };
    const d = await backups.drift(read1, choiceOf(read.args, backups.now()));
    const drift = d.added + d.removed === 0 ? 'no drift' : `+${d.added} -${d.removed}`;
    return {
      raw: d.diff || `${read.device.name}: no drift since ${describeVersion(d.against)}\n`,
      parsed: [{ against: describeVersion(d.against), drift, diff_text: d.diff }],
    };
  },
  columns: [
    { key: 'against', label: 'Against' },
    { key: 'drift', label: 'Drift' },
  ],
});
