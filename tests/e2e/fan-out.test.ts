import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { labSpecs, startRig, consoleActor } from '../support/test-lab.js';
import type { AuditFile } from '../../src/audit/audit-log.js';
import { verifyChain } from '../../src/audit/hash-chain.js';
import { createServer } from 'node:net';
import { createApp } from '../../src/app.js';
import { parseInventory } from '../../src/inventory/inventory.js';

test('50-device fan-out: 3 refuse auth, 2 never answer; 45 ok, 5 failed with reasons, within the timeout', async () => {
  const refuse = new Set([4, 17, 33]);
  const hang = new Set([9, 41]);
  const specs = labSpecs(50, (i) => ({ fault: refuse.has(i) ? 'refuse-auth' : hang.has(i) ? 'hang' : 'none', latencyMs: 20 }));
  // A healthy device's turn takes about 100 ms on an idle machine: these deadlines are the hung
  // devices', never a healthy one's, however busy the machine.
  const DEVICE_TIMEOUT_MS = 10_000;
  const rig = await startRig(specs, {
    env: { NETOPS_DEVICE_TIMEOUT_MS: String(DEVICE_TIMEOUT_MS), NETOPS_COMMAND_TIMEOUT_MS: '8000', NETOPS_CONNECT_TIMEOUT_MS: '8000' },
  });
  try {
    const events: string[] = [];
    const t0 = Date.now();
    const sub = await rig.app.service.submit('/net show-version site=east,west --confirm', consoleActor, (e) => events.push(e.type));
    assert.equal(sub.kind, 'job');
    if (sub.kind !== 'job') return;
    const job = await sub.done;
    const wall = Date.now() - t0;

    assert.equal(job.results.length, 50);
    const ok = job.results.filter((r) => r.status === 'ok');
    assert.equal(ok.length, 45);
    for (const r of ok) assert.equal(r.parsed?.[0]?.hostname, r.device, `${r.device} parsed its own hostname`);
    const byName = new Map(job.results.map((r) => [r.device, r]));
    for (const i of refuse) {
      const r = byName.get(specs[i]!.name)!;
      assert.equal(r.status, 'failed');
      assert.equal(r.error?.code, 'auth_failed');
      assert.match(r.error!.reason, /authentication rejected/);
    }
    for (const i of hang) {
      const r = byName.get(specs[i]!.name)!;
      assert.equal(r.status, 'timeout');
      assert.match(r.error!.reason, /no answer within|no result within/);
    }
    assert.equal(job.state, 'partially-failed');
    // Every device at once (concurrency 20): the hung ones bound the job, not the sum of their timeouts.
    assert.ok(wall < hang.size * DEVICE_TIMEOUT_MS, `job took ${wall} ms`);
    assert.equal(events[0], 'started');
    assert.equal(events.at(-1), 'finished');
    assert.equal(events.filter((e) => e === 'device-done').length, 50);

    // The audit file on disk holds one record per device result, chained.
    const file = JSON.parse(await readFile(rig.config.auditFile, 'utf8')) as AuditFile;
    const deviceRecords = file.records.filter((r) => r.action === 'device.result' && r.jobId === job.id);
    assert.equal(deviceRecords.length, 50);
    assert.deepEqual(new Set(deviceRecords.map((r) => r.targets?.[0])), new Set(specs.map((s) => s.name)));
    assert.equal(deviceRecords.filter((r) => r.outcome === 'ok').length, 45);
    assert.equal(file.records.filter((r) => r.action === 'job.requested').length, 1);
    assert.equal(file.records.at(-1)?.action, 'job.finished');
    assert.equal(verifyChain(file.records), undefined);
    assert.ok(file.records.every((r) => r.actor.id === 'alice' && /^\d{4}-\d\d-\d\dT.*Z$/.test(r.time)));
  } finally {
    await rig.close();
  }
});

test('a device failure never loses other results: unreachable, silent, dropping and wedged devices beside good ones', async () => {
  const faults = ['none', 'silent', 'drop', 'none', 'no-shell', 'none'] as const;
  const specs = labSpecs(6, (i) => ({ fault: faults[i] }));
  // Deadlines for the faulty devices, far above a healthy login (about 50 ms on an idle machine).
  const rig = await startRig(specs, { env: { NETOPS_CONNECT_TIMEOUT_MS: '3000', NETOPS_DEVICE_TIMEOUT_MS: '6000' } });
  try {
    // One more inventory device, on a port nobody listens on.
    const closed = createServer();
    const port = await new Promise<number>((r) => closed.listen(0, '127.0.0.1', () => r((closed.address() as { port: number }).port)));
    await new Promise((r) => closed.close(r));
    const inventory = parseInventory(
      {
        devices: [
          ...rig.lab.inventory().devices,
          { name: 'gone-1', host: '127.0.0.1', port, platform: 'cisco_ios', site: 'east', role: 'core' },
        ],
      },
      'test',
    );
    // Its own data directory: one bot process (or app) per state file.
    const app = await createApp(
      { ...rig.config, stateFile: `${rig.dir}/second/state.json`, auditFile: `${rig.dir}/second/audit.json` },
      { inventory },
    );
    const t0 = Date.now();
    const sub = await app.service.submit('show-version device=* --confirm', consoleActor);
    if (sub.kind !== 'job') throw new Error('expected a job');
    const job = await sub.done;
    const by = new Map(job.results.map((r) => [r.device, r]));
    assert.equal(by.get(specs[1]!.name)?.status, 'timeout');
    assert.match(by.get(specs[1]!.name)!.error!.reason, /no SSH handshake within 3 s/);
    assert.equal(by.get(specs[2]!.name)?.status, 'failed');
    assert.equal(by.get(specs[2]!.name)?.error?.code, 'connection_lost');
    // Logged in but the shell never opens: the device deadline still ends it.
    assert.equal(by.get(specs[4]!.name)?.status, 'timeout');
    assert.match(by.get(specs[4]!.name)!.error!.reason, /no result within 6 s/);
    assert.equal(by.get('gone-1')?.status, 'failed');
    assert.match(by.get('gone-1')!.error!.reason, /unreachable \(ECONNREFUSED\)/);
    assert.equal(job.results.filter((r) => r.status === 'ok').length, 3);
    // Ended by the device deadline (6 s), not held by the wedged device past it.
    assert.ok(Date.now() - t0 < 2 * 6000, 'the job ended at the device deadline');
    await app.close();
  } finally {
    await rig.close();
  }
});
