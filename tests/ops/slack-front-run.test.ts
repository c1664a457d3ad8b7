/**
 * A full run of `npm start` in Slack Socket Mode, as an operator runs it: src/main.ts as a child
 * process on the built-in lab, against the fake Slack in this process, JSON logs at debug level
 * (Bolt's own debug lines included). It serves /healthz and /readyz while connected, runs reads
 * and an approved change, stops on SIGTERM with 0, and its log output holds not one of the
 * lab's secrets (logins, hashed secrets, SNMP and trap communities, NTP keys) nor Slack's tokens.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APPROVE_ACTION } from '../../src/slack/change-blocks.js';
import { FAKE_APP_TOKEN, FAKE_BOT_TOKEN, FakeSlack } from '../slack/fake-slack.js';
import { eventually } from '../slack/fake-slack-testkit.js';
import { buttonPressPayload, SLASH_COMMAND_DEFAULTS as D, slashCommandPayload } from '../slack/slack-signing.js';
import { labSecrets } from '../support/lab-secrets.js';
import { Child } from '../support/scale-out-child.js';
import { baseEnv, logRecords, probePort, ROOT, signal } from './entry-rig.js';

const text = (blocks: unknown) => JSON.stringify(blocks);

test('Slack front through main.ts: /healthz, reads and an approved change, SIGTERM 0, debug logs free of every lab secret', {
  timeout: 300_000,
}, async () => {
  const builtIn = JSON.parse(await readFile(join(ROOT, 'data/lab.json'), 'utf8')) as {
    credentials: { password: string; enableSecret: string };
  };
  const secrets = [...(await labSecrets(builtIn.credentials)), FAKE_BOT_TOKEN, FAKE_APP_TOKEN];
  const fake = await FakeSlack.start();
  const dir = await mkdtemp(join(tmpdir(), 'netops-slack-front-'));
  const front = new Child('front', ['src/main.ts'], {
    cwd: ROOT,
    env: {
      ...baseEnv(dir),
      NETOPS_LAB: 'on',
      NETOPS_LOG_LEVEL: 'debug',
      NETOPS_APPROVERS: 'U0CAROL01',
      SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
      SLACK_APP_TOKEN: FAKE_APP_TOKEN,
      SLACK_API_URL: fake.apiUrl,
    },
  });
  try {
    const port = await probePort(front);
    await front.waitFor(/Slack Socket Mode connected/);
    const base = `http://127.0.0.1:${port}`;
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
    const ready = await fetch(`${base}/readyz`);
    assert.equal(ready.status, 200, JSON.stringify(await ready.clone().json()));

    const command = async (line: string) => {
      const ack = await fake.sendEnvelope('slash_commands', slashCommandPayload({ text: line }), { timeoutMs: 30_000 });
      assert.ok(ack.ackedAfterMs < 3000, `${line}: acked after ${ack.ackedAfterMs} ms`);
      return ack;
    };
    const summaries = () => fake.messages().filter((m) => /succeeded/.test(text(m.blocks))).length;
    await command('show-version site=east --confirm');
    await eventually(() => summaries() === 1, 120_000);
    // The output secrets live in: every running configuration of a site, on every platform.
    await command('show-config site=west --confirm');
    await eventually(() => summaries() === 2, 120_000);
    await command('config device=east-core-1 template=ntp server=192.0.2.55 --confirm');
    await eventually(() => fake.messages().some((m) => /CR-\d+/.test(text(m.blocks))), 120_000);
    const cr = fake.messages().find((m) => /CR-\d+/.test(text(m.blocks)))!;
    const crId = text(cr.blocks).match(/CR-\d+/)![0];
    await fake.sendEnvelope(
      'interactive',
      buttonPressPayload({ actionId: APPROVE_ACTION, value: crId, userId: 'U0CAROL01', userName: 'carol', messageTs: cr.ts }),
    );
    await eventually(() => fake.replies(D.channel_id, cr.ts).some((m) => /succeeded/.test(text(m.blocks))), 120_000);
    await command('audit last=50');

    signal(front, 'SIGTERM');
    assert.equal(await front.exited, 0, front.output());
    assert.deepEqual(fake.violations, []);

    // Every line of the log is JSON; debug lines are in it, so the run logged what it could.
    const logs = logRecords(front);
    assert.ok(
      logs.some((l) => l['level'] === 20),
      'debug lines were logged',
    );
    assert.equal(logs.at(-1)?.['msg'], 'stopped');
    const all = front.lines.map((l) => l.text).join('\n');
    // Bolt's debug lines carry what went to Slack: the jobs' messages are in the logs.
    assert.match(all, /show-config site=west --confirm · succeeded/);
    assert.match(all, /CR-\d+ waiting for approval/);
    for (const s of secrets) assert.ok(!all.includes(s), `a lab secret in the logs: ${s.slice(0, 4)}…`);
  } finally {
    await front.end();
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  }
});
