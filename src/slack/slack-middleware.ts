/** Global Bolt middleware of the Slack adapter: metrics, App Home refreshes, the stop's refusal. */
import type { App as BoltApp } from '@slack/bolt';
import { instrumentSlackClient, type SlackClientLike } from '../ops/instrumented-ports.js';
import type { NetopsMetrics } from '../ops/metrics.js';

/** Counts the Web API calls of the app's client and of every client Bolt hands a handler. */
export function countSlackCalls(app: BoltApp, metrics: Pick<NetopsMetrics, 'slackCall' | 'slackRateLimited'>): void {
  instrumentSlackClient(app.client as unknown as SlackClientLike, metrics);
  app.use(async ({ client, next }) => {
    instrumentSlackClient(client as unknown as SlackClientLike, metrics);
    await next();
  });
}

/** Runs `then` after every request's handlers. */
export function afterEach(app: BoltApp, then: () => void): void {
  app.use(async ({ next }) => {
    await next();
    then();
  });
}

/**
 * While `refusing()` holds (a stop in progress), every command and click is acked with one
 * ephemeral sentence and reaches no handler, so nothing new starts.
 */
export function refuseWhile(app: BoltApp, refusing: () => boolean, text: string): void {
  app.use(async (args) => {
    if (!refusing()) return args.next();
    const { ack, body } = args as unknown as { ack?: (r?: unknown) => Promise<void>; body: Record<string, unknown> };
    if ('command' in body) return ack?.({ response_type: 'ephemeral', text });
    await ack?.();
    const user = (body.user as { id?: string } | undefined)?.id;
    const channel = (body.channel as { id?: string } | undefined)?.id;
    if (user && channel) await app.client.chat.postEphemeral({ channel, user, text }).catch(() => undefined);
  });
}
