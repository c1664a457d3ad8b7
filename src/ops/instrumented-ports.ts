/**
 * Decorators over the core's ports that feed the metrics: the composition root wraps the
 * real connector and audit sink with these, so no core module knows metrics exist.
 */
import type { AuditSink, DeviceConnector } from '../core/ports.js';
import type { NetopsMetrics } from './metrics.js';

/** Counts SSH logins in flight: from `open` being called until it resolves or rejects. */
export function instrumentConnector(connector: DeviceConnector, metrics: Pick<NetopsMetrics, 'handshakeStarted'>): DeviceConnector {
  return {
    open: async (device, signal) => {
      const ended = metrics.handshakeStarted();
      try {
        return await connector.open(device, signal);
      } finally {
        ended();
      }
    },
  };
}

/** Times each append until it is durable (what the audit's fsync costs a job). */
export function instrumentAudit<T extends AuditSink>(sink: T, metrics: Pick<NetopsMetrics, 'auditAppend'>): AuditSink {
  return {
    append: async (entry) => {
      const t0 = performance.now();
      const record = await sink.append(entry);
      metrics.auditAppend((performance.now() - t0) / 1000);
      return record;
    },
    flush: () => sink.flush(),
  };
}

/** The part of a Slack WebClient the metrics need, typed here so src/ops does not import Bolt. */
export interface SlackClientLike {
  apiCall(method: string, options?: Record<string, unknown>): Promise<unknown>;
  on(event: 'rate_limited', listener: (retryAfterSec: number) => void): unknown;
}

const instrumented = new WeakSet<object>();

/**
 * Counts every Web API call a client makes (every method helper goes through `apiCall`) and
 * each 429. Idempotent per client: Bolt hands the same client to many handlers.
 */
export function instrumentSlackClient(c: SlackClientLike, metrics: Pick<NetopsMetrics, 'slackCall' | 'slackRateLimited'>): void {
  if (instrumented.has(c)) return;
  instrumented.add(c);
  const call = c.apiCall.bind(c);
  c.apiCall = async (method, options) => {
    try {
      const answer = await call(method, options);
      metrics.slackCall(method, 'ok');
      return answer;
    } catch (err) {
      const code = (err as { code?: string }).code;
      metrics.slackCall(method, code === 'slack_webapi_rate_limited_error' ? 'ratelimited' : 'error');
      throw err;
    }
  };
  c.on('rate_limited', () => metrics.slackRateLimited());
}
