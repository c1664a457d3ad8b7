import { startSlackBot, type SlackBot } from '../../src/slack/slack-bot.js';
import { systemClock } from '../../src/core/clock.js';
import type { LabDeviceSpec } from '../../src/lab/lab-definition.js';
import type { Clock } from '../../src/core/ports.js';
import { startRig, type TestRig } from '../support/test-lab.js';
import { FAKE_APP_TOKEN, FAKE_BOT_TOKEN, FakeSlack, type FakeSlackOptions } from './fake-slack.js';
import { quietLogger } from './fake-slack-testkit.js';
import { interactionBody, signSlackRequest, slashCommandBody, type SlashCommandFields } from './slack-signing.js';

export const SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5'.replace(/[^0-9a-f]/g, 'e');

export interface SlackRig {
  fake: FakeSlack;
  rig: TestRig;
  bot: SlackBot;
  logger: ReturnType<typeof quietLogger>;
  /** POSTs a signed slash command to Bolt's endpoint; returns the HTTP status, the ack body and the time to it. */
  command(
    text: string,
    fields?: Partial<SlashCommandFields>,
    sign?: { secret?: string; ageSec?: number },
    // biome-ignore lint/suspicious/noExplicitAny: the ack body is whatever JSON Bolt sent; each test asserts the fields it reads
  ): Promise<{ status: number; body: any; ms: number }>;
  /** POSTs a signed interaction payload. */
  interact(payload: Record<string, unknown>): Promise<{ status: number }>;
  close(): Promise<void>;
}

/** A lab, the bot's core, the fake Slack Web API and the Slack adapter in HTTP or Socket Mode, all on loopback. */
export async function startSlackRig(
  specs: LabDeviceSpec[],
  o: {
    mode?: 'http' | 'socket';
    env?: Record<string, string>;
    fake?: FakeSlackOptions;
    minUpdateIntervalMs?: number;
    ackDeadlineMs?: number;
    /** The clock of the core and the bot (default: the system clock). */
    clock?: Clock;
  } = {},
): Promise<SlackRig> {
  const fake = await FakeSlack.start(o.fake);
  const rig = await startRig(specs, { env: o.env, clock: o.clock });
  const logger = quietLogger();
  const mode = o.mode ?? 'http';
  const bot = await startSlackBot({
    slack:
      mode === 'http'
        ? { mode, botToken: FAKE_BOT_TOKEN, signingSecret: SIGNING_SECRET, port: 0, apiUrl: fake.apiUrl }
        : { mode, botToken: FAKE_BOT_TOKEN, appToken: FAKE_APP_TOKEN, apiUrl: fake.apiUrl },
    service: rig.app.service,
    clock: o.clock ?? systemClock,
    logger,
    minUpdateIntervalMs: o.minUpdateIntervalMs ?? 1000,
    ackDeadlineMs: o.ackDeadlineMs,
    groups: rig.app.groups,
    botIdentity: { botId: fake.identity.botId, botUserId: fake.identity.botUserId },
  });
  const url = `http://127.0.0.1:${bot.port}/slack/events`;
  const post = async (body: string, secret = SIGNING_SECRET, ageSec = 0) => {
    const t0 = performance.now();
    const res = await fetch(url, { method: 'POST', headers: { ...signSlackRequest(secret, body, Date.now() / 1000 - ageSec) }, body });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, ms: performance.now() - t0 };
  };
  return {
    fake,
    rig,
    bot,
    logger,
    command: (text, fields = {}, sign = {}) => post(slashCommandBody({ ...fields, text }), sign.secret, sign.ageSec),
    interact: async (payload) => ({ status: (await post(interactionBody(payload))).status }),
    close: async () => {
      await bot.stop();
      await bot.idle();
      await fake.close();
      await rig.close();
    },
  };
}
