import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PLATFORM_IDS } from '../../src/core/types.js';
import { createMetrics } from '../../src/ops/metrics.js';
import { startProbeServer } from '../../src/ops/http-probe.js';
import { instrumentAudit, instrumentConnector } from '../../src/ops/instrumented-ports.js';
import { KnownHosts } from '../../src/devices/known-hosts.js';
import { SshConnector } from '../../src/devices/ssh-connector.js';
import { consoleActor, labSpecs, startRig } from '../support/test-lab.js';
import { parseExposition } from './prom-text.js';

test('/metrics after a real job: jobs, device results per platform and device-time counts match the job', async () => {
  // 10 devices over the five platforms; two of them refuse the login, so both outcomes are counted.
  const specs = labSpecs(10, (i) => ({ platform: PLATFORM_IDS[i % 5], fault: i === 3 || i === 4 ? 'refuse-auth' : 'none' }));
  // The metrics are given to the composition: the service counts, not the adapter that asked.
  const metrics = createMetrics({ role: 'both' });
  const rig = await startRig(specs, { metrics });
  const probe = await startProbeServer({
    port: 0,
    host: '127.0.0.1',
    metrics: metrics.text,
    metricsContentType: metrics.registry.contentType,
    checks: [],
  });
  try {
    const sub = await rig.app.service.submit('/net show-version device=* --confirm', consoleActor);
    assert.equal(sub.kind, 'job');
    const job = sub.kind === 'job' ? await sub.done : undefined;
    assert.equal(job?.state, 'partially-failed');

    // The audit decorator times every append it passes on.
    const audit = instrumentAudit(rig.app.audit, metrics);
    for (let i = 0; i < 3; i++) await audit.append({ actor: { id: 't', name: 't', via: 'console' }, action: 'test.note' });

    const res = await fetch(`http://127.0.0.1:${probe.port}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const m = parseExposition(await res.text());

    assert.equal(m.types.get('netops_jobs_total'), 'counter');
    assert.equal(m.types.get('netops_device_seconds'), 'histogram');
    assert.equal(m.value('netops_jobs_total', { command: 'show-version', outcome: 'partially-failed' }), 1);
    assert.equal(m.sum('netops_jobs_total'), 1);
    // Per platform and outcome, exactly what the job's results say.
    const byKey = new Map<string, number>();
    for (const r of job!.results) {
      const key = `${rig.app.inventory.get(r.device)!.platform}/${r.status}`;
      byKey.set(key, (byKey.get(key) ?? 0) + 1);
    }
    for (const [key, n] of byKey) {
      const [platform, outcome] = key.split('/') as [string, string];
      assert.equal(m.value('netops_device_results_total', { platform, outcome, role: 'both' }), n, key);
    }
    assert.equal(m.sum('netops_device_results_total'), 10);
    assert.equal(m.sum('netops_device_results_total', { outcome: 'failed' }), 2);
    assert.equal(m.sum('netops_device_seconds_count'), 10);
    for (const p of PLATFORM_IDS) {
      assert.equal(m.value('netops_device_seconds_count', { platform: p }), 2, p);
      assert.equal(m.value('netops_device_seconds_bucket', { platform: p, le: '+Inf' }), 2, p);
    }
    // Ten devices, ten slots' waits (the limiter is wider than the job: each waited next to nothing).
    assert.equal(m.value('netops_queue_wait_seconds_count'), 10);
    assert.equal(m.value('netops_jobs_running', { command: 'show-version' }), 0);
    // Every record in the trail went through a timed sink: the job's through the composition's, three through this one.
    const recorded = (await rig.app.audit.query({})).length;
    assert.ok(recorded >= 15, `the request, 10 results, the end and 3 notes: ${recorded}`);
    assert.equal(m.value('netops_audit_append_seconds_count'), recorded);
    assert.equal(m.value('netops_ssh_handshakes_in_flight'), 0);
    // Node's own: event-loop delay is there for the dashboards.
    assert.ok(m.value('nodejs_eventloop_lag_p99_seconds') !== undefined, 'event-loop delay exported');

    const health = await fetch(`http://127.0.0.1:${probe.port}/healthz`);
    assert.deepEqual(await health.json(), { status: 'ok' });
    assert.equal((await fetch(`http://127.0.0.1:${probe.port}/nope`)).status, 404);
  } finally {
    await probe.close();
    await rig.close();
  }
});

test('handshakes in flight: counted while a login runs, back to zero after success and failure', () => {
  const metrics = createMetrics({ defaultMetrics: false });
  const a = metrics.handshakeStarted();
  const b = metrics.handshakeStarted();
  const gauge = async () => parseExposition(await metrics.text()).value('netops_ssh_handshakes_in_flight');
  return (async () => {
    assert.equal(await gauge(), 2);
    a();
    a(); // ending twice counts once
    assert.equal(await gauge(), 1);
    b();
    assert.equal(await gauge(), 0);
  })();
});

test('handshakes in flight through the real connector: every login counted while it runs, none left after success or refusal', async () => {
  const rig = await startRig(labSpecs(4, (i) => ({ latencyMs: 50, fault: i === 3 ? 'refuse-auth' : 'none' })));
  const metrics = createMetrics({ defaultMetrics: false });
  const gauge = async () => parseExposition(await metrics.text()).value('netops_ssh_handshakes_in_flight');
  try {
    const c = rig.config;
    const connector = instrumentConnector(
      new SshConnector({
        credentials: c.credentials,
        knownHosts: await KnownHosts.load(c.knownHostsFile),
        trustOnFirstUse: false,
        connectTimeoutMs: c.connectTimeoutMs,
        promptTimeoutMs: c.commandTimeoutMs,
        keepaliveMs: 0,
      }),
      metrics,
    );
    const signal = new AbortController().signal;
    const opening = rig.app.inventory.devices.map((d) => connector.open(d, signal));
    assert.equal(await gauge(), 4);
    const settled = await Promise.allSettled(opening);
    assert.deepEqual(
      settled.map((s) => s.status),
      ['fulfilled', 'fulfilled', 'fulfilled', 'rejected'],
    );
    assert.equal(await gauge(), 0);
    for (const s of settled) if (s.status === 'fulfilled') await s.value.close();
  } finally {
    await rig.close();
  }
});
