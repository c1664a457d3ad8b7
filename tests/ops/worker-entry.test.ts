/**
 * `npm run worker` (src/worker-main.ts) through the entry point's wiring: on PostgreSQL with a
 * console front, it serves /healthz and /readyz on NETOPS_METRICS_PORT, works the front's job,
 * logs JSON lines and stops on SIGTERM with 0; without a database it is one sentence and 78.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EX_CONFIG } from '../../src/ops/start-failure.js';
import { NO_DATABASE, testDatabase } from '../support/postgres.js';
import { Child } from '../support/scale-out-child.js';
import { scaleOutRig } from '../support/scale-out-rig.js';
import { labSpecs } from '../support/test-lab.js';
import { baseEnv, logRecords, probePort, ROOT, signal } from './entry-rig.js';

const db = await testDatabase('worker_entry');
after(() => db?.drop());

test('worker through worker-main.ts: /healthz and /readyz while it works, JSON logs, SIGTERM 0', {
  skip: db ? false : NO_DATABASE,
  timeout: 300_000,
}, async () => {
  const rig = await scaleOutRig(
    db!,
    labSpecs(4, () => ({ latencyMs: 20 })),
    { env: { NETOPS_LOG_FORMAT: 'json' } },
  );
  try {
    const worker = await rig.worker('w1', { env: { NETOPS_METRICS_PORT: '0' } });
    const base = `http://127.0.0.1:${await probePort(worker)}`;
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
    const ready = await fetch(`${base}/readyz`);
    const body = JSON.stringify(await ready.json());
    assert.equal(ready.status, 200, body);
    assert.match(body, /database/);

    const front = await rig.front('f1');
    front.send('/net show-version device=* --confirm');
    await front.waitFor(/J-1 .*: succeeded, 4\/4 ok/);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    // Served on the worker's own port; every login of the job has ended.
    assert.match(metrics, /^netops_ssh_handshakes_in_flight\{role="worker"\} 0$/m);

    signal(worker, 'SIGTERM');
    assert.equal(await worker.exited, 0, worker.output());
    const msgs = logRecords(worker).map((l) => String(l['msg']));
    assert.ok(msgs.some((m) => /ready, taking work/.test(m)) && msgs.at(-1) === 'stopped', msgs.join('\n'));
  } finally {
    await rig.close();
  }
});

test('worker without NETOPS_DATABASE_URL: "netops worker: configuration error", exit 78, no stack', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'netops-worker-entry-'));
  try {
    const worker = new Child('worker', ['src/worker-main.ts'], { cwd: ROOT, env: baseEnv(dir) });
    assert.equal(await worker.exited, EX_CONFIG);
    assert.deepEqual(
      worker.lines.map((l) => l.text),
      ['netops worker: configuration error: NETOPS_DATABASE_URL: a worker needs the database the fronts use (postgres://...)'],
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
