import pg from 'pg';
import { ConfigError } from '../../core/errors.js';

export interface PoolOptions {
  /** The schema every table lives in (set as `search_path` on each connection). */
  schema: string;
  /** Upper bound of any one statement; a stuck query fails instead of hanging a job. Default 15 s. */
  statementTimeoutMs?: number;
  /** Connections at most. Default 10. */
  max?: number;
  /** Names the connections in pg_stat_activity (`netops-front`, `netops-worker`). */
  applicationName?: string;
  /** Giving up on a new connection (database unreachable). Default 5 s. */
  connectTimeoutMs?: number;
  /**
   * Giving up on an answer, on this side: a hung server or a network that drops packets
   * silently never sends the statement timeout's error, and a query waiting on it would hold
   * its connection (and the process's loop) for ever. The connection is then dropped.
   * Default: 5 s past the statement timeout, when the server would have cancelled it anyway.
   */
  queryTimeoutMs?: number;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * A pool whose every connection has `search_path` on the schema and a statement timeout, so
 * no query runs unbounded. Errors of idle connections (the server restarted, a proxy cut)
 * are swallowed here: the next query on the pool reports them where someone is waiting.
 */
export function openPool(url: string, o: PoolOptions): pg.Pool {
  const pool = new pg.Pool({ ...connectionBounds(url, o), max: o.max ?? 10 });
  pool.on('error', () => undefined);
  return pool;
}

/**
 * What bounds one connection, pooled or not (the job event feed's LISTEN client has the same):
 * the schema, a statement timeout on the server, and on this side a connect bound, an answer
 * bound and TCP keep-alive, for the server that hangs without a word.
 */
export function connectionBounds(url: string, o: PoolOptions): pg.ClientConfig {
  if (!IDENTIFIER.test(o.schema)) throw new ConfigError('NETOPS_DATABASE_SCHEMA', `"${o.schema}" is not a lower-case SQL identifier`);
  const statementMs = o.statementTimeoutMs ?? 15_000;
  return {
    connectionString: url,
    connectionTimeoutMillis: o.connectTimeoutMs ?? 5_000,
    query_timeout: o.queryTimeoutMs ?? statementMs + 5_000,
    keepAlive: true,
    application_name: o.applicationName ?? 'netops',
    // A transaction left open by a stalled process must not hold the chain head or a lease row for ever.
    options: `-c search_path=${o.schema} -c statement_timeout=${statementMs} -c idle_in_transaction_session_timeout=${statementMs * 2}`,
  };
}

/** Runs `fn` in one transaction on one connection: committed if it resolves, rolled back if it throws. */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: unknown;
  try {
    await client.query('BEGIN');
    const out = await fn(client);
    await client.query('COMMIT');
    return out;
  } catch (err) {
    broken = err;
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    // After any failure the connection may be dead or mid-protocol: destroy it rather than reuse it.
    client.release(broken !== undefined);
  }
}

/** A database failure in words an operator can act on (the scripts' last line). */
export function describeDatabaseError(err: unknown, schema: string): string {
  const e = err as { code?: string; message?: string };
  if (e.code === '42P01' || e.code === '3F000') return `schema ${schema} holds no netops tables yet (run npm run db:migrate): ${e.message}`;
  if (e.code === 'ECONNREFUSED' || e.code === 'ENOTFOUND' || e.code === 'ETIMEDOUT')
    return `cannot reach PostgreSQL (NETOPS_DATABASE_URL): ${e.message}`;
  return e.message ?? String(err);
}
