/**
 * Child process of the state store test: reserves `count` job numbers (several at once) and
 * prints them, one a line. Usage: node --import tsx tests/postgres/job-number-child.ts <url> <schema> <count>
 */
import { openPool } from '../../src/store/postgres/pool.js';
import { PgStateStore } from '../../src/store/postgres/pg-state-store.js';

const [url, schema, count] = process.argv.slice(2) as [string, string, string];
const pool = openPool(url, { schema, max: 3 });
const state = new PgStateStore(pool, `child-${process.pid}`);
const got: number[] = [];
for (let i = 0; i < Number(count); i += 5) got.push(...(await Promise.all([0, 1, 2, 3, 4].map(() => state.nextJobNumber()))));
await pool.end();
process.stdout.write(`${got.join('\n')}\n`);
