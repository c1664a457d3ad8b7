/**
 * /readyz of scale-out processes when PostgreSQL goes away, as an orchestrator sees it: a front
 * and a worker (real processes) reach the database through a TCP proxy of the test, which is cut
 * (connections reset, new ones refused) or stalled (connections open, nothing answered: a hung
 * server or a silent network), then restored. The shared server keeps running for everyone else.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { NO_DATABASE, testDatabase } from '../support/postgres.js';
import { type Child, scaleOutRig } from '../support/scale-out-rig.js';
import { until } from '../support/scale-out-scenario.js';
import { labSpecs } from '../support/test-lab.js';

const db = await testDatabase('readyz_database');
after(() => db?.drop());

const PROBE = { NETOPS_METRICS_PORT: '0', NETOPS_LOG_FORMAT: 'json' };

interface Readiness {
  status: number;
  body: { status: string; failed: { name: string; reason: string }[]; checks: { name: string; ok: boolean }[] };
}

async function probePort(c: Child): Promise<number> {
  const line = await c.waitFor(/\/readyz on :\d+/);
  return Number(/\/readyz on :(\d+)/.exec(line.text)![1]);
}

const readyz = async (port: number): Promise<Readiness> => {
  const res = await fetch(`http://127.0.0.1:${port}/readyz`);
  assert.match(res.headers.get('content-type') ?? '', /application\/json/);
  return { status: res.status, body: (await res.json()) as Readiness['body'] };
};

/** What a process reports while the database is away: 503, the database check named with its reason; the rest still fine. */
function assertDatabaseDown(r: Readiness, who: string): void {
  assert.equal(r.status, 503, `${who}: ${JSON.stringify(r.body)}`);
  assert.equal(r.body.status, 'not ready');
  const failed = new Map(r.body.failed.map((f) => [f.name, f.reason]));
  assert.ok(failed.get('database'), `${who}: the database check is named, with a reason: ${JSON.stringify(r.body)}`);
  // The queue lives in the same PostgreSQL: it is away too. Nothing else is blamed.
  assert.deepEqual([...failed.keys()].sort(), ['database', 'queue'], who);
  assert.ok(
    r.body.checks.some((c) => c.name === 'inventory' && c.ok),
    `${who}: the inventory is still fine`,
  );
}

test('/readyz of a front and a worker fails naming the database while the connection is cut, and recovers when it is back', {
  skip: db ? false : NO_DATABASE,
}, async () => {
  const rig = await scaleOutRig(db!, labSpecs(2), { proxy: true, env: PROBE });
  try {
    const worker = await rig.worker('w1', { viaProxy: true });
    const front = await rig.front('front', { viaProxy: true });
    const ports = { worker: await probePort(worker), front: await probePort(front) };
    for (const [who, port] of Object.entries(ports)) {
      const up = await readyz(port);
      assert.equal(up.status, 200, `${who}: ${JSON.stringify(up.body)}`);
      assert.deepEqual(
        up.body.checks.filter((c) => c.name === 'database' || c.name === 'queue').map((c) => [c.name, c.ok]),
        [
          ['database', true],
          ['queue', true],
        ],
        who,
      );
    }

    rig.proxy!.cut({ refuse: true });
    for (const [who, port] of Object.entries(ports)) {
      assertDatabaseDown(await readyz(port), who);
      // Alive, only not ready: an orchestrator stops sending work, it does not restart the process.
      assert.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200, who);
    }

    rig.proxy!.restore();
    for (const [who, port] of Object.entries(ports)) {
      await until(`${who} ready again`, async () => (await readyz(port)).status === 200);
    }
  } finally {
    await rig.close();
  }
});

test('/readyz answers, not ready, while PostgreSQL hangs; ready again once it answers, and the worker takes work again', {
  skip: db ? false : NO_DATABASE,
  // A worker stuck on a hung connection never takes the read: fail then, rather than wait for ever.
  timeout: 240_000,
}, async () => {
  const rig = await scaleOutRig(db!, labSpecs(2), { proxy: true, env: PROBE });
  try {
    const worker = await rig.worker('w1', { viaProxy: true });
    const port = await probePort(worker);
    assert.equal((await readyz(port)).status, 200);
    const device = rig.lab.devices[0]!.spec.name;
    const readOnce = async (name: string) => {
      const read = rig.oneShot(name, `show-version device=${device}`);
      assert.equal(await read.exited, 0, `${read.output()}\n${worker.output()}`);
    };
    // Working before the hang (its queues made, its connections in use).
    await readOnce('before');

    rig.proxy!.stall();
    // Each check gives up on its own (the connect or the answer): the probe says so instead of hanging.
    // Each reason is PostgreSQL's client giving up (its own bound), not /readyz's last-resort deadline.
    const ownBound = (r: Readiness) => r.body.failed.every((f) => !/no answer within/.test(f.reason));
    const hung = await readyz(port);
    assertDatabaseDown(hung, 'worker');
    assert.ok(ownBound(hung), JSON.stringify(hung.body));
    // A second probe while it still hangs: answered the same way, not queued behind the first one's connections.
    const again = await readyz(port);
    assertDatabaseDown(again, 'worker');
    assert.ok(ownBound(again), JSON.stringify(again.body));

    rig.proxy!.restore();
    // The hung connections stay hung: only a probe that dropped them, and connects afresh, is ready again.
    await until('the worker ready again', async () => (await readyz(port)).status === 200);
    // And it works again: its own hung connections were given up too (bounded answers), so it polls the queue afresh.
    await readOnce('after');
  } finally {
    await rig.close();
  }
});
