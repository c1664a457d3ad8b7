import { after, afterEach, before, beforeEach } from 'node:test';
import { LogLevel, type Logger } from '@slack/logger';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import { FAKE_BOT_TOKEN, FakeSlack, type FakeSlackOptions } from './fake-slack.js';

/**
 * A FakeSlack started before each test (or once for the suite) of the enclosing describe and
 * closed after it; read it through `.fake` inside tests.
 */
export function useFakeSlack(o: FakeSlackOptions = {}, per: 'test' | 'suite' = 'test'): { readonly fake: FakeSlack } {
  let current: FakeSlack | undefined;
  const [setUp, tearDown] = per === 'test' ? [beforeEach, afterEach] : [before, after];
  setUp(async () => {
    current = await FakeSlack.start(o);
  });
  tearDown(async () => {
    await current?.close();
    current = undefined;
  });
  return {
    get fake(): FakeSlack {
      if (!current) throw new Error('useFakeSlack: read .fake inside a test');
      return current;
    },
  };
}

/** A logger that keeps lines instead of printing them, so expected refusals stay out of test output. */
export function quietLogger(): Logger & { lines: string[] } {
  let level = LogLevel.DEBUG;
  const lines: string[] = [];
  const keep =
    (tag: string) =>
    (...msg: unknown[]) =>
      void lines.push(`${tag} ${msg.map(String).join(' ')}`);
  return {
    lines,
    debug: keep('debug'),
    info: keep('info'),
    warn: keep('warn'),
    error: keep('error'),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

/** A real WebClient aimed at the fake, with no retries unless the test asks for them. */
export function webClientFor(fake: FakeSlack, o: WebClientOptions & { token?: string } = {}): WebClient {
  const { token = FAKE_BOT_TOKEN, ...options } = o;
  return new WebClient(token, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logger: quietLogger(), ...options });
}

/** The Slack error code of a rejected WebClient call (or a failure if the call succeeded). */
export async function slackError(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    const data = (error as { data?: { error?: string } }).data;
    return data?.error ?? `not a platform error: ${String(error)}`;
  }
  return 'no error: the call succeeded';
}

/**
 * Polls until `check` holds; for effects that happen after an ack (Bolt answers, then works).
 * It returns as soon as the check holds, so the limit costs nothing when all is well: it is
 * generous (idle, these effects take well under a second) so a busy machine is not a failure.
 */
export async function eventually(check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
