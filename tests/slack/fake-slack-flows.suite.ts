import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ErrorCode, WebClientEvent } from '@slack/web-api';
import { FAKE_BOT_TOKEN } from './fake-slack.js';
import { slackError, useFakeSlack, webClientFor } from './fake-slack-testkit.js';

/** Rate limiting and the file upload flow, run from fake-slack.test.ts. */

const CHANNEL = 'C0NETOPS1';

describe('fake Slack: 429 and file uploads with the real WebClient', { timeout: 20_000 }, () => {
  const slack = useFakeSlack();

  test('a 429 with Retry-After is waited out by WebClient, which then retries; both calls are recorded', async () => {
    slack.fake.rateLimit('chat.postMessage', { count: 1, retryAfterSec: 1 });
    // minTimeout 0: p-retry adds no delay of its own, so the wait measured is the Retry-After.
    const client = webClientFor(slack.fake, { retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0 } });
    const rateLimited: number[] = [];
    client.on(WebClientEvent.RATE_LIMITED, (retrySec: number) => rateLimited.push(retrySec));
    const posted = await client.chat.postMessage({ channel: CHANNEL, text: 'J-9 queued' });
    assert.equal(posted.ok, true);
    const calls = slack.fake.callsTo('chat.postMessage');
    assert.deepEqual(
      calls.map((c) => c.status),
      [429, 200],
    );
    assert.equal(calls[0]?.error, 'ratelimited');
    const waited = (calls[1]?.at ?? 0) - (calls[0]?.at ?? 0);
    assert.ok(waited >= 950, `retried after ${waited} ms, Retry-After said 1 s`);
    assert.deepEqual(rateLimited, [1]);
    assert.equal(slack.fake.messages().length, 1, 'posted once, not twice');
  });

  test("the 429 answer carries Retry-After and Slack's body; rejectRateLimitedCalls surfaces it", async () => {
    slack.fake.rateLimit('chat.update', { count: 2, retryAfterSec: 7 });
    const raw = await fetch(`${slack.fake.apiUrl}chat.update`, { method: 'POST', headers: { authorization: `Bearer ${FAKE_BOT_TOKEN}` } });
    assert.equal(raw.status, 429);
    assert.equal(raw.headers.get('retry-after'), '7');
    assert.deepEqual(await raw.json(), { ok: false, error: 'ratelimited' });
    const client = webClientFor(slack.fake, { rejectRateLimitedCalls: true });
    const error = (await client.chat.update({ channel: CHANNEL, ts: '1.000001', text: 'x' }).catch((e: unknown) => e)) as {
      code: string;
      retryAfter: number;
    };
    assert.equal(error.code, ErrorCode.RateLimitedError);
    assert.equal(error.retryAfter, 7);
    // The programmed count is used up: the next call reaches the method (and fails on its own terms).
    assert.equal(await slackError(client.chat.update({ channel: CHANNEL, ts: '1.000001', text: 'x' })), 'message_not_found');
  });

  test('files.uploadV2 end to end: URL, bytes, completion into the thread', async () => {
    const client = webClientFor(slack.fake);
    const parent = await client.chat.postMessage({ channel: CHANNEL, text: 'J-4 finished: 40 devices' });
    const content = 'core1  C9300  17.9.4  12 weeks\n'.repeat(200);
    const result = await client.files.uploadV2({
      channel_id: CHANNEL,
      thread_ts: String(parent.ts),
      filename: 'J-4-show-version.txt',
      title: 'J-4 raw output',
      initial_comment: 'Full output attached',
      content,
    });
    assert.equal(result.ok, true);

    assert.deepEqual(
      slack.fake.calls.map((c) => c.method),
      ['chat.postMessage', 'files.getUploadURLExternal', 'upload', 'files.completeUploadExternal'],
    );
    const [file] = slack.fake.files();
    assert.equal(file?.filename, 'J-4-show-version.txt');
    assert.equal(file?.length, Buffer.byteLength(content));
    assert.equal(file?.bytes, Buffer.byteLength(content));
    assert.equal(file?.content?.toString('utf8'), content);
    assert.equal(file?.completed, true);
    assert.equal(file?.title, 'J-4 raw output');
    assert.equal(file?.thread_ts, parent.ts);
    const [reply] = slack.fake.replies(CHANNEL, String(parent.ts));
    assert.equal(reply?.text, 'Full output attached');
    assert.deepEqual(reply?.files, [file?.id]);
  });

  test('completing a file whose bytes never arrived fails', async () => {
    const client = webClientFor(slack.fake);
    const { file_id } = await client.files.getUploadURLExternal({ filename: 'x.txt', length: 3 });
    assert.equal(
      await slackError(client.files.completeUploadExternal({ files: [{ id: String(file_id) }], channel_id: CHANNEL })),
      'file_not_uploaded',
    );
    assert.equal(await slackError(client.files.completeUploadExternal({ files: [{ id: 'F0NOPE' }] })), 'file_not_found');
    assert.equal(await slackError(client.files.getUploadURLExternal({ filename: 'empty.txt', length: 0 })), 'missing_argument');
    assert.equal(slack.fake.files()[0]?.completed, false);
  });

  test('a raw (non-multipart) POST to the upload URL is stored as the file', async () => {
    const client = webClientFor(slack.fake);
    const { upload_url, file_id } = await client.files.getUploadURLExternal({ filename: 'raw.bin', length: 4 });
    const res = await fetch(String(upload_url), { method: 'POST', body: new Uint8Array([1, 2, 3, 4]) });
    assert.equal(res.status, 200);
    assert.equal(await res.text(), 'OK - 4');
    assert.deepEqual([...(slack.fake.files().find((f) => f.id === file_id)?.content ?? [])], [1, 2, 3, 4]);
    assert.equal((await fetch(`${slack.fake.baseUrl}/upload/F0NOPE`, { method: 'POST', body: 'x' })).status, 404);
    const files: [{ id: string }] = [{ id: String(file_id) }];
    assert.equal(
      await slackError(client.files.completeUploadExternal({ files, channel_id: CHANNEL, thread_ts: '1.000001' })),
      'invalid_thread_ts',
    );
    await client.files.completeUploadExternal({ files, channel_id: CHANNEL });
    assert.deepEqual(
      slack.fake.messages().map((m) => [m.thread_ts, m.files]),
      [[undefined, [file_id]]],
    );
  });
});
