/**
 * The runtime's queue path in one test process: fronts built as `npm start` builds them with
 * NETOPS_DATABASE_URL, the worker in process (NETOPS_WORKER=on), the real lab and PostgreSQL.
 * (Killed, frozen and cut-off workers as separate processes: tests/scale-out/worker-*.test.ts.)
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../src/config.js';
import { parseInventory } from '../../src/inventory/inventory.js';
import { startLab } from '../../src/lab/lab-server.js';
import { createScaleOutFront, scaleOutParts } from '../../src/worker/scale-out-front.js';
import { openScaleOut } from '../../src/worker/scale-out-app.js';
import { handleWork } from '../../src/worker/worker.js';
import { fenced } from '../../src/store/postgres/pg-exclusion.js';
import { eventsSince } from '../../src/store/postgres/job-events.js';
import { PgStateStore } from '../../src/store/postgres/pg-state-store.js';
import { NO_DATABASE, testDatabase } from '../support/postgres.js';
import { consoleActor, labSpecs, TEST_CREDENTIALS } from '../support/test-lab.js';

const db = await testDatabase('runtime_queue');
after(async () => {
  if (!db) return;
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  await c.query(`DROP SCHEMA IF EXISTS ${db.schema}_boss CASCADE`);
  await c.end();
  await db.drop();
});
const skip = db ? false : NO_DATABASE;

async function rig(latencyMs: number) {
  const dir = await mkdtemp(join(tmpdir(), 'netops-rq-'));
  const lab = await startLab({
    host: '127.0.0.1',
    basePort: 0,
    credentials: TEST_CREDENTIALS,
    devices: labSpecs(4, () => ({ latencyMs })),
  });
  await writeFile(join(dir, 'known_hosts'), lab.knownHosts());
  const config = (worker: 'on' | 'off') =>
    loadConfig({
      env: {
        NETOPS_DATA_DIR: dir,
        NETOPS_KNOWN_HOSTS: join(dir, 'known_hosts'),
        NETOPS_USERNAME: TEST_CREDENTIALS.username,
        NETOPS_PASSWORD: TEST_CREDENTIALS.password,
        NETOPS_ENABLE_SECRET: TEST_CREDENTIALS.enableSecret,
        NETOPS_LAB: 'off',
        NETOPS_APPROVERS: 'bob',
        NETOPS_DATABASE_URL: db!.url,
        NETOPS_DATABASE_SCHEMA: db!.schema,
        NETOPS_WORKER: worker,
        NETOPS_LEASE_TTL_MS: '3000',
      },
    });
  const inventory = parseInventory(lab.inventory(), 'test lab');
  return {
    lab,
    inventory,
    config,
    close: async () => {
      await lab.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

test('runtime queue: a read goes through the queue to the worker, each result names it', { skip }, async () => {
  const r = await rig(0);
  const front = await createScaleOutFront(r.config('on'), { inventory: r.inventory });
  try {
    const sub = await front.service.submit('show-version device=* --confirm', consoleActor);
    if (sub.kind !== 'job') throw new Error('expected a job');
    const job = await sub.done;
    assert.equal(job.state, 'succeeded');
    assert.equal(job.results.length, 4);
    const rows = await db!.pool.query("SELECT action, detail->>'worker' AS worker FROM audit WHERE job_id = $1 ORDER BY seq", [job.id]);
    const actions = rows.rows.map((x) => x.action);
    assert.deepEqual(actions, ['job.requested', 'device.result', 'device.result', 'device.result', 'device.result', 'job.finished']);
    for (const x of rows.rows.filter((x) => x.action === 'device.result')) assert.equal(x.worker, `${hostname()}:${process.pid}`);
  } finally {
    await front.close();
    await r.close();
  }
});

test('runtime queue: a cancel typed on another front stops the job where it runs', { skip }, async () => {
  const r = await rig(400);
  const running = await createScaleOutFront(r.config('on'), { inventory: r.inventory });
  const other = await createScaleOutFront(r.config('off'), { inventory: r.inventory });
  try {
    const sub = await running.service.submit('show-version device=* --confirm', consoleActor);
    if (sub.kind !== 'job') throw new Error('expected a job');
    // Wait until the worker is on a device (its start is an event), then cancel from the other front.
    while (!(await eventsSince(db!.pool, sub.job.id, 0)).some((e) => e.kind === 'device-started'))
      await new Promise((x) => setTimeout(x, 20));
    await assert.rejects(
      other.service.cancelAnywhere(sub.job.id, { id: 'mallory', name: 'mallory', via: 'console' }),
      /only alice or an approver/,
    );
    await other.service.cancelAnywhere(sub.job.id, consoleActor);
    const job = await sub.done;
    assert.equal(job.state, 'cancelled');
    assert.ok(
      job.results.some((x) => x.status === 'cancelled'),
      JSON.stringify(job.results),
    );
  } finally {
    await other.close();
    await running.close();
    await r.close();
  }
});

test('runtime queue: a change delivered a second time is reported state unknown and never touches the device', { skip }, async () => {
  const r = await rig(0);
  const parts = await scaleOutParts(r.config('off'), { inventory: r.inventory });
  const s = await openScaleOut(parts, 'worker');
  // These tests name their own jobs (J-900 and up): the sequence goes past them, as the bot's
  // would, or the next start refuses a trail naming jobs the sequence has not handed out.
  await s.stores.pool.query(`SELECT setval('job_number', 999)`);
  try {
    const device = r.inventory.devices[0]!;
    const command = parts.registry.get('config');
    if (command.kind !== 'change') throw new Error('config is a change command');
    const args = command.parseArgs({ template: 'ntp', server: '192.0.2.77' });
    const lines = command.plan(args, device)!.lines;
    const work = {
      jobId: 'J-900',
      kind: 'change' as const,
      command: 'config',
      args,
      device: device.name,
      site: device.site,
      plan: lines,
      actor: { id: 'alice', name: 'alice', via: 'console' },
    };
    const log: string[] = [];
    const deps = {
      identity: 'test:1',
      registry: parts.registry,
      inventory: r.inventory,
      connector: parts.connector,
      audit: s.stores.audit,
      pool: s.stores.pool,
      feed: s.feed,
      exclusion: s.stores.exclusion,
      fence: fenced,
      clock: parts.clock,
      redact: parts.redact,
      limits: { deviceTimeoutMs: 5000, commandTimeoutMs: 3000, holdWaitMs: 5000 },
      log: (l: string) => log.push(l),
    };
    await handleWork(deps, work, 1);
    const events = await eventsSince(s.stores.pool, 'J-900', 0);
    const result = events.find((e) => e.kind === 'device-result')?.payload.result;
    assert.equal(result?.error?.code, 'state_unknown');
    assert.deepEqual(
      r.lab.configModeLog().connections.filter((c) => c.device === device.name),
      [],
      'never connected',
    );
    // A changed plan (templates edited since approval) is refused the same way: nothing sent.
    await handleWork(deps, { ...work, jobId: 'J-901', plan: ['ntp server 203.0.113.1'] }, 0);
    const refused = (await eventsSince(s.stores.pool, 'J-901', 0)).find((e) => e.kind === 'device-result')?.payload.result;
    assert.match(refused?.error?.reason ?? '', /differ from what was approved/);
    assert.deepEqual(r.lab.configModeLog().connections, []);
  } finally {
    await s.close();
    await r.close();
  }
});

test('runtime queue: a job whose front stopped is finished by another front; what was never sent is said so', { skip }, async () => {
  const r = await rig(0);
  // The stopped front: noted the job as running, sent one of its two devices, then went silent.
  const parts = await scaleOutParts(r.config('off'), { inventory: r.inventory });
  const dead = await openScaleOut(parts, 'front');
  const [sent, unsent] = r.inventory.devices;
  const actor = { id: 'alice', name: 'alice', via: 'console' };
  await new PgStateStore(dead.stores.pool, 'gone-host:1').jobStarted({
    id: 'J-950',
    command: 'show-version',
    actor,
    targets: [sent!.name, unsent!.name],
    startedAt: Date.now(),
  });
  await dead.stores.pool.query("UPDATE running_jobs SET heartbeat_at = now() - interval '1 hour' WHERE id = 'J-950'");
  await dead.queue.enqueue({
    jobId: 'J-950',
    kind: 'read',
    command: 'show-version',
    args: {},
    device: sent!.name,
    site: sent!.site,
    actor,
  });
  await dead.close();
  const front = await createScaleOutFront(r.config('on'), { inventory: r.inventory });
  const shown: string[] = [];
  front.service.adopted.onFinished((job) => shown.push(`${job.id} ${job.state} ${job.results.length}`));
  try {
    const finished = async () =>
      (await db!.pool.query("SELECT outcome FROM audit WHERE job_id = 'J-950' AND action = 'job.finished'")).rows[0]?.outcome;
    while (!(await finished())) await new Promise((x) => setTimeout(x, 100));
    assert.equal(await finished(), 'interrupted');
    const results = await db!.pool.query(
      "SELECT targets[1] AS device, outcome FROM audit WHERE job_id = 'J-950' AND action = 'device.result' ORDER BY targets[1]",
    );
    const by = Object.fromEntries(results.rows.map((x) => [x.device, x.outcome]));
    assert.deepEqual(by, { [sent!.name]: 'ok', [unsent!.name]: 'skipped' });
    assert.deepEqual((await db!.pool.query("SELECT id FROM running_jobs WHERE id = 'J-950'")).rows, []);
    // The adapter is handed the summary to show where the stopped front posted it.
    while (!shown.length) await new Promise((x) => setTimeout(x, 20));
    assert.deepEqual(shown, ['J-950 interrupted 2']);
  } finally {
    await front.close();
    await r.close();
  }
});
