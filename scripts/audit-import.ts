/**
 * `npm run audit:import`: moves the JSON audit trail (NETOPS_AUDIT_FILE and its sealed
 * segments) into PostgreSQL (NETOPS_DATABASE_URL) with its chain intact: every record as it
 * is, verified before and after. Only into an empty trail. The embedded state (pending
 * approvals, running jobs) is not moved: finish or cancel those first.
 * Exit 0: imported; 1: refused (the JSON trail is broken, or PostgreSQL already has a trail); 2: cannot run.
 */
import { loadConfig } from '../src/config.js';
import { describeDatabaseError, openPool } from '../src/store/postgres/pool.js';
import { migrate } from '../src/store/postgres/migrate.js';
import { importJsonTrail } from '../src/store/postgres/audit-import.js';

async function main(): Promise<number> {
  const { databaseUrl, databaseSchema, auditFile, stateFile } = loadConfig();
  if (!databaseUrl) throw new Error('NETOPS_DATABASE_URL is not set (postgres://user@host:port/db)');
  const pool = openPool(databaseUrl, { schema: databaseSchema, max: 2, statementTimeoutMs: 300_000, applicationName: 'netops-import' });
  try {
    await migrate(pool);
    const r = await importJsonTrail(pool, { auditFile, stateFile });
    switch (r.outcome) {
      case 'imported':
        console.log(
          `audit trail imported: ${r.records} records from ${r.files} file(s) into schema ${databaseSchema}; chain verified in PostgreSQL; job numbers continue after J-${r.lastJobNumber}`,
        );
        return 0;
      case 'source-broken':
      case 'stored-broken': {
        const p = r.report.problem!;
        const what =
          r.outcome === 'source-broken'
            ? `the JSON audit trail is BROKEN at record ${p.seq}`
            : `stored records would not verify at ${p.seq}`;
        console.log(`nothing imported: ${what}${p.where ? ` in ${p.where}` : ''}: ${p.problem}`);
        return 1;
      }
      case 'target-not-empty':
        console.log(`nothing imported: schema ${databaseSchema} already holds an audit trail of ${r.records} records`);
        return 1;
    }
  } catch (err) {
    throw new Error(describeDatabaseError(err, databaseSchema));
  } finally {
    await pool.end();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(`audit:import: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 2;
  },
);
