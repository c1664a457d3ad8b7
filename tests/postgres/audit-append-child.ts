/**
 * Child process of the PostgreSQL audit test: its own pool and PgAuditLog on the given schema,
 * appending `count` records in bursts (some awaited one by one, some together: group commit),
 * then printing `done <n>`. Usage: node --import tsx tests/postgres/audit-append-child.ts <url> <schema> <name> <count>
 */
import { openPool } from '../../src/store/postgres/pool.js';
import { PgAuditLog } from '../../src/store/postgres/pg-audit-log.js';
import { systemClock } from '../../src/core/clock.js';
import { createRedactor } from '../../src/core/redact.js';

const [url, schema, name, count] = process.argv.slice(2) as [string, string, string, string];
const pool = openPool(url, { schema, max: 3 });
const log = new PgAuditLog(pool, { clock: systemClock, redact: createRedactor(['child-Secret']) });
const actor = { id: `U_${name}`, name, via: 'console' };
let n = 0;
while (n < Number(count)) {
  // A burst of device results not awaited one by one, then one awaited alone.
  const burst = Array.from({ length: Math.min(7, Number(count) - n) }, () =>
    log.append({
      actor,
      action: 'device.result',
      jobId: `J-${name}`,
      targets: [`r${n}`],
      outcome: 'ok',
      detail: { n: n++, secret: 'child-Secret' },
    }),
  );
  await Promise.all(burst);
}
await log.flush();
await pool.end();
process.stdout.write(`done ${n}\n`);
