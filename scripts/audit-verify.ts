/**
 * `npm run audit:verify`: walks the hash chain across every segment of the audit trail
 * (the file NETOPS_AUDIT_FILE names, and its sealed segments beside it; with
 * NETOPS_DATABASE_URL, the trail in PostgreSQL) and reports the first broken, missing or
 * reordered record. Exit 0: intact; 1: broken; 2: cannot run.
 */
import { basename } from 'node:path';
import { loadConfig } from '../src/config.js';
import { snapshotTrail, verifyTrail } from '../src/audit/trail.js';
import type { AuditVerifyReport } from '../src/core/ports.js';
import type { AcknowledgedBreak } from '../src/audit/hash-chain.js';
import { describeDatabaseError, openPool } from '../src/store/postgres/pool.js';
import { verifyPgTrail } from '../src/store/postgres/pg-audit-verify.js';

/** The trail in PostgreSQL, read on one snapshot while fronts and workers keep appending. */
async function verifyPostgres(url: string, schema: string): ReturnType<typeof verifyPgTrail> {
  const pool = openPool(url, { schema, max: 1, statementTimeoutMs: 300_000, applicationName: 'netops-verify' });
  try {
    return await verifyPgTrail(pool);
  } catch (err) {
    throw new Error(describeDatabaseError(err, schema));
  } finally {
    await pool.end();
  }
}

async function main(): Promise<number> {
  const { auditFile, databaseUrl, databaseSchema } = loadConfig();
  const report: AuditVerifyReport & { acknowledged?: AcknowledgedBreak[]; files?: number } = databaseUrl
    ? await verifyPostgres(databaseUrl, databaseSchema)
    : await verifyTrail(await snapshotTrail(auditFile));
  // issue 16: breaks that a person acknowledged (npm run audit:acknowledge) are reported, not failed on.
  for (const a of report.acknowledged ?? [])
    console.log(`acknowledged break at record ${a.seq} in ${a.where}: ${a.problem} (record ${a.ackSeq}: "${a.reason}")`);
  if (report.ok)
    console.log(
      `audit trail intact: ${report.records} records in ${
        databaseUrl ? `PostgreSQL (schema ${databaseSchema})` : `${report.files} file(s) (${basename(auditFile)} and its segments)`
      }`,
    );
  if (report.ok) return 0;
  const p = report.problem!;
  console.log(`audit trail BROKEN at record ${p.seq}${p.where ? ` in ${p.where}` : ''}: ${p.problem}`);
  console.log(`${report.records} records verified before it.`);
  return 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(`audit:verify: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 2;
  },
);
