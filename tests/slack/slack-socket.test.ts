import { test } from 'node:test';
import assert from 'node:assert/strict';
import { labSpecs } from '../support/test-lab.js';
import { startSlackRig } from './slack-rig.js';
import { slashCommandPayload } from './slack-signing.js';

test('Socket Mode: envelopes are acked at once; errors and help ride in the ack; a job streams to the channel', async () => {
  const s = await startSlackRig(labSpecs(6), { mode: 'socket' });
  try {
    await s.fake.waitForSocket();
    assert.equal(s.fake.callsTo('apps.connections.open').length, 1);

    const help = await s.fake.sendEnvelope('slash_commands', slashCommandPayload({ text: 'help show-version' }));
    assert.equal((help.ackPayload as { response_type?: string }).response_type, 'ephemeral');
    assert.match(JSON.stringify(help.ackPayload), /show-version site=east/);
    // Slack's deadline is 3 s (the fake records a later ack as a violation too); idle, about 25 ms.
    assert.ok(help.ackedAfterMs < 3000, `ack after ${help.ackedAfterMs} ms`);

    const bad = await s.fake.sendEnvelope('slash_commands', slashCommandPayload({ text: 'show-version site=nowhere' }));
    assert.match(String((bad.ackPayload as { text?: string }).text), /no site named "nowhere"/);

    const job = await s.fake.sendEnvelope('slash_commands', slashCommandPayload({ text: 'show-version site=east' }));
    assert.ok(job.ackedAfterMs < 3000, `ack after ${job.ackedAfterMs} ms`);
    await s.bot.idle();
    const msgs = s.fake.messages().filter((m) => !m.thread_ts);
    assert.equal(msgs.length, 1);
    assert.match(JSON.stringify(msgs[0]!.blocks), /succeeded/);
    assert.match(JSON.stringify(msgs[0]!.blocks), /3 ok · 0 failed/);
    assert.deepEqual(s.fake.violations, []);
  } finally {
    await s.close();
  }
});
