/**
 * /readyz of a scale-out process (front or worker): the database and the queue reachable.
 * The checks have connections of their own, each connect and each answer bounded on this
 * side: a PostgreSQL that hangs fails the probe within a second or so, and a probe never
 * waits behind (or takes a connection from) the work's pool.
 */
import { queryCheck } from '../ops/readiness-checks.js';
import type { ReadinessCheck } from '../ops/http-probe.js';
import { openPool } from '../store/postgres/pool.js';
import { queueProbeSql } from '../store/postgres/queue.js';

/** Each check's own bound; /readyz's overall deadline per check (http-probe.ts) is longer, so the reason is PostgreSQL's. */
export const PROBE_TIMEOUT_MS = 1000;

export interface ScaleOutReadiness {
  checks: ReadinessCheck[];
  close(): Promise<void>;
}

export function scaleOutReadiness(
  url: string,
  o: { schema: string; queueSchema: string; role: 'front' | 'worker'; timeoutMs?: number },
): ScaleOutReadiness {
  const ms = o.timeoutMs ?? PROBE_TIMEOUT_MS;
  const pool = openPool(url, {
    schema: o.schema,
    max: 2,
    connectTimeoutMs: ms,
    statementTimeoutMs: ms,
    queryTimeoutMs: ms,
    applicationName: `netops-${o.role}-probe`,
  });
  return {
    // The netops schema's chain head and pg-boss's own table: reachable, and what the process needs is there.
    checks: [queryCheck('database', pool, 'SELECT 1 FROM audit_head'), queryCheck('queue', pool, queueProbeSql(o.queueSchema))],
    close: () => pool.end(),
  };
}
