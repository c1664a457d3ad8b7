import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withPolicySlackRig } from './policy-slack-rig.js';
import { withPolicyConsole } from './policy-console-rig.js';
import { pciPolicy } from './test-policies.js';
import { eventually } from '../slack/fake-slack-testkit.js';
import { buttonPressPayload, SLASH_COMMAND_DEFAULTS as D } from '../slack/slack-signing.js';
import { APPROVE_ACTION } from '../../src/slack/change-blocks.js';

const text = (v: unknown) => JSON.stringify(v);
type Block = { type: string; elements?: { action_id?: string; confirm?: { text?: { text?: string } } }[] };
const approveButton = (blocks: unknown) =>
  ((blocks ?? []) as Block[]).flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : [])).find((e) => e.action_id === APPROVE_ACTION);

test('Slack: a two-approver change shows 1 of 2 after the first approval and keeps its Approve button; repeats and the requester are refused', async () => {
  await withPolicySlackRig(pciPolicy({ requester: D.user_id, pci: ['U0CAROL01', 'U0ERIN001'] }), { devices: 4 }, async (s) => {
    await s.command('config site=east template=ntp server=192.0.2.10');
    await eventually(() => s.fake.messages().length === 1);
    const posted = s.fake.messages()[0]!;
    const crId = text(posted.blocks).match(/CR-\d+/)![0];
    assert.match(text(posted.blocks), /\*Approvals:\* 0 of 2 approvals; waiting for 2 more from pci \(U0CAROL01, U0ERIN001\)/);
    assert.match(
      approveButton(posted.blocks)?.confirm?.text?.text ?? '',
      /Your approval is counted; the change runs once 1 more approver approves/,
    );
    const press = (userId: string, userName: string) =>
      s.interact(buttonPressPayload({ actionId: APPROVE_ACTION, value: crId, userId, userName, messageTs: posted.ts }));
    const current = () => s.fake.message(posted.channel, posted.ts)!;

    await press('U0CAROL01', 'carol');
    await eventually(() => current().updates === 1);
    const partial = current();
    assert.match(text(partial.blocks), /1 of 2 approvals \(<@U0CAROL01>\); waiting for one more from pci \(U0CAROL01, U0ERIN001\)/);
    assert.match(text(partial.blocks), /waiting for approval/);
    assert.match(approveButton(partial.blocks)?.confirm?.text?.text ?? '', /The change runs now on 2 devices/, 'the next click runs it');

    await press('U0CAROL01', 'carol');
    await press(D.user_id, D.user_name);
    await eventually(() => s.fake.ephemerals().length === 2);
    const told = Object.fromEntries(s.fake.ephemerals().map((e) => [e.user, e.text]));
    assert.match(
      told['U0CAROL01'] ?? '',
      new RegExp(`you have already approved ${crId}: your approval is counted \\(1 of 2 approvals \\(U0CAROL01\\); waiting for one more`),
    );
    assert.match(told[D.user_id] ?? '', new RegExp(`you asked for ${crId}; another engineer must approve it`));
    assert.equal(current().updates, 1, 'a refused click changes nothing');
    assert.equal(s.fake.replies(posted.channel, posted.ts).length, 0, 'nothing ran');

    await press('U0ERIN001', 'erin');
    await eventually(() => s.fake.replies(posted.channel, posted.ts).some((m) => /succeeded/.test(text(m.blocks))));
    await s.bot.idle();
    const done = current();
    assert.match(text(done.blocks), /approved by erin/);
    assert.equal(approveButton(done.blocks), undefined, 'no buttons once approved');
    assert.doesNotMatch(text(done.blocks), /waiting for one more/);
    const counted = await s.rig.app.audit.query({ action: 'change.approval-counted' });
    assert.deepEqual(
      counted.map((r) => r.actor.id),
      ['U0CAROL01'],
    );
    assert.deepEqual(s.fake.violations, []);
  });
});

test('console: the request, each approval and a repeat show the same count as Slack', async () => {
  await withPolicyConsole(pciPolicy({ requester: 'alice', pci: ['carol', 'erin'] }), { devices: 4 }, async ({ rig, run }) => {
    const proposed = await run('/net config site=east template=ntp server=192.0.2.10', 'alice');
    const cr = /^(CR-\d+) waiting for approval/m.exec(proposed.out)![1]!;
    assert.match(proposed.out, /^ {2}0 of 2 approvals; waiting for 2 more from pci \(carol, erin\)$/m);

    const first = await run(`/net approve ${cr}`, 'erin');
    assert.equal(first.status, 0);
    assert.match(first.out, /1 of 2 approvals \(erin\); waiting for one more from pci \(carol, erin\)/);
    const again = await run(`/net approve ${cr}`, 'erin');
    assert.equal(again.status, 2);
    assert.match(again.out, new RegExp(`you have already approved ${cr}: your approval is counted \\(1 of 2 approvals \\(erin\\)`));
    const own = await run(`/net approve ${cr}`, 'alice');
    assert.equal(own.status, 2);
    assert.match(own.out, new RegExp(`you asked for ${cr}`));

    const last = await run(`/net approve ${cr}`, 'carol');
    assert.equal(last.status, 0);
    assert.match(last.out, /2 of 2 approvals \(erin, carol\); running on 2 devices, canary first/);
    assert.match(last.out, /approved by carol/);
    assert.match(last.out, /succeeded/);
    const approved = await rig.app.audit.query({ action: 'change.approved' });
    assert.deepEqual(approved[0]?.detail?.['approvals'], ['erin', 'carol']);
  });
});
