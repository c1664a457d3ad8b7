import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startProbeServer } from '../../src/ops/http-probe.js';
import { auditFileCheck, inventoryCheck, queryCheck, slackCheck } from '../../src/ops/readiness-checks.js';

/**
 * The database "stops" and "starts" without touching the shared PostgreSQL (other test runs use
 * it): the bot reaches it through a TCP relay of this test, which is closed (every connection
 * cut, the port refused) and reopened on the same port.
 */
class Relay {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  port = 0;

  async open(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(5432, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', () => resolve()));
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

const readyz = async (port: number) => {
  const res = await fetch(`http://127.0.0.1:${port}/readyz`);
  return { status: res.status, body: (await res.json()) as { status: string; failed: { name: string; reason: string }[] } };
};

test('/readyz fails naming the database while it is away, and recovers when it is back', async () => {
  const relay = new Relay();
  await relay.open();
  const pool = new pg.Pool({ host: '127.0.0.1', port: relay.port, user: 'postgres', database: 'test', connectionTimeoutMillis: 1000 });
  pool.on('error', () => undefined); // idle clients cut by the relay: the next check reports it
  const dir = await mkdtemp(join(tmpdir(), 'netops-readyz-'));
  let slackUp = true;
  const probe = await startProbeServer({
    port: 0,
    host: '127.0.0.1',
    metrics: async () => '',
    metricsContentType: 'text/plain',
    checkTimeoutMs: 3000,
    checks: [
      inventoryCheck(() => ({ devices: [1] })),
      auditFileCheck(join(dir, 'audit.json')),
      slackCheck(() => slackUp),
      queryCheck('database', pool),
    ],
  });
  try {
    const up = await readyz(probe.port);
    assert.equal(up.status, 200);
    assert.equal(up.body.status, 'ready');
    assert.deepEqual(up.body.failed, []);

    await relay.close();
    const down = await readyz(probe.port);
    assert.equal(down.status, 503);
    assert.deepEqual(
      down.body.failed.map((f) => f.name),
      ['database'],
    );
    assert.ok(down.body.failed[0]!.reason.length > 0, 'the reason is given');
    // Liveness is not readiness: the process itself is fine.
    assert.equal((await fetch(`http://127.0.0.1:${probe.port}/healthz`)).status, 200);

    await relay.open();
    // pg drops the clients the relay cut when they error; the next checks connect again.
    let again = await readyz(probe.port);
    for (let i = 0; i < 5 && again.status !== 200; i++) again = await readyz(probe.port);
    assert.equal(again.status, 200, JSON.stringify(again.body));

    slackUp = false;
    const noSlack = await readyz(probe.port);
    assert.equal(noSlack.status, 503);
    assert.deepEqual(
      noSlack.body.failed.map((f) => f.name),
      ['slack'],
    );
  } finally {
    await probe.close();
    await pool.end();
    await relay.close().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
});

test('/readyz names the audit directory when it cannot be written, and an empty inventory', async () => {
  const probe = await startProbeServer({
    port: 0,
    host: '127.0.0.1',
    metrics: async () => '',
    metricsContentType: 'text/plain',
    checks: [inventoryCheck(() => ({ devices: [] })), auditFileCheck('/proc/netops-no-such/audit.json')],
  });
  try {
    const r = await readyz(probe.port);
    assert.equal(r.status, 503);
    assert.deepEqual(
      r.body.failed.map((f) => f.name),
      ['inventory', 'audit'],
    );
    assert.match(r.body.failed[1]!.reason, /not writable/);
  } finally {
    await probe.close();
  }
});
