import type pg from 'pg';
import { inTransaction } from './pool.js';
import { MIGRATIONS } from './migrations.js';

export interface MigrateReport {
  /** The schema migrated. */
  schema: string;
  from: number;
  to: number;
}

/**
 * Brings the pool's schema (the first entry of its search_path) to the newest version, in one
 * transaction under a transaction-scoped advisory lock on the schema's name: processes that
 * start together queue on the lock, and the later ones find the work done.
 */
export async function migrate(pool: pg.Pool): Promise<MigrateReport> {
  return inTransaction(pool, async (c) => {
    const schema = await schemaOf(c);
    await c.query(`SELECT pg_advisory_xact_lock(hashtext('netops-migrate'), hashtext($1))`, [schema]);
    await c.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await c.query(`CREATE TABLE IF NOT EXISTS schema_version (
      version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await c.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_version');
    const from = rows[0]?.v ?? 0;
    const newest = MIGRATIONS.at(-1)?.version ?? 0;
    if (from > newest) throw new Error(`schema ${schema} is at version ${from}, newer than this netops knows (${newest}): upgrade netops`);
    for (const m of MIGRATIONS.filter((x) => x.version > from)) {
      await c.query(m.sql);
      await c.query('INSERT INTO schema_version (version, name) VALUES ($1, $2)', [m.version, m.name]);
    }
    return { schema, from, to: Math.max(from, newest) };
  });
}

/** The schema the pool was opened on (openPool sets it as the only search_path entry). */
async function schemaOf(c: pg.PoolClient): Promise<string> {
  const { rows } = await c.query<{ search_path: string }>('SHOW search_path');
  const first = rows[0]?.search_path.split(',')[0]?.trim().replace(/^"|"$/g, '');
  if (!first || !/^[a-z_][a-z0-9_]*$/.test(first)) throw new Error(`cannot tell the schema from search_path "${rows[0]?.search_path}"`);
  return first;
}
