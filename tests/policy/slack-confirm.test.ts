import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withPolicySlackRig } from './policy-slack-rig.js';
import { eventually } from '../slack/fake-slack-testkit.js';
import { buttonPressPayload, slashCommandPayload, SLASH_COMMAND_DEFAULTS as D } from '../slack/slack-signing.js';
import { CONFIRM_ACTION } from '../../src/slack/confirm-button.js';

// Alice (the rig's default user) and bob may run anything; a change needs carol.
const POLICY = `version: 1
roles:
  eng: { members: [${D.user_id}, U0BOB0001] }
  approvers: { members: [U0CAROL01] }
grants:
  - role: eng
    commands: ['*']
approvals:
  - count: 1
    from: [approvers]
`;

const text = (v: unknown) => JSON.stringify(v);

/** The Confirm button of an ephemeral answer: its token, or undefined when there is none. */
function confirmToken(blocks: unknown): string | undefined {
  const buttons = ((blocks ?? []) as { type: string; elements?: { action_id?: string; value?: string }[] }[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? []);
  return buttons.find((e) => e.action_id === CONFIRM_ACTION)?.value;
}

test('Slack: a read over every device offers a Confirm button that runs exactly that request once, for its user only', async () => {
  await withPolicySlackRig(POLICY, { devices: 4 }, async (s) => {
    const refused = await s.command('show-version device=*');
    assert.equal(refused.body.response_type, 'ephemeral');
    assert.match(text(refused.body.blocks), /show-version would run on every device \(4\) \(rule: blastRadius.everyDevice\)/);
    assert.match(text(refused.body.blocks), /Confirm runs exactly:\\n`\/net show-version device=\* --confirm`/);
    const token = confirmToken(refused.body.blocks);
    assert.ok(token && token.length >= 20, 'the button carries a random token, not the command line');
    assert.doesNotMatch(token, /show-version/);
    assert.equal(s.fake.messages().length, 0, 'nothing runs before the click');

    const click = (userId: string, userName: string) =>
      s.interact(buttonPressPayload({ actionId: CONFIRM_ACTION, value: token, userId, userName, messageTs: '' }));
    // Bob sees no such button, but a forged or misrouted click of his is refused and leaves alice's offer standing.
    await click('U0BOB0001', 'bob');
    await eventually(() => s.fake.ephemerals().some((e) => e.user === 'U0BOB0001'));
    assert.match(s.fake.ephemerals().find((e) => e.user === 'U0BOB0001')!.text, /only the person who typed this command may confirm it/);
    assert.equal(s.fake.messages().length, 0);

    await click(D.user_id, D.user_name);
    await eventually(() => s.fake.messages().some((m) => /succeeded/.test(text(m.blocks))));
    await s.bot.idle();
    await click(D.user_id, D.user_name);
    await eventually(() => s.fake.ephemerals().some((e) => e.user === D.user_id && /no longer valid/.test(e.text)));
    await s.bot.idle();

    const jobs = await s.rig.app.audit.query({ action: 'job.requested' });
    assert.deepEqual(
      jobs.map((r) => [r.actor.id, r.detail?.['commandLine'], r.targets?.length]),
      [[D.user_id, '/net show-version device=* --confirm', 4]],
      'one run, as alice, of exactly the request shown',
    );
    const posted = s.fake.messages().filter((m) => !m.thread_ts);
    assert.equal(posted.length, 1);
    assert.match(text(posted[0]!.blocks), /4 ok · 0 failed/);
    const denied = await s.rig.app.audit.query({ action: 'policy.denied' });
    assert.deepEqual(
      denied.map((r) => [r.outcome, r.detail?.['rule']]),
      [['needs-confirm', 'blastRadius.everyDevice']],
    );
    assert.deepEqual(s.fake.violations, []);
  });
});

test('Socket Mode: a change over every device is confirmed with the button and becomes a change request with --confirm', async () => {
  await withPolicySlackRig(POLICY, { devices: 3, mode: 'socket' }, async (s) => {
    await s.fake.waitForSocket();
    const typed = 'config device=* template=ntp server=192.0.2.10';
    const refused = await s.fake.sendEnvelope('slash_commands', slashCommandPayload({ text: typed }));
    const ack = refused.ackPayload as { blocks?: unknown };
    assert.match(text(ack.blocks), /config would run on every device \(3\)/);
    const token = confirmToken(ack.blocks);
    assert.ok(token);
    assert.equal(s.fake.messages().length, 0);

    const press = buttonPressPayload({ actionId: CONFIRM_ACTION, value: token, messageTs: '' });
    await s.fake.sendEnvelope('interactive', press);
    await eventually(() => s.fake.messages().length === 1);
    const cr = s.fake.messages()[0]!;
    assert.match(text(cr.blocks), /CR-\d+/);
    assert.match(text(cr.blocks), /config device=\* template=ntp server=192\.0\.2\.10 --confirm/);
    await s.fake.sendEnvelope('interactive', press);
    await eventually(() => s.fake.ephemerals().some((e) => /no longer valid/.test(e.text)));
    await s.bot.idle();
    assert.equal(s.fake.messages().length, 1, 'the second click proposes nothing');
    const requested = await s.rig.app.audit.query({ action: 'change.requested' });
    assert.deepEqual(
      requested.map((r) => r.detail?.['commandLine']),
      [`/net ${typed} --confirm`],
    );
    assert.deepEqual(s.fake.violations, []);
  });
});
