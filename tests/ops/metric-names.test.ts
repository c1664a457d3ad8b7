/**
 * The names on /metrics follow Prometheus conventions, checked on the text a scraper reads:
 * every hook of the bot's metrics is fed once (so every family has samples), /metrics is fetched
 * over HTTP and parsed, and each family is held to the naming rules
 * (https://prometheus.io/docs/practices/naming/): a `netops_` prefix, snake_case, `_total` on
 * counters and only there, base units (`_seconds`) on histograms, a HELP line, and histogram
 * buckets as a scraper expects them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startProbeServer } from '../../src/ops/http-probe.js';
import { createMetrics } from '../../src/ops/metrics.js';
import { parseExposition } from './prom-text.js';

/** What the issue asks to be exported, by name and type. */
const EXPECTED: [name: string, type: string][] = [
  ['netops_jobs_total', 'counter'],
  ['netops_jobs_running', 'gauge'],
  ['netops_device_results_total', 'counter'],
  ['netops_device_seconds', 'histogram'],
  ['netops_queue_wait_seconds', 'histogram'],
  ['netops_ssh_handshakes_in_flight', 'gauge'],
  ['netops_slack_api_calls_total', 'counter'],
  ['netops_slack_rate_limited_total', 'counter'],
  ['netops_audit_append_seconds', 'histogram'],
  ['netops_lease_wait_seconds', 'histogram'],
  ['netops_lease_lost_total', 'counter'],
  ['nodejs_eventloop_lag_seconds', 'gauge'],
];

async function scrapeEveryFamily(): Promise<string> {
  const m = createMetrics({ role: 'worker' });
  m.jobStarted({ id: 'J-1', command: 'show-version' });
  m.jobEnded({ id: 'J-1', command: 'show-version', outcome: 'partially-failed' });
  m.deviceResult({ platform: 'cisco_ios', outcome: 'ok', seconds: 0.2 });
  m.deviceResult({ platform: 'juniper_junos', outcome: 'timeout', seconds: 30 });
  m.queueWait(0.01);
  m.handshakeStarted()();
  m.slackCall('chat.update', 'ok');
  m.slackRateLimited();
  m.auditAppend(0.004);
  m.leaseWait('device', 0.03);
  m.leaseWait('group', 0.3);
  m.leaseLost('group');
  const probe = await startProbeServer({
    port: 0,
    host: '127.0.0.1',
    metrics: m.text,
    metricsContentType: m.registry.contentType,
    checks: [],
  });
  try {
    const res = await fetch(`http://127.0.0.1:${probe.port}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    return await res.text();
  } finally {
    await probe.close();
  }
}

test('/metrics: every family the issue names is there, with its type', async () => {
  const m = parseExposition(await scrapeEveryFamily());
  for (const [name, type] of EXPECTED) assert.equal(m.types.get(name), type, name);
});

test('/metrics: netops names are snake_case, counters end in _total, histograms in a base unit', async () => {
  const text = await scrapeEveryFamily();
  const m = parseExposition(text);
  const helped = new Set([...text.matchAll(/^# HELP (\S+) \S/gm)].map((h) => h[1]));
  const netops = [...m.types].filter(([name]) => name.startsWith('netops_'));
  assert.ok(netops.length >= 11, 'the bot exports its own families');
  for (const [name, type] of netops) {
    assert.match(name, /^netops_[a-z][a-z0-9]*(_[a-z0-9]+)*$/, `${name}: lower snake_case`);
    assert.ok(helped.has(name), `${name}: has a HELP line`);
    if (type === 'counter') assert.match(name, /_total$/, `${name}: a counter ends in _total`);
    else assert.doesNotMatch(name, /_total$/, `${name}: only counters end in _total`);
    if (type === 'histogram') assert.match(name, /_seconds$/, `${name}: a histogram of time, in seconds`);
    // Base units only: no milliseconds, no "duration" where the unit is the name's last word.
    assert.doesNotMatch(name, /_(ms|milliseconds|millis|minutes|hours|bytes_kb)(_|$)/, `${name}: base units`);
    // A sample's name is the family's, or a histogram's _bucket/_sum/_count of it.
    const samples = m.samples.filter((s) => s.name === name || s.name.startsWith(`${name}_`));
    assert.ok(samples.length > 0, `${name}: has samples`);
    for (const s of samples) {
      const suffix = s.name.slice(name.length);
      assert.ok(type === 'histogram' ? ['_bucket', '_sum', '_count'].includes(suffix) : suffix === '', `${s.name} under ${name}`);
      for (const label of Object.keys(s.labels)) {
        assert.match(label, /^[a-z][a-z0-9_]*$/, `${s.name}: label ${label} is snake_case`);
        assert.ok(!label.startsWith('__'), `${s.name}: ${label} is reserved`);
      }
      assert.equal(s.labels['role'], 'worker', `${s.name}: every sample says which kind of process`);
    }
  }
});

test('/metrics: histogram buckets are cumulative and end in +Inf equal to the count', async () => {
  const m = parseExposition(await scrapeEveryFamily());
  const histograms = [...m.types].filter(([name, type]) => name.startsWith('netops_') && type === 'histogram').map(([name]) => name);
  for (const name of histograms) {
    const series = new Map<string, { le: number; value: number }[]>();
    for (const s of m.samples.filter((x) => x.name === `${name}_bucket`)) {
      const { le, ...rest } = s.labels;
      assert.ok(le !== undefined, `${name}_bucket has le`);
      const key = JSON.stringify(rest);
      series.set(key, [...(series.get(key) ?? []), { le: le === '+Inf' ? Infinity : Number(le), value: s.value }]);
    }
    assert.ok(series.size > 0, `${name}: has buckets`);
    for (const [key, buckets] of series) {
      buckets.sort((a, b) => a.le - b.le);
      for (let i = 1; i < buckets.length; i++) assert.ok(buckets[i]!.value >= buckets[i - 1]!.value, `${name} ${key}: cumulative`);
      assert.equal(buckets.at(-1)!.le, Infinity, `${name} ${key}: ends in +Inf`);
      const labels = JSON.parse(key) as Record<string, string>;
      assert.equal(buckets.at(-1)!.value, m.value(`${name}_count`, labels), `${name} ${key}: +Inf is the count`);
    }
  }
});
