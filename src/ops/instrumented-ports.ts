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

/**
 * The part of a Slack WebClient the metrics need, typed here so src/ops does not import Bolt.
 * `makeRequest(url, ...)` is the one path every Web API call takes once, after its retries and
 * 429 waits (the method helpers are bound to `apiCall` when the client is built, so wrapping
 * `apiCall` would miss them). It is not in the client's public types: checked by
 * tests/slack/slack-metrics.test.ts against the installed @slack/web-api.
 */
export interface SlackClientLike {
  makeRequest(url: string, body: unknown, headers?: unknown): Promise<{ data?: unknown }>;
  on(event: 'rate_limited', listener: (retryAfterSec: number) => void): unknown;
}

const instrumented = new WeakSet<object>();

/** Counts every Web API call a client makes, by method and outcome, and each 429. Idempotent per client. */
export function instrumentSlackClient(c: SlackClientLike, metrics: Pick<NetopsMetrics, 'slackCall' | 'slackRateLimited'>): void {
  if (instrumented.has(c) || typeof c.makeRequest !== 'function') return;
  instrumented.add(c);
  const request = c.makeRequest.bind(c);
  c.makeRequest = async (url, body, headers) => {
    const method = url.slice(url.lastIndexOf('/') + 1);
    try {
      const response = await request(url, body, headers);
      const ok = (response.data as { ok?: unknown } | undefined)?.ok;
      metrics.slackCall(method, ok === false ? 'error' : 'ok');
      return response;
    } catch (err) {
      const code = (err as { code?: string }).code;
      metrics.slackCall(method, code === 'slack_webapi_rate_limited_error' ? 'ratelimited' : 'error');
      throw err;
    }
  };
  c.on('rate_limited', () => metrics.slackRateLimited());
}
