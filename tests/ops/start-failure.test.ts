import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import pg from 'pg';
import { systemClock } from '../../src/core/clock.js';
import { ConfigError } from '../../src/core/errors.js';
import { EX_CONFIG, StartFailure, startFailureReport, startStep } from '../../src/ops/start-failure.js';
import { startSlackBot } from '../../src/slack/slack-bot.js';
import { labSpecs, startRig } from '../support/test-lab.js';
import { FAKE_BOT_TOKEN, FakeSlack } from '../slack/fake-slack.js';
import { quietLogger } from '../slack/fake-slack-testkit.js';

/** A loopback port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const oneSentence = (err: unknown) => {
  assert.ok(err instanceof StartFailure, `a StartFailure, not ${String(err)}`);
  const r = startFailureReport(err, { debug: false });
  assert.equal(r.code, EX_CONFIG);
  assert.equal(r.text.trim().split('\n').length, 1, r.text);
  assert.doesNotMatch(r.text, /\n\s+at /, 'no stack');
  return err;
};

test('start failures: Slack unreachable, token rejected, port taken, database unreachable: one sentence each, exit 78', async () => {
  const rig = await startRig(labSpecs(1));
  const fake = await FakeSlack.start();
  const logger = quietLogger();
  try {
    const nowhere = `http://127.0.0.1:${await closedPort()}/api/`;
    const secret = '8f742231b10e8888abcd99eeeeee85a5';
    const start = (botToken: string, apiUrl: string, port = 0) =>
      startSlackBot({
        slack: { mode: 'http', botToken, signingSecret: secret, port, apiUrl },
        service: rig.app.service,
        clock: systemClock,
        logger,
      });

    const unreachable = oneSentence(
      await start(FAKE_BOT_TOKEN, nowhere).then(
        () => undefined,
        (e: unknown) => e,
      ),
    );
    assert.equal(unreachable.code, 'slack_unreachable');
    assert.match(unreachable.message, /unreachable \(ECONNREFUSED\).*SLACK_API_URL/);
    // One attempt, not a retry storm (the issue saw 25 WARN lines): the Web API's one warning at most.
    assert.ok(logger.lines.filter((l) => l.startsWith('warn')).length <= 1, logger.lines.join('\n'));

    const rejected = oneSentence(
      await start('xoxb-not-the-token', fake.apiUrl).then(
        () => undefined,
        (e: unknown) => e,
      ),
    );
    assert.equal(rejected.code, 'slack_token_rejected');
    assert.match(rejected.message, /Slack rejected SLACK_BOT_TOKEN \(invalid_auth\)/);

    // Socket Mode: the bot token is fine, the app-level token is not.
    const appRejected = oneSentence(
      await startSlackBot({
        slack: { mode: 'socket', botToken: FAKE_BOT_TOKEN, appToken: 'xapp-1-not-the-token', apiUrl: fake.apiUrl },
        service: rig.app.service,
        clock: systemClock,
        logger,
      }).then(
        () => undefined,
        (e: unknown) => e,
      ),
    );
    assert.equal(appRejected.code, 'slack_token_rejected');
    assert.match(appRejected.message, /Slack rejected SLACK_APP_TOKEN \(invalid_auth\)/);

    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '0.0.0.0', () => r()));
    const busy = (taken.address() as { port: number }).port;
    try {
      const portTaken = oneSentence(
        await start(FAKE_BOT_TOKEN, fake.apiUrl, busy).then(
          () => undefined,
          (e: unknown) => e,
        ),
      );
      assert.equal(portTaken.code, 'port_taken');
      assert.match(portTaken.message, new RegExp(`port ${busy} is already in use.*set PORT`));
    } finally {
      await new Promise<void>((r) => taken.close(() => r()));
    }

    const pool = new pg.Pool({
      host: '127.0.0.1',
      port: await closedPort(),
      user: 'postgres',
      database: 'test',
      connectionTimeoutMillis: 2000,
    });
    const db = oneSentence(
      await startStep({ kind: 'database', setting: 'NETOPS_DATABASE_URL' }, () => pool.query('select 1')).then(
        () => undefined,
        (e: unknown) => e,
      ),
    );
    await pool.end();
    assert.equal(db.code, 'database_unreachable');
    assert.match(db.message, /NETOPS_DATABASE_URL is unreachable \(ECONNREFUSED/);
    // At debug level the cause's stack follows the sentence.
    assert.match(startFailureReport(db, { debug: true }).text, /\n\s+at /);
  } finally {
    await fake.close();
    await rig.close();
  }
});

test('start failures: a bad setting is 78 and one line; an unknown error is a bug: 70 with its stack', () => {
  assert.deepEqual(startFailureReport(new ConfigError('PORT', 'must be a number'), { debug: false }), {
    code: 78,
    text: 'netops: configuration error: PORT: must be a number\n',
  });
  const bug = startFailureReport(new TypeError('x is undefined'), { debug: false });
  assert.equal(bug.code, 70);
  assert.match(bug.text, /TypeError: x is undefined\n\s+at /);
});
