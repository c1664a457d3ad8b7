/**
 * The bot's Prometheus metrics: one prom-client Registry per process (fronts and workers
 * alike). The core tells it about jobs and devices (a WorkObserver, wherever the work runs),
 * the PostgreSQL stores about audit appends and leases (a StoreObserver), and decorators of
 * the ports about SSH logins, the embedded audit and Slack calls. Names follow Prometheus
 * conventions: `_total` counters, `_seconds` histograms, base units only.
 */
import client from 'prom-client';
import type { WorkObserver } from '../core/work-observer.js';
import type { StoreObserver } from '../store/postgres/store-observer.js';

const { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } = client;

/** Device work runs from milliseconds (the lab) to minutes (a slow change). */
const DEVICE_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
/** Waits and appends are short when healthy; the tail is what an alert watches. */
const SHORT_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** The service's, the worker's and the PostgreSQL stores' observer: pass the metrics where either is asked for. */
export interface NetopsMetrics extends WorkObserver, StoreObserver {
  readonly registry: client.Registry;
  /** Call when an SSH login starts; call the returned function once it ends either way. */
  handshakeStarted(): () => void;
  /** A Slack Web API call ended: answered ok, answered with an error (or never answered), or rate limited. */
  slackCall(method: string, outcome: 'ok' | 'error' | 'ratelimited'): void;
  /** Slack answered 429 with Retry-After. */
  slackRateLimited(): void;
  /** Prometheus text exposition of every metric. */
  text(): Promise<string>;
}

export interface MetricsOptions {
  /** `front`, `worker` or `both`: a constant label, so one dashboard shows every process. */
  role?: string;
  /** Node's own metrics (event-loop delay, heap, GC); off only in tests that want a small text. */
  defaultMetrics?: boolean;
}

export function createMetrics(o: MetricsOptions = {}): NetopsMetrics {
  const registry = new Registry();
  if (o.role) registry.setDefaultLabels({ role: o.role });
  // Event-loop delay (nodejs_eventloop_lag_*_seconds) comes with Node's default metrics.
  if (o.defaultMetrics !== false) collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  const registers = [registry];
  const jobs = new Counter({
    name: 'netops_jobs_total',
    help: 'Jobs ended, by command and outcome',
    labelNames: ['command', 'outcome'],
    registers,
  });
  const running = new Gauge({
    name: 'netops_jobs_running',
    help: 'Jobs running now in this process, by command',
    labelNames: ['command'],
    registers,
  });
  const results = new Counter({
    name: 'netops_device_results_total',
    help: 'Device results, by platform and outcome',
    labelNames: ['platform', 'outcome'],
    registers,
  });
  const deviceTime = new Histogram({
    name: 'netops_device_seconds',
    help: 'Time spent on one device in one job, by the process that ran it',
    labelNames: ['platform'],
    buckets: DEVICE_BUCKETS,
    registers,
  });
  const queueWait = new Histogram({
    name: 'netops_queue_wait_seconds',
    help: "Time a device's work waited to start: for a free slot (embedded) or in the queue for a worker (scale-out)",
    buckets: SHORT_BUCKETS,
    registers,
  });
  const handshakes = new Gauge({ name: 'netops_ssh_handshakes_in_flight', help: 'SSH logins in progress', registers });
  const slackCalls = new Counter({
    name: 'netops_slack_api_calls_total',
    help: 'Slack Web API calls, by method and outcome',
    labelNames: ['method', 'outcome'],
    registers,
  });
  const slack429 = new Counter({ name: 'netops_slack_rate_limited_total', help: 'Slack 429 answers (Retry-After waited out)', registers });
  const auditAppend = new Histogram({
    name: 'netops_audit_append_seconds',
    help: 'Time from an audit append to the record being durable',
    buckets: SHORT_BUCKETS,
    registers,
  });
  const leaseWait = new Histogram({
    name: 'netops_lease_wait_seconds',
    help: 'Time waiting for a device or redundancy-group lease',
    labelNames: ['kind'],
    buckets: SHORT_BUCKETS,
    registers,
  });
  const leaseLost = new Counter({
    name: 'netops_lease_lost_total',
    help: 'Leases that could not be renewed',
    labelNames: ['kind'],
    registers,
  });

  return {
    registry,
    jobStarted: ({ command }) => running.inc({ command }),
    jobEnded: ({ command, outcome, adopted }) => {
      // An adopted job was running in the stopped front's gauge, not in this one.
      if (!adopted) running.dec({ command });
      jobs.inc({ command, outcome });
    },
    deviceResult: ({ platform, outcome, seconds }) => {
      results.inc({ platform, outcome });
      // No time spent on a device nobody ran: a zero would drag the histogram down.
      if (seconds !== undefined) deviceTime.observe({ platform }, seconds);
    },
    handshakeStarted: () => {
      handshakes.inc();
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        handshakes.dec();
      };
    },
    slackCall: (method, outcome) => slackCalls.inc({ method, outcome }),
    slackRateLimited: () => slack429.inc(),
    auditAppend: (s) => auditAppend.observe(s),
    queueWait: (s) => queueWait.observe(s),
    leaseWait: (kind, s) => leaseWait.observe({ kind }, s),
    leaseLost: (kind) => leaseLost.inc({ kind }),
    text: () => registry.metrics(),
  };
}
