import { after, before } from 'node:test';
import type pg from 'pg';
import { migrate } from '../../src/store/postgres/migrate.js';
import { openPool } from '../../src/store/postgres/pool.js';
import type { TestDatabase } from './postgres.js';

/**
 * `count` pools on the test file's schema, one per simulated front (separate connections, as
 * separate processes would hold): migrated before the file's first test; ended, and the schema
 * dropped, after its last. Empty without a database (the file's tests skip).
 */
export function frontPools(db: TestDatabase | undefined, count: number, max: number): pg.Pool[] {
  const pools: pg.Pool[] = [];
  before(async () => {
    if (!db) return;
    for (let i = 0; i < count; i++) pools.push(openPool(db.url, { schema: db.schema, max }));
    await migrate(pools[0]!);
  });
  after(async () => {
    await Promise.all(pools.map((p) => p.end()));
    await db?.drop();
  });
  return pools;
}
