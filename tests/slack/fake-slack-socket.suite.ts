import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { App, verifySlackRequest } from '@slack/bolt';
import { SocketModeClient } from '@slack/socket-mode';
import { WebSocket } from 'ws';
import { FAKE_APP_TOKEN, FAKE_BOT_TOKEN, FakeSlack } from './fake-slack.js';
import { eventually, quietLogger, slackError, useFakeSlack, webClientFor } from './fake-slack-testkit.js';
import { buttonPressPayload, interactionBody, signSlackRequest, slashCommandBody, slashCommandPayload } from './slack-signing.js';

/** Socket Mode against @slack/socket-mode and Bolt, and the signing helpers; run from fake-slack.test.ts. */

function socketClient(fake: FakeSlack): SocketModeClient {
  return new SocketModeClient({
    appToken: FAKE_APP_TOKEN,
    logger: quietLogger(),
    // Without this a dropped connection schedules reconnects that outlive the test.
    autoReconnectEnabled: false,
    clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
  });
}

describe('fake Slack Socket Mode', { timeout: 20_000 }, () => {
  const slack = useFakeSlack();

  test('SocketModeClient: hello completes start(); a slash command envelope is acked with its response', async () => {
    const client = socketClient(slack.fake);
    client.on('slash_commands', async ({ ack, body }: { ack: (r?: object) => Promise<void>; body: { text: string } }) => {
      await ack({ text: `got ${body.text}` });
    });
    client.on('app_home_opened', async ({ ack }: { ack: () => Promise<void> }) => ack());
    await client.start();
    try {
      assert.equal(slack.fake.socketConnections, 1);
      assert.equal(slack.fake.callsTo('apps.connections.open').length, 1);
      const acked = await slack.fake.sendEnvelope('slash_commands', slashCommandPayload({ text: 'show-version site=east' }));
      assert.deepEqual(acked.ackPayload, { text: 'got show-version site=east' });
      assert.ok(acked.ackedAfterMs < 3000);
      const event = await slack.fake.sendEnvelope('events_api', { event: { type: 'app_home_opened', user: 'U0ALICE01', tab: 'home' } });
      assert.deepEqual(event.ackPayload, {});
    } finally {
      await client.disconnect();
    }
    await eventually(() => slack.fake.socketConnections === 0);
    assert.deepEqual(slack.fake.violations, []);
  });

  test('Bolt App in socket mode: command and button envelopes reach listeners, which call the fake Web API', async () => {
    const { botId, botUserId } = slack.fake.identity;
    const app = new App({
      token: FAKE_BOT_TOKEN,
      appToken: FAKE_APP_TOKEN,
      socketMode: true,
      botId,
      botUserId,
      logger: quietLogger(),
      clientOptions: { slackApiUrl: slack.fake.apiUrl, retryConfig: { retries: 0 } },
    });
    const approvals: string[] = [];
    app.command('/net', async ({ ack, command, client }) => {
      await ack();
      await client.chat.postMessage({ channel: command.channel_id, text: `running ${command.text}` });
    });
    app.action('approve', async ({ ack, body }) => {
      await ack();
      approvals.push(`${body.user.id}:${(body as { actions: { value: string }[] }).actions[0]?.value}`);
    });
    await app.start();
    try {
      const acked = await slack.fake.sendEnvelope('slash_commands', slashCommandPayload({ text: 'show-version site=east' }));
      assert.ok(acked.ackedAfterMs < 3000);
      await eventually(() => slack.fake.messages().length === 1);
      assert.equal(slack.fake.messages()[0]?.text, 'running show-version site=east');
      await slack.fake.sendEnvelope('interactive', buttonPressPayload({ actionId: 'approve', value: 'CR-1', userId: 'U0BOB0001' }));
      await eventually(() => approvals.length === 1);
      assert.deepEqual(approvals, ['U0BOB0001:CR-1']);
      assert.equal(slack.fake.callsTo('auth.test').length, 0, 'botId + botUserId skip the start-up auth.test');
    } finally {
      await app.stop();
    }
    assert.deepEqual(slack.fake.violations, []);
  });

  test('an ack later than the deadline is a violation', async () => {
    const slow = await FakeSlack.start({ ackDeadlineMs: 50 });
    const client = socketClient(slow);
    client.on('slash_commands', async ({ ack }: { ack: () => Promise<void> }) => {
      await new Promise((r) => setTimeout(r, 120));
      await ack();
    });
    await client.start();
    try {
      const acked = await slow.sendEnvelope('slash_commands', slashCommandPayload());
      assert.ok(acked.ackedAfterMs >= 100);
      assert.match(slow.violations[0] ?? '', /acked after \d+ ms \(deadline 50 ms\)/);
    } finally {
      await client.disconnect();
      await slow.close();
    }
  });

  test('apps.connections.open needs the app token; socket URLs are one-time', async () => {
    assert.equal(await slackError(webClientFor(slack.fake).apiCall('apps.connections.open')), 'not_allowed_token_type');
    const { url } = await webClientFor(slack.fake, { token: FAKE_APP_TOKEN }).apps.connections.open();
    assert.match(String(url), /^ws:\/\/127\.0\.0\.1:\d+\/socket\?ticket=/);
    const first = await connectRaw(String(url));
    assert.equal(first.hello.type, 'hello');
    assert.deepEqual(first.hello.connection_info, { app_id: slack.fake.identity.appId });
    first.ws.close();
    assert.equal((await connectRaw(String(url)).catch((e: Error) => e)).toString(), 'Error: Unexpected server response: 401');
  });

  test('envelopes have the documented shape and resolve with the raw ack', async () => {
    const { url } = await webClientFor(slack.fake, { token: FAKE_APP_TOKEN }).apps.connections.open();
    const { ws } = await connectRaw(String(url));
    const received: object[] = [];
    try {
      ws.once('message', (data) => {
        const envelope = JSON.parse(String(data)) as { envelope_id: string };
        received.push(envelope);
        ws.send(JSON.stringify({ envelope_id: envelope.envelope_id, payload: { text: 'on it' } }));
      });
      const acked = await slack.fake.sendEnvelope('interactive', buttonPressPayload({ actionId: 'approve' }));
      assert.deepEqual(Object.keys(received[0] ?? {}).sort(), ['accepts_response_payload', 'envelope_id', 'payload', 'type']);
      assert.deepEqual(received[0], {
        envelope_id: acked.envelope_id,
        type: 'interactive',
        payload: buttonPressPayload({ actionId: 'approve' }),
        accepts_response_payload: true,
      });
      assert.deepEqual(acked.ackPayload, { text: 'on it' });
    } finally {
      ws.close();
    }
  });

  test('sendEnvelope refuses when no client is connected or an events_api payload has no event type', async () => {
    await assert.rejects(slack.fake.sendEnvelope('slash_commands', slashCommandPayload()), /no Socket Mode client/);
    const client = socketClient(slack.fake);
    await client.start();
    try {
      await assert.rejects(slack.fake.sendEnvelope('events_api', { nothing: true }), /needs event\.type/);
    } finally {
      await client.disconnect();
    }
  });
});

