import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config.js';
import { ConfigError } from '../../src/core/errors.js';

const BOT = 'xoxb-1111-2222-abc';
const CASES: [string, Record<string, string>, string, RegExp][] = [
  ['bot token missing', { SLACK_APP_TOKEN: 'xapp-1-A1-abc' }, 'SLACK_BOT_TOKEN', /required/],
  ['malformed bot token', { SLACK_BOT_TOKEN: 'xoxp-user-token' }, 'SLACK_BOT_TOKEN', /bot token \(xoxb-/],
  ['HTTP mode without signing secret', { SLACK_BOT_TOKEN: BOT }, 'SLACK_SIGNING_SECRET', /required for HTTP mode/],
  ['socket mode without app token', { SLACK_BOT_TOKEN: BOT, SLACK_MODE: 'socket' }, 'SLACK_APP_TOKEN', /required for Socket Mode/],
  ['malformed app token', { SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: 'xoxb-wrong' }, 'SLACK_APP_TOKEN', /app-level token/],
  [
    'API URL without slash',
    { SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: 'xapp-1-A', SLACK_API_URL: 'https://gov.slack.com/api' },
    'SLACK_API_URL',
    /end with \//,
  ],
  ['bad concurrency', { NETOPS_CONCURRENCY: 'lots' }, 'NETOPS_CONCURRENCY', /number/],
  ['missing password file', { NETOPS_USERNAME: 'u', NETOPS_PASSWORD_FILE: '/nonexistent/pw' }, 'NETOPS_PASSWORD_FILE', /cannot read/],
  ['approval that outlives timers', { NETOPS_APPROVAL_TTL: '30d' }, 'NETOPS_APPROVAL_TTL', /longer than 7 days/],
];
for (const [name, env, setting, message] of CASES) {
  test(`config error: ${name}`, () => {
    assert.throws(
      () => loadConfig({ env }),
      (e: unknown) => e instanceof ConfigError && e.setting === setting && message.test(e.message),
    );
  });
}

test('Slack mode is chosen by the tokens present', () => {
  assert.equal(loadConfig({ env: {} }).slack, undefined);
  assert.deepEqual(loadConfig({ env: { SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: 'xapp-1-A1-abc' } }).slack, {
    mode: 'socket',
    botToken: BOT,
    appToken: 'xapp-1-A1-abc',
    apiUrl: undefined,
  });
  assert.deepEqual(loadConfig({ env: { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: 'abcdef0123456789', PORT: '8080' } }).slack, {
    mode: 'http',
    botToken: BOT,
    signingSecret: 'abcdef0123456789',
    port: 8080,
    apiUrl: undefined,
  });
});

test('credentials come from the environment and are never defaulted', () => {
  const c = loadConfig({ env: { NETOPS_USERNAME: 'netops', NETOPS_PASSWORD: 'pw1', NETOPS_ENABLE_SECRET: 'en1' } });
  assert.deepEqual(c.credentials['default'], {
    username: 'netops',
    password: 'pw1',
    enableSecret: 'en1',
    privateKey: undefined,
    passphrase: undefined,
  });
  assert.deepEqual(loadConfig({ env: {} }).credentials, {});
});
