import type pg from 'pg';
import type { Clock } from '../../core/ports.js';
import type { Redactor } from '../../core/redact.js';
import { openPool } from './pool.js';
import { migrate } from './migrate.js';
import { PgAuditLog } from './pg-audit-log.js';
import { PgStateStore } from './pg-state-store.js';
import { PgExclusion } from './pg-exclusion.js';
import { PgBackupStore } from './pg-backup-store.js';
import type { StoreObserver } from './store-observer.js';

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
  /** Told audit append latency, lease waits and lease losses (the metrics). */
  observer?: Partial<StoreObserver>;
}

export interface PostgresStores {
  /** Audit, state and whatever else the process runs (queue, job events); leases have connections of their own. */
  pool: pg.Pool;
  audit: PgAuditLog;
  state: PgStateStore;
  exclusion: PgExclusion;
  /** issue 15: configuration backups. */
  backups: PgBackupStore;
  /** Waits for queued audit appends, then closes the pool. */
  close(): Promise<void>;
}

/** Opens the pool, migrates the schema (safe when several processes start at once) and builds the stores on it. */
export async function openPostgresStores(url: string, o: PostgresStoreOptions): Promise<PostgresStores> {
  const pool = openPool(url, { schema: o.schema, max: o.max, applicationName: o.applicationName });
  // Leases on their own few connections: a pool busy with audit and state traffic must never
  // delay a renewal until the hold is given up as lost.
  const leasePool = openPool(url, { schema: o.schema, max: 4, applicationName: `${o.applicationName ?? 'netops'}-leases` });
  try {
    await migrate(pool);
  } catch (err) {
    await Promise.all([pool.end(), leasePool.end()]).catch(() => undefined);
    throw err;
  }
  const audit = new PgAuditLog(pool, { clock: o.clock, redact: o.redact, observer: o.observer });
  return {
    pool,
    audit,
    state: new PgStateStore(pool, o.owner, (c, e) => audit.appendIn(c, e)),
    exclusion: new PgExclusion(leasePool, { ttlMs: o.leaseTtlMs, observer: o.observer }),
    backups: new PgBackupStore(pool),
    close: async () => {
      await audit.flush();
      await Promise.all([pool.end(), leasePool.end()]);
    },
  };
}
