/**
 * backup and diff-config through Slack (the fake Web API, with Slack's limits): the drift is
 * posted in the job's thread; a long one is cut there and attached in full as a file; no
 * secret reaches Slack.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PLATFORM_IDS } from '../../src/core/types.js';
import { labSpecs } from '../support/test-lab.js';
import { startSlackRig } from '../slack/slack-rig.js';
import { SLASH_COMMAND_DEFAULTS as SLACK } from '../slack/slack-signing.js';

const specs = labSpecs(5, (i) => ({ platform: PLATFORM_IDS[i] }));
/** Secrets the lab's configurations hold (src/lab/running-config.ts). */
const LAB_SECRETS = [/lab-c0mmunity-RO/, /\$9\$lab3nable/, /\$5\$LAB/];

test('Slack: backup, then drift in the thread; a long drift attached in full as a file; no secret posted', async () => {
  const s = await startSlackRig(specs);
  try {
    const run = async (line: string) => {
      assert.equal((await s.command(line)).status, 200, line);
      await s.bot.idle();
      const top = s.fake.messages().filter((m) => !m.thread_ts && m.channel === SLACK.channel_id);
      return s.fake.message(SLACK.channel_id, top.at(-1)!.ts)!;
    };
    const backup = JSON.stringify((await run('backup device=* --confirm')).blocks);
    assert.match(backup, /succeeded/);
    assert.equal(backup.match(/stored v1/g)?.length, 5, backup);

    // Drift on the IOS device: sixty lines of 2000 characters: more than the thread's blocks hold.
    const ios = specs[0]!.name;
    const added = Array.from({ length: 60 }, (_, i) => `ntp server ntp-${i + 1}.${'long-domain-name-'.repeat(117)}example`);
    for (const line of added) assert.ok(s.rig.lab.device(ios).state.running.apply(line, undefined).ok, line);
    const job = await run('diff-config device=* --confirm');
    const summary = JSON.stringify(job.blocks);
    assert.match(summary, /\+60 -0/, summary);
    assert.equal(summary.match(/no drift/g)?.length, 4, summary);
    const thread = s.fake.messages().filter((m) => m.thread_ts === job.ts);
    const diffs = JSON.stringify(thread.map((m) => m.blocks));
    assert.match(diffs, new RegExp(`== ${ios}`));
    assert.match(diffs, /\+ntp server ntp-1\.long-domain/);
    const file = s.fake.files().find((f) => f.completed && String(f.content ?? '').includes('+ntp server ntp-60.'));
    assert.ok(file, 'the whole drift is attached');
    const everything =
      JSON.stringify(s.fake.messages()) +
      s.fake
        .files()
        .map((f) => String(f.content ?? ''))
        .join('\n');
    for (const re of LAB_SECRETS) assert.doesNotMatch(everything, re);
    assert.deepEqual(s.fake.violations, []);
  } finally {
    await s.close();
  }
});
