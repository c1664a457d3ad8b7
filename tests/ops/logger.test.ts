import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PLATFORM_IDS } from '../../src/core/types.js';
import { systemClock } from '../../src/core/clock.js';
import { ConfigError } from '../../src/core/errors.js';
import { createLogger, parseLogSettings, prettyLine } from '../../src/ops/logger.js';
import { startSlackBot } from '../../src/slack/slack-bot.js';
import { slackLogger } from '../../src/slack/slack-logger.js';
import { labConfigText, labSecrets } from '../support/lab-secrets.js';
import { labSpecs, startRig, TEST_CREDENTIALS } from '../support/test-lab.js';
import { FAKE_BOT_TOKEN, FakeSlack } from '../slack/fake-slack.js';
import { signSlackRequest, slashCommandBody } from '../slack/slack-signing.js';

const SETTINGS: [string, { format?: string; level?: string; isTty: boolean }, ReturnType<typeof parseLogSettings> | string][] = [
  ['defaults on a terminal', { isTty: true }, { format: 'pretty', level: 'info' }],
  ['defaults under systemd', { isTty: false }, { format: 'json', level: 'info' }],
  ['json asked on a terminal', { format: 'json', isTty: true }, { format: 'json', level: 'info' }],
  ['pretty asked in a pipe', { format: 'PRETTY', level: 'Debug', isTty: false }, { format: 'pretty', level: 'debug' }],
  ['bad format', { format: 'xml', isTty: false }, 'NETOPS_LOG_FORMAT'],
  ['bad level', { level: 'verbose', isTty: false }, 'NETOPS_LOG_LEVEL'],
];
for (const [name, input, expected] of SETTINGS) {
  test(`log settings: ${name}`, () => {
    if (typeof expected === 'string') {
      assert.throws(
        () => parseLogSettings(input),
        (err: unknown) => err instanceof ConfigError && err.setting === expected,
      );
    } else assert.deepEqual(parseLogSettings(input), expected);
  });
}

test('pretty line: time, level, message, then key=value with quoted values where needed', () => {
  const line = prettyLine({
    level: 40,
    time: '2026-12-02T07:00:01.234Z',
    msg: 'slow device',
    job: 'J-7',
    device: 'east-core-1',
    note: 'a b',
  });
  assert.equal(line, '07:00:01.234 WARN  slow device job=J-7 device=east-core-1 note="a b"\n');
});

test('logs of a full Slack run: JSON lines with level, time and msg, and not one lab secret in them', async () => {
  const [secrets, configs] = await Promise.all([labSecrets(), labConfigText()]);
  assert.ok(secrets.length >= 6);
  const lines: string[] = [];
  const fake = await FakeSlack.start();
  const rig = await startRig(labSpecs(10, (i) => ({ platform: PLATFORM_IDS[i % 5] })));
  const log = createLogger({ format: 'json', level: 'debug', redact: rig.app.redact, out: { write: (l: string) => lines.push(l) } });
  const secret = '8f742231b10e8888abcd99eeeeee85a5';
  const bot = await startSlackBot({
    slack: { mode: 'http', botToken: FAKE_BOT_TOKEN, signingSecret: secret, port: 0, apiUrl: fake.apiUrl },
    service: rig.app.service,
    clock: systemClock,
    logger: slackLogger(log),
    botIdentity: { botId: fake.identity.botId, botUserId: fake.identity.botUserId },
  });
  try {
    const url = `http://127.0.0.1:${bot.port}/slack/events`;
    for (const text of [
      'help',
      'show-version device=* --confirm',
      'show-config device=* --confirm',
      `devices tag=${TEST_CREDENTIALS.password}`,
      'audit last=50',
    ]) {
      const body = slashCommandBody({ text });
      const res = await fetch(url, { method: 'POST', headers: { ...signSlackRequest(secret, body, Date.now() / 1000) }, body });
      assert.equal(res.status, 200, text);
      await res.text();
      await bot.idle();
    }
    // What careless code might log: the settings with their credentials, a device's raw configuration, an error quoting a secret.
    const job = log.child({ job: 'J-99', device: 'east-core-001' });
    job.info({ config: rig.config }, 'settings');
    job.debug({ raw: configs }, 'device output');
    job.error(
      { err: new Error(`login failed with "${TEST_CREDENTIALS.password}"`) },
      `enable secret ${TEST_CREDENTIALS.enableSecret} refused`,
    );

    assert.ok(lines.length > 10, `lines: ${lines.length}`);
    for (const l of lines) {
      const rec = JSON.parse(l) as Record<string, unknown>;
      assert.equal(typeof rec.level, 'number');
      assert.match(String(rec.time), /^\d{4}-\d\d-\d\dT/);
      assert.equal(typeof rec.msg, 'string');
    }
    const all = lines.join('');
    // The run is in the logs (Bolt's debug lines) and so are the careless records, masked.
    assert.match(all, /"job":"J-99","device":"east-core-001"/);
    assert.match(all, /snmp-server community \*{8}/);
    for (const s of secrets) assert.ok(!all.includes(s), `secret in the logs: ${s.slice(0, 4)}…`);
  } finally {
    await bot.stop();
    await bot.idle();
    await fake.close();
    await rig.close();
  }
});
