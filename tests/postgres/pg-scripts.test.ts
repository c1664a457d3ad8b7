/** The scripts on PostgreSQL: db:migrate, audit:import (chain intact, tampering refused), audit:verify and audit:export. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { MIGRATIONS } from '../../src/store/postgres/migrations.js';
import { NO_DATABASE, testDatabase } from '../support/postgres.js';
import { entry, manualClock, openLog, tempDir } from '../audit/audit-fixture.js';

const exec = promisify(execFile);
const db = await testDatabase('pg_scripts');
after(() => db?.drop());
const skip = db ? false : NO_DATABASE;

async function script(name: string, env: Record<string, string>, args: string[] = []) {
  return exec(process.execPath, ['--import', 'tsx', `scripts/${name}.ts`, ...args], { env: { ...process.env, ...env } }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

/** 30 records an hour apart from 2026-01-01T00:00Z, in segments of 8, for jobs J-1..J-3. */
async function jsonTrail() {
  const t = await tempDir();
  const clock = manualClock(Date.parse('2026-01-01T00:00:00Z'));
  const log = await openLog(t.path, clock, { maxRecords: 8 });
  for (let i = 0; i < 30; i++) {
    await log.append(entry(i, i === 3 ? { detail: { note: 'quote " and \\ and é', nested: { b: 1, a: [1.5, null, 'x'] } } } : {}));
    clock.advance(3_600_000);
  }
  await writeFile(join(t.dir, 'state.json'), JSON.stringify({ lastJobNumber: 7, running: [], changes: [] }));
  return t;
}

test('db:migrate creates the schema once, then finds it current', { skip }, async () => {
  const env = { NETOPS_DATABASE_URL: db!.url, NETOPS_DATABASE_SCHEMA: `${db!.schema}_m` };
  try {
    const first = await script('db-migrate', env);
    assert.equal(first.code, 0, first.stderr);
    const newest = MIGRATIONS.at(-1)!.version;
    assert.match(first.stdout, new RegExp(`migrated from version 0 to ${newest}\\b`));
    const again = await script('db-migrate', env);
    assert.match(again.stdout, new RegExp(`already at version ${newest}\\b`));
  } finally {
    await db!.pool.query(`DROP SCHEMA IF EXISTS ${db!.schema}_m CASCADE`);
  }
});

test('audit:import moves a segmented JSON trail with its chain intact; verify and export agree with the JSON trail', { skip }, async () => {
  const t = await jsonTrail();
  try {
    const pgEnv = {
      NETOPS_AUDIT_FILE: t.path,
      NETOPS_STATE_FILE: join(t.dir, 'state.json'),
      NETOPS_DATABASE_URL: db!.url,
      NETOPS_DATABASE_SCHEMA: db!.schema,
    };
    const imported = await script('audit-import', pgEnv);
    assert.equal(imported.code, 0, imported.stderr + imported.stdout);
    assert.match(imported.stdout, /30 records from 4 file\(s\).*after J-7/);
    const verify = await script('audit-verify', pgEnv);
    assert.equal(verify.code, 0, verify.stdout);
    assert.match(verify.stdout, /intact: 30 records in PostgreSQL/);
    const fromJson = await script('audit-export', { NETOPS_AUDIT_FILE: t.path }, [
      '--since',
      '2026-01-01T05:00:00Z',
      '--until',
      '2026-01-01T20:00:00Z',
    ]);
    const fromPg = await script('audit-export', pgEnv, ['--since', '2026-01-01T05:00:00Z', '--until', '2026-01-01T20:00:00Z']);
    assert.equal(fromPg.code, 0, fromPg.stderr);
    const lines = (s: string) =>
      s
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown);
    assert.equal(lines(fromPg.stdout).length, 15);
    assert.deepEqual(lines(fromPg.stdout), lines(fromJson.stdout));
    const csv = await script('audit-export', pgEnv, ['--format', 'csv']);
    assert.equal(csv.stdout.trim().split('\r\n').length, 31, 'header and 30 rows');
    const { rows } = await db!.pool.query<{ n: string }>(`SELECT nextval('job_number') AS n`);
    assert.equal(Number(rows[0]!.n), 8, 'job numbers go on after the embedded state');

    const twice = await script('audit-import', pgEnv);
    assert.equal(twice.code, 1);
    assert.match(twice.stdout, /already holds an audit trail of 30 records/);

    await db!.pool.query(`UPDATE audit SET actor = jsonb_set(actor, '{name}', '"mallory"') WHERE seq = 12`);
    const tampered = await script('audit-verify', pgEnv);
    assert.equal(tampered.code, 1);
    assert.match(tampered.stdout, /BROKEN at record 12 in audit: record 12 was altered/);
  } finally {
    await t.cleanup();
  }
});

test('audit:import refuses a tampered JSON trail and imports nothing', { skip }, async () => {
  const t = await jsonTrail();
  const schema = `${db!.schema}_x`;
  try {
    const segments = (await readFile(t.path, 'utf8')).replace('"outcome":"ok"', '"outcome":"failed"');
    await writeFile(t.path, segments);
    const env = { NETOPS_AUDIT_FILE: t.path, NETOPS_DATABASE_URL: db!.url, NETOPS_DATABASE_SCHEMA: schema };
    const r = await script('audit-import', env);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /nothing imported: the JSON audit trail is BROKEN at record 25 in audit\.json: record 25 was altered/);
    const { rows } = await db!.pool.query(`SELECT count(*)::int AS n FROM ${schema}.audit`);
    assert.equal(rows[0].n, 0);
  } finally {
    await t.cleanup();
    await db!.pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  }
});
