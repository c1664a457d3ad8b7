import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ErrorCode } from '@slack/web-api';
import { FAKE_APP_TOKEN, FAKE_BOT_TOKEN, FakeSlack } from './fake-slack.js';
import { LIMITS } from './fake-slack-limits.js';
import { slackError, useFakeSlack, webClientFor } from './fake-slack-testkit.js';
import { manualClock } from '../audit/audit-fixture.js';
// The 429 / file-upload and Socket Mode suites live beside this file (kept under 300 lines each);
// they are not *.test.ts so `npm test`'s glob runs them once, through here.
import './fake-slack-flows.suite.js';
import './fake-slack-socket.suite.js';

const CHANNEL = 'C0NETOPS1';
const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const button = (text: string, action_id = 'approve') => ({ type: 'button', text: { type: 'plain_text', text }, action_id });
const plain = (text: string) => ({ type: 'plain_text', text });

describe('fake Slack Web API against the real WebClient', () => {
  const slack = useFakeSlack({ minUpdateIntervalMs: 50 });

  test('postMessage answers unique increasing ts; update edits the stored message', async () => {
    const client = webClientFor(slack.fake);
    const first = await client.chat.postMessage({ channel: CHANNEL, text: 'job J-1 queued', blocks: [section('queued')] });
    const second = await client.chat.postMessage({ channel: CHANNEL, text: 'job J-2 queued' });
    assert.match(String(first.ts), /^\d{10}\.\d{6}$/);
    assert.ok(Number(second.ts) > Number(first.ts), `${second.ts} after ${first.ts}`);
    assert.equal(first.channel, CHANNEL);
    assert.equal(first.message?.text, 'job J-1 queued');

    const updated = await client.chat.update({ channel: CHANNEL, ts: String(first.ts), text: 'J-1 3/4', blocks: [section('3/4')] });
    assert.equal(updated.ts, first.ts);
    const stored = slack.fake.message(CHANNEL, String(first.ts));
    assert.equal(stored?.text, 'J-1 3/4');
    assert.deepEqual(stored?.blocks, [section('3/4')]);
    assert.equal(stored?.updates, 1);
    assert.equal(slack.fake.messages().length, 2);
    assert.deepEqual(slack.fake.violations, []);
  });

  test('thread replies are stored under their parent', async () => {
    const client = webClientFor(slack.fake);
    const parent = await client.chat.postMessage({ channel: CHANNEL, text: 'CR-7 awaiting approval' });
    await client.chat.postMessage({ channel: CHANNEL, thread_ts: String(parent.ts), text: 'approved by bob' });
    const replies = slack.fake.replies(CHANNEL, String(parent.ts));
    assert.deepEqual(
      replies.map((r) => r.text),
      ['approved by bob'],
    );
    assert.equal(await slackError(client.chat.postMessage({ channel: CHANNEL, thread_ts: '1.000001', text: 'x' })), 'invalid_thread_ts');
  });

  test('update of an unknown message is message_not_found, and the call is recorded', async () => {
    const client = webClientFor(slack.fake);
    assert.equal(await slackError(client.chat.update({ channel: CHANNEL, ts: '1700000000.999999', text: 'x' })), 'message_not_found');
    const [call] = slack.fake.callsTo('chat.update');
    assert.equal(call?.error, 'message_not_found');
    assert.equal(call?.args.ts, '1700000000.999999');
  });

  test('tokens: missing is not_authed, wrong is invalid_auth, an app token on chat is not_allowed_token_type', async () => {
    const anonymous = await fetch(`${slack.fake.apiUrl}auth.test`, { method: 'POST' }).then((r) => r.json());
    assert.deepEqual(anonymous, { ok: false, error: 'not_authed' });
    assert.equal(await slackError(webClientFor(slack.fake, { token: 'xoxb-wrong' }).auth.test()), 'invalid_auth');
    assert.equal(
      await slackError(webClientFor(slack.fake, { token: FAKE_APP_TOKEN }).chat.postMessage({ channel: CHANNEL, text: 'x' })),
      'not_allowed_token_type',
    );
    const me = await webClientFor(slack.fake).auth.test();
    assert.equal(me.user_id, slack.fake.identity.botUserId);
  });

  test('unknown methods are unknown_method', async () => {
    assert.equal(await slackError(webClientFor(slack.fake).apiCall('chat.teleport', { channel: CHANNEL })), 'unknown_method');
  });

  test('JSON bodies are accepted like form bodies', async () => {
    const res = await fetch(`${slack.fake.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${FAKE_BOT_TOKEN}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ channel: CHANNEL, text: 'json', blocks: [section('json')] }),
    });
    const answer = (await res.json()) as { ok: boolean; ts: string };
    assert.equal(answer.ok, true);
    assert.deepEqual(slack.fake.message(CHANNEL, answer.ts)?.blocks, [section('json')]);
  });

  test('conversations.info, users.info and postEphemeral', async () => {
    const client = webClientFor(slack.fake);
    const info = await client.conversations.info({ channel: CHANNEL });
    assert.equal(info.channel?.id, CHANNEL);
    assert.equal((await client.users.info({ user: 'U0ALICE01' })).user?.name, 'u0alice01');
    assert.equal(await slackError(client.users.info({ user: 'nobody' })), 'user_not_found');
    const eph = await client.chat.postEphemeral({ channel: CHANNEL, user: 'U0ALICE01', text: 'unknown key sitte, did you mean site?' });
    assert.match(String(eph.message_ts), /^\d+\.\d{6}$/);
    assert.deepEqual(
      slack.fake.ephemerals().map((e) => [e.user, e.text]),
      [['U0ALICE01', 'unknown key sitte, did you mean site?']],
    );
    assert.equal(slack.fake.messages().length, 0, 'an ephemeral is not a channel message');
  });

  test('an update sooner than minUpdateIntervalMs is a violation; a spaced one is not', async () => {
    // Its own fake on a clock moved by hand: how long the round trips take does not matter.
    const clock = manualClock();
    const paced = await FakeSlack.start({ minUpdateIntervalMs: 50, clock });
    try {
      const client = webClientFor(paced);
      const { ts } = await client.chat.postMessage({ channel: CHANNEL, text: 'J-3 0/2' });
      await client.chat.update({ channel: CHANNEL, ts: String(ts), text: 'J-3 1/2' });
      clock.advance(50);
      await client.chat.update({ channel: CHANNEL, ts: String(ts), text: 'J-3 2/2' });
      assert.deepEqual(paced.violations, [], 'an update exactly the interval later is allowed');
      clock.advance(49);
      await client.chat.update({ channel: CHANNEL, ts: String(ts), text: 'J-3 done' });
      assert.deepEqual(paced.violations, [`chat.update: ${CHANNEL}/${ts} updated again after 49 ms (minimum 50 ms)`]);
      assert.equal(paced.message(CHANNEL, String(ts))?.updates, 3);
    } finally {
      await paced.close();
    }
  });

  test('latency delays each answer', async () => {
    slack.fake.latencyMs = (method) => (method === 'auth.test' ? 120 : 0);
    const started = Date.now();
    await webClientFor(slack.fake).auth.test();
    assert.ok(Date.now() - started >= 110, `answered after ${Date.now() - started} ms`);
  });
});

describe('Block Kit limits are refused like Slack and recorded', () => {
  const slack = useFakeSlack({}, 'suite');

  const tooMuch: [string, Record<string, unknown>, string][] = [
    ['51 blocks', { blocks: Array.from({ length: 51 }, () => section('x')) }, 'invalid_blocks'],
    ['section text of 3001', { blocks: [section('x'.repeat(3001))] }, 'invalid_blocks'],
    ['empty section text', { blocks: [section('')] }, 'invalid_blocks'],
    ['header of 151', { blocks: [{ type: 'header', text: plain('h'.repeat(151)) }] }, 'invalid_blocks'],
    ['11 fields', { blocks: [{ type: 'section', fields: Array.from({ length: 11 }, () => plain('f')) }] }, 'invalid_blocks'],
    ['a field of 2001', { blocks: [{ type: 'section', fields: [plain('f'.repeat(2001))] }] }, 'invalid_blocks'],
    ['button text of 76', { blocks: [{ type: 'actions', elements: [button('b'.repeat(76))] }] }, 'invalid_blocks'],
    ['action_id of 256', { blocks: [{ type: 'actions', elements: [button('ok', 'a'.repeat(256))] }] }, 'invalid_blocks'],
    ['block_id of 256', { blocks: [{ ...section('x'), block_id: 'b'.repeat(256) }] }, 'invalid_blocks'],
    ['11 context elements', { blocks: [{ type: 'context', elements: Array.from({ length: 11 }, () => plain('c')) }] }, 'invalid_blocks'],
    [
      '26 action elements',
      { blocks: [{ type: 'actions', elements: Array.from({ length: 26 }, (_, i) => button('b', `a${i}`)) }] },
      'invalid_blocks',
    ],
    ['text of 40001', { text: 't'.repeat(40001) }, 'msg_too_long'],
    ['blocks that are not JSON', { blocks: '[{not json' }, 'invalid_blocks_format'],
  ];
  for (const [name, args, error] of tooMuch) {
    test(`refused: ${name}`, async () => {
      const before = slack.fake.violations.length;
      const posted = slack.fake.messages().length;
      const client = webClientFor(slack.fake);
      const refusal = await client.chat.postMessage({ channel: CHANNEL, text: 'fallback', ...args }).catch((e: unknown) => e);
      assert.equal((refusal as { code?: string }).code, ErrorCode.PlatformError);
      assert.equal((refusal as { data: { error: string } }).data.error, error);
      assert.ok(slack.fake.violations.length > before, 'recorded as a violation');
      assert.ok(slack.fake.violations.at(-1)?.startsWith(`chat.postMessage: ${error}`));
      assert.equal(slack.fake.messages().length, posted, 'nothing was posted');
    });
  }

  test('refusals name the offending json-pointer like Slack', async () => {
    type Refusal = { data: { errors: string[]; response_metadata: { messages: string[] } } };
    const blocks = [section('ok'), { type: 'header', text: plain('h'.repeat(151)) }];
    const { data: refusal } = (await webClientFor(slack.fake)
      .chat.postMessage({ channel: CHANNEL, text: 'x', blocks })
      .catch((e: unknown) => e)) as Refusal;
    assert.deepEqual(refusal.errors, ['must be less than 151 characters [json-pointer:/blocks/1/text/text]']);
    assert.deepEqual(refusal.response_metadata.messages, ['[ERROR] must be less than 151 characters [json-pointer:/blocks/1/text/text]']);
  });

  test('exactly at every limit is accepted and records nothing', async () => {
    const fresh = await FakeSlack.start();
    try {
      const atLimit = [
        { type: 'header', text: plain('h'.repeat(LIMITS.headerText)) },
        { ...section('s'.repeat(LIMITS.sectionText)), block_id: 'b'.repeat(LIMITS.blockId) },
        { type: 'section', fields: Array.from({ length: LIMITS.sectionFields }, () => plain('f'.repeat(LIMITS.sectionFieldText))) },
        { type: 'context', elements: Array.from({ length: LIMITS.contextElements }, () => plain('c')) },
        { type: 'actions', elements: [button('b'.repeat(LIMITS.buttonText), 'a'.repeat(LIMITS.actionId))] },
      ];
      const blocks = [...atLimit, ...Array.from({ length: LIMITS.blocksPerMessage - atLimit.length }, () => ({ type: 'divider' }))];
      const posted = await webClientFor(fresh).chat.postMessage({ channel: CHANNEL, text: 't'.repeat(LIMITS.messageText), blocks });
      assert.equal(posted.ok, true);
      assert.equal(fresh.message(CHANNEL, String(posted.ts))?.blocks?.length, 50);
      assert.deepEqual(fresh.violations, []);
    } finally {
      await fresh.close();
    }
  });

  test('chat.update is held to the same limits', async () => {
    const fresh = await FakeSlack.start();
    try {
      const client = webClientFor(fresh);
      const { ts } = await client.chat.postMessage({ channel: CHANNEL, text: 'ok' });
      assert.equal(
        await slackError(client.chat.update({ channel: CHANNEL, ts: String(ts), blocks: [section('x'.repeat(3001))] })),
        'invalid_blocks',
      );
      assert.equal(fresh.message(CHANNEL, String(ts))?.updates, 0);
      assert.match(fresh.violations[0] ?? '', /^chat\.update: invalid_blocks/);
    } finally {
      await fresh.close();
    }
  });
});
