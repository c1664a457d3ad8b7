/**
 * `npm run audit:export -- --since 2026-01-01 --format jsonl|csv [--until ...] [--out file]`:
 * the audit trail, across every segment (with NETOPS_DATABASE_URL: from PostgreSQL, on one
 * snapshot), for a SIEM. Writes to stdout unless --out is given.
 * Exit 0: written; 2: bad options or unreadable trail.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import type { Writable } from 'node:stream';
import { z } from 'zod';
import { loadConfig } from '../src/config.js';
import { systemClock } from '../src/core/clock.js';
import { snapshotTrail, recordsBetween } from '../src/audit/trail.js';
import { EXPORT_FORMATS, exportHeader, exportLine } from '../src/audit/export-format.js';
import { parsePointInTime, POINT_IN_TIME_HINT } from '../src/audit/period.js';
import type { AuditRecord } from '../src/core/ports.js';
import { describeDatabaseError, openPool } from '../src/store/postgres/pool.js';
import { inSnapshot, pgRecords } from '../src/store/postgres/pg-audit-verify.js';

const USAGE = 'usage: npm run audit:export -- [--since 2026-01-01|2h] [--until 2026-02-01] [--format jsonl|csv] [--out file]';

function options(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      since: { type: 'string' },
      until: { type: 'string' },
      format: { type: 'string', default: 'jsonl' },
      out: { type: 'string' },
    },
    strict: true,
  });
  const now = systemClock.now();
  const time = (name: string) =>
    z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (v === undefined) return undefined;
        const t = parsePointInTime(v, now);
        if (t === undefined) ctx.addIssue({ code: 'custom', message: `--${name} "${v}": ${POINT_IN_TIME_HINT}` });
        return t;
      });
  const parsed = z
    .object({
      since: time('since'),
      until: time('until'),
      format: z.enum(EXPORT_FORMATS, { message: '--format: expected jsonl or csv' }),
      out: z.string().optional(),
    })
    .safeParse(values);
  if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? 'bad options');
  return parsed.data;
}

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

async function main(): Promise<number> {
  // A closed pipe (`| head`) is the reader's choice, not a failure.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  const o = options(process.argv.slice(2));
  const { auditFile, databaseUrl, databaseSchema } = loadConfig();
  const out: Writable = o.out ? createWriteStream(o.out) : process.stdout;
  let n = 0;
  await write(out, exportHeader(o.format));
  const each = async (records: AsyncIterable<AuditRecord>) => {
    for await (const r of records) {
      await write(out, exportLine(r, o.format));
      n++;
    }
  };
  if (databaseUrl) {
    const pool = openPool(databaseUrl, { schema: databaseSchema, max: 1, statementTimeoutMs: 300_000, applicationName: 'netops-export' });
    try {
      await inSnapshot(pool, (c) => each(pgRecords(c, { since: o.since, until: o.until })));
    } catch (err) {
      throw new Error(describeDatabaseError(err, databaseSchema));
    } finally {
      await pool.end();
    }
  } else {
    await each(recordsBetween(await snapshotTrail(auditFile), o.since, o.until));
  }
  if (o.out) {
    out.end();
    await once(out, 'finish');
  }
  console.error(`audit:export: ${n} record(s)${o.out ? ` to ${o.out}` : ''}`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(`audit:export: ${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    process.exitCode = 2;
  },
);
