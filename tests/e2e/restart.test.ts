import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AuditLog } from '../../src/audit/audit-log.js';
import { createRedactor } from '../../src/core/redact.js';
import { systemClock } from '../../src/core/clock.js';

const run = promisify(execFile);

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('a bot killed mid-job: the next start records the job as interrupted; acknowledged records stay and the chain verifies', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'netops-restart-'));
  try {
    const def = JSON.parse(await readFile('data/lab.json', 'utf8')) as Record<string, unknown>;
    def['latencyMs'] = 400; // slow enough to be killed in the middle
    await writeFile(join(dir, 'lab.json'), JSON.stringify(def));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NETOPS_LAB_DEFINITION: join(dir, 'lab.json'),
      NETOPS_DATA_DIR: dir,
      NETOPS_USER: 'dave',
      NETOPS_CONCURRENCY: '3',
    };
    delete env['NETOPS_INVENTORY'];
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '/net show-version device=* --confirm'], {
      env,
      stdio: 'ignore',
    });
    const state = join(dir, 'state.json');
    await until(async () => (JSON.parse(await readFile(state, 'utf8')) as { running: unknown[] }).running.length === 1, 15_000);
    await until(async () => (await readFile(join(dir, 'audit.json'), 'utf8')).includes('device.result'), 15_000);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    const restart = await run(process.execPath, ['--import', 'tsx', 'src/main.ts', '/net help'], { env });
    assert.match(restart.stderr, /the previous run stopped during J-1; recorded as interrupted/);
    const log = await AuditLog.open(join(dir, 'audit.json'), { clock: systemClock, redact: createRedactor([]) });
    const records = await log.query({ jobId: 'J-1' });
    assert.equal(records[0]!.action, 'job.requested');
    assert.ok(records.some((r) => r.action === 'device.result'));
    assert.ok(!records.some((r) => r.action === 'job.finished'));
    const last = records.at(-1)!;
    assert.equal(last.action, 'job.interrupted');
    assert.equal(last.outcome, 'interrupted');
    assert.equal(last.actor.name, 'dave');
    assert.equal((await log.verify()).ok, true);
    assert.deepEqual((JSON.parse(await readFile(state, 'utf8')) as { running: unknown[] }).running, []);
    // A second restart finds nothing more to record.
    const again = await run(process.execPath, ['--import', 'tsx', 'src/main.ts', '/net help'], { env });
    assert.doesNotMatch(again.stderr, /interrupted/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('one bot per data directory: a second process is refused while the first runs', async () => {
  const { acquireDataLock } = await import('../../src/audit/data-lock.js');
  const dir = await mkdtemp(join(tmpdir(), 'netops-lock-'));
  try {
    const lock = join(dir, 'state.json.lock');
    const release = await acquireDataLock(lock);
    await assert.rejects(acquireDataLock(lock), /another netops process \(pid \d+\) is using/);
    await release();
    // A lock left by a process that died is taken over.
    await writeFile(lock, '999999\n');
    const again = await acquireDataLock(lock);
    assert.equal((await readFile(lock, 'utf8')).trim(), String(process.pid));
    await again();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a start that finds the audit file torn by its last write mends it, says so, and records that in the trail', async () => {
  const { tornTrail } = await import('../audit/audit-fixture.js');
  const dir = await mkdtemp(join(tmpdir(), 'netops-torn-'));
  try {
    const { torn } = await tornTrail(join(dir, 'audit.json'), 4, 30);
    // The fixture's records name job J-1: the state file that goes with them (start-up refuses a state behind the trail).
    await writeFile(join(dir, 'state.json'), JSON.stringify({ lastJobNumber: 1, running: [], changes: [] }));
    const env: NodeJS.ProcessEnv = { ...process.env, NETOPS_DATA_DIR: dir, NETOPS_USER: 'dave' };
    delete env['NETOPS_INVENTORY'];
    const started = await run(process.execPath, ['--import', 'tsx', 'src/main.ts', '/net help'], { env });
    assert.match(started.stderr, /audit file's last write was torn .*kept 4 records, dropped 30 bytes, recorded as audit.mended/);
    const log = await AuditLog.open(join(dir, 'audit.json'), { clock: systemClock, redact: createRedactor([]) });
    const mended = (await log.query({ action: 'audit.mended' }))[0];
    assert.equal(mended?.seq, 5);
    assert.deepEqual(await readFile(String(mended.detail?.['keptCopy'])), torn);
    assert.deepEqual(await log.verify(), { ok: true, records: 5 });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
