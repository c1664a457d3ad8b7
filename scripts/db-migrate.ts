/**
 * `npm run db:migrate`: creates or upgrades the PostgreSQL schema (NETOPS_DATABASE_URL,
 * NETOPS_DATABASE_SCHEMA) and nothing else; fronts and workers also do it at start.
 * Exit 0: at the newest version; 2: cannot run.
 */
import { loadConfig } from '../src/config.js';
import { describeDatabaseError, openPool } from '../src/store/postgres/pool.js';
import { migrate } from '../src/store/postgres/migrate.js';

async function main(): Promise<number> {
  const { databaseUrl, databaseSchema } = loadConfig();
  if (!databaseUrl) throw new Error('NETOPS_DATABASE_URL is not set (postgres://user@host:port/db)');
  const pool = openPool(databaseUrl, { schema: databaseSchema, max: 1, applicationName: 'netops-migrate' });
  try {
    const r = await migrate(pool);
    console.log(
      r.from === r.to ? `schema ${r.schema}: already at version ${r.to}` : `schema ${r.schema}: migrated from version ${r.from} to ${r.to}`,
    );
    return 0;
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
    console.error(`db:migrate: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 2;
  },
);
