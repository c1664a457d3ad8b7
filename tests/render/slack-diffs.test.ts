/**
 * Through the fake Slack Web API and the SSH lab: an approved change's thread shows each
 * device's diff inline in a code block and its summary names the approver; a request its
 * requester rejects reads "withdrawn".
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { labSpecs } from '../support/test-lab.js';
import { startSlackRig } from '../slack/slack-rig.js';
import { eventually } from '../slack/fake-slack-testkit.js';
import { buttonPressPayload, SLASH_COMMAND_DEFAULTS as D } from '../slack/slack-signing.js';
import { APPROVE_ACTION, REJECT_ACTION } from '../../src/slack/change-blocks.js';

const text = (blocks: unknown) => JSON.stringify(blocks);

test('Slack: the change thread has the diffs inline and the summary names who approved', async () => {
  const s = await startSlackRig(
    labSpecs(2, () => ({ platform: 'cisco_xr' })),
    { env: { NETOPS_APPROVERS: 'U0CAROL01' } },
  );
  try {
    await s.command('config device=* template=ntp server=192.0.2.10 --confirm');
    await eventually(() => s.fake.messages().length === 1);
    const cr = s.fake.messages()[0]!;
    const crId = text(cr.blocks).match(/CR-\d+/)![0];
    await s.interact(
      buttonPressPayload({ actionId: APPROVE_ACTION, value: crId, userId: 'U0CAROL01', userName: 'carol', messageTs: cr.ts }),
    );
    await eventually(() => s.fake.replies(D.channel_id, cr.ts).some((m) => /succeeded/.test(text(m.blocks))));
    await s.bot.idle();
    const replies = s.fake.replies(D.channel_id, cr.ts);
    const summary = replies.find((m) => /succeeded/.test(text(m.blocks)))!;
    assert.match(text(summary.blocks), /approved by carol/);
    const diffs = replies.find((m) => /Diffs/.test(text(m.blocks)));
    assert.ok(diffs, 'a diff message in the thread');
    const body = text(diffs!.blocks);
    assert.match(body, /```== east-core-001/);
    assert.match(body, /\+ server 192\.0\.2\.10/);
    assert.doesNotMatch(body, /Building configuration|IOS XR Configuration/, 'platform noise removed');
    assert.deepEqual(s.fake.violations, []);
  } finally {
    await s.close();
  }
});

test('Slack: the requester rejecting their own request withdraws it', async () => {
  const s = await startSlackRig(labSpecs(1), { env: { NETOPS_APPROVERS: 'U0CAROL01' } });
  try {
    await s.command('config device=* template=ntp server=192.0.2.10 --confirm');
    await eventually(() => s.fake.messages().length === 1);
    const cr = s.fake.messages()[0]!;
    const crId = text(cr.blocks).match(/CR-\d+/)![0];
    await s.interact(
      buttonPressPayload({ actionId: REJECT_ACTION, value: crId, userId: D.user_id, userName: D.user_name, messageTs: cr.ts }),
    );
    await eventually(() => /withdrawn/.test(text(s.fake.message(D.channel_id, cr.ts)!.blocks)));
    assert.doesNotMatch(text(s.fake.message(D.channel_id, cr.ts)!.blocks), /rejected/);
  } finally {
    await s.close();
  }
});