describe('slack-signing helpers', () => {
  test("signatures verify with Bolt's own verifier, and a changed body does not", () => {
    const body = slashCommandBody({ text: 'config site=east template=ntp' });
    const now = 1_700_000_000;
    const headers = signSlackRequest('s3cret', body, now);
    const verify = (b: string) =>
      verifySlackRequest({
        signingSecret: 's3cret',
        body: b,
        headers: {
          'x-slack-signature': headers['x-slack-signature'],
          'x-slack-request-timestamp': Number(headers['x-slack-request-timestamp']),
        },
        nowMilliseconds: now * 1000,
      });
    assert.doesNotThrow(() => verify(body));
    assert.throws(() => verify(body.replace('east', 'west')), /signature mismatch/);
    assert.equal(headers['content-type'], 'application/x-www-form-urlencoded');
  });

  test('bodies carry the slash command fields and the interaction payload', () => {
    const fields = new URLSearchParams(slashCommandBody({ user_id: 'U0BOB0001', text: 'jobs' }));
    assert.equal(fields.get('command'), '/net');
    assert.equal(fields.get('user_id'), 'U0BOB0001');
    assert.equal(fields.get('text'), 'jobs');
    for (const key of [
      'token',
      'team_id',
      'team_domain',
      'channel_id',
      'channel_name',
      'user_name',
      'response_url',
      'trigger_id',
      'api_app_id',
    ]) {
      assert.ok(fields.get(key), `${key} is set`);
    }
    const payload = buttonPressPayload({ actionId: 'reject', value: 'CR-2' });
    assert.deepEqual(JSON.parse(new URLSearchParams(interactionBody(payload)).get('payload') ?? ''), payload);
  });
});

/** Opens a raw WebSocket and resolves with the first (hello) message. */
function connectRaw(url: string): Promise<{ ws: WebSocket; hello: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('message', (data) => resolve({ ws, hello: JSON.parse(String(data)) as Record<string, unknown> }));
    ws.once('error', reject);
  });
}
