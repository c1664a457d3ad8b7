/** tests/support/postgres.ts itself: without a server a file skips and says how to provide one; in CI it fails instead. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const PROBE = `import('./tests/support/postgres.ts').then(async (m) => { const db = await m.testDatabase('probe'); console.log(db ? 'got ' + db.schema : 'skipped'); await db?.drop(); })`;

async function probe(env: Record<string, string>) {
  const { CI: _ci, ...rest } = process.env;
  return exec(process.execPath, ['--import', 'tsx', '-e', PROBE], { env: { ...rest, ...env } }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

// Port 1 on loopback: nothing listens there, the connection is refused at once.
const NOWHERE = 'postgres://postgres@127.0.0.1:1/test';

test('no server: prints how to provide one, once, and skips', async () => {
  const r = await probe({ NETOPS_TEST_DATABASE_URL: NOWHERE });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /skipping PostgreSQL tests: .*NETOPS_TEST_DATABASE_URL=postgres:\/\/user@host:port\/db/);
  assert.match(r.stdout, /skipped$/m);
});

test('no server with CI=true: fails instead of skipping', async () => {
  const r = await probe({ NETOPS_TEST_DATABASE_URL: NOWHERE, CI: 'true' });
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /PostgreSQL at postgres:\/\/postgres@127\.0\.0\.1:1\/test is required in CI/);
});
