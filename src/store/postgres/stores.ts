import type pg from 'pg';
import type { Clock } from '../../core/ports.js';
import type { Redactor } from '../../core/redact.js';
import { openPool } from './pool.js';
import { migrate } from './migrate.js';
import { PgAuditLog } from './pg-audit-log.js';
import { PgStateStore } from './pg-state-store.js';
import { PgExclusion } from './pg-exclusion.js';

export interface PostgresStoreOptions {
  schema: string;
  clock: Clock;
  redact: Redactor;
  /** Device and group lease TTL (config.leaseTtlMs). */
  leaseTtlMs: number;
  /** Who this process is (host name and pid): owner of the jobs it starts. */
  owner: string;
  /** Connections at most (default 10). */
  max?: number;
  applicationName?: string;
}

export interface PostgresStores {
  pool: pg.Pool;
  audit: PgAuditLog;
  state: PgStateStore;
  exclusion: PgExclusion;
  /** Waits for queued audit appends, then closes the pool. */
  close(): Promise<void>;
}

/** Opens the pool, migrates the schema (safe when several processes start at once) and builds the stores on it. */
export async function openPostgresStores(url: string, o: PostgresStoreOptions): Promise<PostgresStores> {
  const pool = openPool(url, { schema: o.schema, max: o.max, applicationName: o.applicationName });
  try {
    await migrate(pool);
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  const audit = new PgAuditLog(pool, { clock: o.clock, redact: o.redact });
  return {
    pool,
    audit,
    state: new PgStateStore(pool, o.owner),
    exclusion: new PgExclusion(pool, { ttlMs: o.leaseTtlMs }),
    close: async () => {
      await audit.flush();
      await pool.end();
    },
  };
}
