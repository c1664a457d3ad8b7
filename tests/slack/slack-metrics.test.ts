import { test } from 'node:test';
import assert from 'node:assert/strict';
import { systemClock } from '../../src/core/clock.js';
import { createMetrics } from '../../src/ops/metrics.js';
import { boltProbeRoutes } from '../../src/ops/http-probe.js';
import { startSlackBot } from '../../src/slack/slack-bot.js';
import { labSpecs, startRig } from '../support/test-lab.js';
import { parseExposition } from '../ops/prom-text.js';
import { FAKE_APP_TOKEN, FAKE_BOT_TOKEN, FakeSlack } from './fake-slack.js';
import { quietLogger } from './fake-slack-testkit.js';
import { slashCommandPayload } from './slack-signing.js';

test('Slack API calls and 429s are counted as the fake Slack saw them', async () => {
  const fake = await FakeSlack.start();
  const rig = await startRig(labSpecs(2));
  const metrics = createMetrics({ defaultMetrics: false });
  const bot = await startSlackBot({
    slack: { mode: 'socket', botToken: FAKE_BOT_TOKEN, appToken: FAKE_APP_TOKEN, apiUrl: fake.apiUrl },
    service: rig.app.service,
    clock: systemClock,
    logger: quietLogger(),
    metrics,
    botIdentity: { botId: fake.identity.botId, botUserId: fake.identity.botUserId },
  });
  try {
    await fake.waitForSocket();
    fake.rateLimit('chat.postMessage', { count: 1, retryAfterSec: 1 });
    await fake.sendEnvelope('slash_commands', slashCommandPayload({ text: 'show-version device=* --confirm' }));
    await bot.idle();
    const m = parseExposition(await metrics.text());
    assert.equal(m.value('netops_slack_rate_limited_total'), 1);
    // One logical call per method, however many HTTP attempts it took (the 429 was waited out inside it).
    const posts = fake.callsTo('chat.postMessage').filter((c) => c.status === 200).length;
    assert.equal(m.value('netops_slack_api_calls_total', { method: 'chat.postMessage', outcome: 'ok' }), posts);
    const updates = fake.callsTo('chat.update').filter((c) => c.status === 200 && !c.error).length;
    assert.equal(m.value('netops_slack_api_calls_total', { method: 'chat.update', outcome: 'ok' }) ?? 0, updates);
    assert.ok(posts >= 1 && updates >= 1);
  } finally {
    await bot.stop();
    await bot.idle();
    await fake.close();
    await rig.close();
  }
});

test("HTTP mode: /metrics, /healthz and /readyz are served on Bolt's own port beside /slack/events", async () => {
  const fake = await FakeSlack.start();
  const rig = await startRig(labSpecs(2));
  const metrics = createMetrics({ defaultMetrics: false });
  let up = true;
  const routes = boltProbeRoutes({
    metrics: metrics.text,
    metricsContentType: metrics.registry.contentType,
    checks: [{ name: 'slack', check: () => (up ? undefined : Promise.reject(new Error('not connected'))) }],
  });
  const bot = await startSlackBot({
    slack: { mode: 'http', botToken: FAKE_BOT_TOKEN, signingSecret: '8f742231b10e8888abcd99eeeeee85a5', port: 0, apiUrl: fake.apiUrl },
    service: rig.app.service,
    clock: systemClock,
    logger: quietLogger(),
    metrics,
    routes,
    botIdentity: { botId: fake.identity.botId, botUserId: fake.identity.botUserId },
  });
  try {
    const base = `http://127.0.0.1:${bot.port}`;
    const m = parseExposition(await (await fetch(`${base}/metrics`)).text());
    assert.equal(m.types.get('netops_jobs_total'), 'counter');
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
    assert.equal((await fetch(`${base}/readyz`)).status, 200);
    up = false;
    const down = await fetch(`${base}/readyz`);
    assert.equal(down.status, 503);
    assert.deepEqual(
      ((await down.json()) as { failed: { name: string }[] }).failed.map((f) => f.name),
      ['slack'],
    );
    // Slack's endpoint is still Bolt's, signature checks and all.
    assert.equal((await fetch(`${base}/slack/events`, { method: 'POST', body: 'x' })).status, 401);
  } finally {
    await bot.stop();
    await bot.idle();
    await fake.close();
    await rig.close();
  }
});
