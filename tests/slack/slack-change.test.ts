import { test } from 'node:test';
import assert from 'node:assert/strict';
import { labSpecs } from '../support/test-lab.js';
import { startSlackRig } from './slack-rig.js';
import { eventually } from './fake-slack-testkit.js';
import { buttonPressPayload, SLASH_COMMAND_DEFAULTS as D } from './slack-signing.js';
import { APPROVE_ACTION, REJECT_ACTION } from '../../src/slack/change-blocks.js';

const text = (blocks: unknown) => JSON.stringify(blocks);

test('Slack: a change request is posted with the plan; four eyes on Approve; the change runs in its thread', async () => {
  const s = await startSlackRig(labSpecs(4), { env: { NETOPS_APPROVERS: 'U0CAROL01' } });
  try {
    const ack = await s.command('config device=* --confirm template=ntp server=192.0.2.10');
    assert.equal(ack.status, 200);
    await eventually(() => s.fake.messages().length === 1);
    const cr = s.fake.messages()[0]!;
    const crId = text(cr.blocks).match(/CR-\d+/)![0];
    assert.match(text(cr.blocks), /waiting for approval/);
    assert.match(text(cr.blocks), /ntp server 192\.0\.2\.10/);
    assert.match(text(cr.blocks), /netops_approve/);
    const press = (userId: string, userName: string, action = APPROVE_ACTION) =>
      s.interact(buttonPressPayload({ actionId: action, value: crId, userId, userName, messageTs: cr.ts }));

    // Typed in another channel (or a DM), an approval is refused: approve where the plan is shown.
    const elsewhere = await s.command(`approve ${crId}`, { user_id: 'U0CAROL01', user_name: 'carol', channel_id: 'C0ELSEWHR' });
    assert.match(elsewhere.body.text, /approve CR-\d+ where it was proposed/);

    await press(D.user_id, D.user_name);
    await eventually(() => s.fake.ephemerals().length === 1);
    assert.match(s.fake.ephemerals()[0]!.text, /another engineer must approve it/);
    await press('U0BOB0001', 'bob');
    await eventually(() => s.fake.ephemerals().length === 2);
    assert.match(s.fake.ephemerals()[1]!.text, /only an approver/);

    await press('U0CAROL01', 'carol');
    await eventually(() => s.fake.replies(D.channel_id, cr.ts).length > 0);
    await s.bot.idle();
    assert.match(text(s.fake.message(D.channel_id, cr.ts)!.blocks), /approved\* by carol|approved by carol/);
    assert.doesNotMatch(text(s.fake.message(D.channel_id, cr.ts)!.blocks), /netops_approve/);
    const job = s.fake.replies(D.channel_id, cr.ts).find((m) => /succeeded/.test(text(m.blocks)));
    assert.ok(job, 'the change job summary is in the request thread');
    assert.match(text(job!.blocks), /4 ok · 0 failed/);
    const file = s.fake.files().find((f) => f.thread_ts === cr.ts);
    assert.ok(file?.content?.toString().includes('ntp server 192.0.2.10'), 'the diffs are attached in the thread');
    assert.deepEqual(s.fake.violations, []);
    const approved = await s.rig.app.audit.query({ action: 'change.approved' });
    assert.equal(approved[0]!.actor.id, 'U0CAROL01');
  } finally {
    await s.close();
  }
});

test('Slack: Reject closes the request and nothing runs', async () => {
  const s = await startSlackRig(labSpecs(2), { env: { NETOPS_APPROVERS: 'U0CAROL01' } });
  try {
    await s.command('config device=* --confirm template=syslog server=198.51.100.5');
    await eventually(() => s.fake.messages().length === 1);
    const cr = s.fake.messages()[0]!;
    const crId = text(cr.blocks).match(/CR-\d+/)![0];
    await s.interact(
      buttonPressPayload({ actionId: REJECT_ACTION, value: crId, userId: 'U0CAROL01', userName: 'carol', messageTs: cr.ts }),
    );
    await eventually(() => /rejected/.test(text(s.fake.message(D.channel_id, cr.ts)!.blocks)));
    await s.bot.idle();
    assert.equal(s.fake.replies(D.channel_id, cr.ts).length, 0);
    assert.equal((await s.rig.app.audit.query({ action: 'device.result' })).length, 0);
    const again = await s.command(`approve ${crId}`, { user_id: 'U0CAROL01', user_name: 'carol' });
    assert.match(again.body.text, /no change request .* is waiting for approval/);
  } finally {
    await s.close();
  }
});
