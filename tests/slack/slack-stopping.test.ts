import { test } from 'node:test';
import assert from 'node:assert/strict';
import { labSpecs, startRig } from '../support/test-lab.js';
import { systemClock } from '../../src/core/clock.js';
import { startSlackBot } from '../../src/slack/slack-bot.js';
import { FAKE_APP_TOKEN, FAKE_BOT_TOKEN, FakeSlack } from './fake-slack.js';
import { startSlackRig } from './slack-rig.js';
import { WorkTracker } from '../../src/ops/work-tracker.js';
import { buttonPressPayload, slashCommandPayload } from './slack-signing.js';
import { eventually, quietLogger } from './fake-slack-testkit.js';

test('while stopping: commands and clicks get "restarting" and start nothing; the job already running goes on', async () => {
  const s = await startSlackRig(
    labSpecs(4, () => ({ latencyMs: 200 })),
    { mode: 'socket' },
  );
  try {
    await s.fake.waitForSocket();
    const first = await s.fake.sendEnvelope('slash_commands', slashCommandPayload({ text: 'show-version device=* --confirm' }));
    assert.ok(first.ackedAfterMs < 3000);
    await eventually(() => s.fake.messages().length === 1);
    assert.equal(s.bot.connected(), true);

    s.bot.refuseNew();
    const refused = await s.fake.sendEnvelope('slash_commands', slashCommandPayload({ text: 'show-version device=* --confirm' }));
    assert.deepEqual(refused.ackPayload, { response_type: 'ephemeral', text: 'netops is restarting; try again in a minute.' });
    const click = await s.fake.sendEnvelope('interactive', buttonPressPayload({ actionId: 'netops_cancel', value: 'J-1' }));
    assert.ok(click.ackedAfterMs < 3000);
    await eventually(() => s.fake.ephemerals().some((e) => /restarting/.test(String(e.text))));

    await s.bot.idle();
    const top = s.fake.messages().filter((m) => !m.thread_ts);
    assert.equal(top.length, 1, 'nothing new was posted');
    // The click reached no handler: the job was not cancelled and ended on its own.
    assert.match(JSON.stringify(top[0]!.blocks), /succeeded/);
    assert.deepEqual(s.fake.violations, []);
  } finally {
    await s.close();
  }
});

test('jobs started from Slack are registered with the WorkTracker until their summary is posted', async () => {
  const fake = await FakeSlack.start();
  const rig = await startRig(labSpecs(3, () => ({ latencyMs: 150 })));
  const work = new WorkTracker();
  const bot = await startSlackBot({
    slack: { mode: 'socket', botToken: FAKE_BOT_TOKEN, appToken: FAKE_APP_TOKEN, apiUrl: fake.apiUrl },
    service: rig.app.service,
    clock: systemClock,
    logger: quietLogger(),
    work,
    botIdentity: { botId: fake.identity.botId, botUserId: fake.identity.botUserId },
  });
  try {
    await fake.waitForSocket();
    await fake.sendEnvelope('slash_commands', slashCommandPayload({ text: 'show-version device=* --confirm' }));
    await eventually(() => work.size === 1);
    assert.equal(work.running()[0]!.targets.length, 3);
    await work.settled();
    assert.equal(work.size, 0);
    await bot.idle();
    assert.match(JSON.stringify(fake.messages()[0]!.blocks), /succeeded/);
  } finally {
    await bot.stop();
    await bot.idle();
    await fake.close();
    await rig.close();
  }
});
