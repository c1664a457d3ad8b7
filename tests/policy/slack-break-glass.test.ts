import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withPolicySlackRig } from './policy-slack-rig.js';
import { breakGlassPolicy } from './test-policies.js';
import { eventually } from '../slack/fake-slack-testkit.js';
import { buttonPressPayload } from '../slack/slack-signing.js';
import { APPROVE_ACTION } from '../../src/slack/change-blocks.js';
import { Policy } from '../../src/core/policy.js';
import { parsePolicy } from '../../src/core/policy/policy-file.js';
import { breakGlassUse } from '../../src/core/policy/break-glass.js';

// A freeze around the real clock the rig runs on; on-call may break the glass.
const POLICY = breakGlassPolicy({
  oncall: 'U0ONCALL1',
  eng: ['U0CAROL01'],
  freeze: { from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' },
});

const text = (blocks: unknown) => JSON.stringify(blocks);

test('Slack: a change run under break-glass in a freeze is announced in the channel, naming who and which change', async () => {
  await withPolicySlackRig(POLICY, { devices: 2 }, async (s) => {
    const oncall = { user_id: 'U0ONCALL1', user_name: 'olivia' };
    const frozen = await s.command('config site=east template=ntp server=192.0.2.10', oncall);
    assert.match(frozen.body.text, /rule: freeze holiday/, 'without --break-glass the freeze refuses');

    await s.command('config site=east template=ntp server=192.0.2.10 --break-glass', oncall);
    await eventually(() => s.fake.messages().length === 1);
    const cr = s.fake.messages()[0]!;
    const crId = text(cr.blocks).match(/CR-\d+/)![0];
    assert.doesNotMatch(text(s.fake.messages()), /Break-glass:/, 'nothing is announced before the change runs');

    await s.interact(
      buttonPressPayload({ actionId: APPROVE_ACTION, value: crId, userId: 'U0CAROL01', userName: 'carol', messageTs: cr.ts }),
    );
    await eventually(() => s.fake.replies(cr.channel, cr.ts).some((m) => /succeeded/.test(text(m.blocks))));
    await s.bot.idle();
    const notices = s.fake.messages().filter((m) => /Break-glass/.test(m.text ?? ''));
    assert.equal(notices.length, 1, 'one announcement, at the top level of the channel');
    const notice = notices[0]!;
    assert.equal(notice.channel, cr.channel);
    assert.equal(notice.thread_ts, undefined);
    const shown = text(notice.blocks);
    assert.match(shown, new RegExp(`olivia \\(U0ONCALL1\\) invoked break-glass for ${crId}`));
    assert.match(shown, /template=ntp server=192\.0\.2\.10 --break-glass/);
    assert.match(shown, /changes are frozen \(holiday/);
    assert.match(shown, /Approved by carol \(U0CAROL01\)/);
    assert.equal(s.fake.ephemerals().filter((e) => /Break-glass/.test(e.text)).length, 0, 'not an ephemeral');
    assert.equal((await s.rig.app.audit.query({ action: 'policy.break-glass' })).length, 1);
  });
});

test('break-glass is decided once, by the policy: only a --break-glass change that a freeze or closed window would refuse', () => {
  const policy = new Policy({ approvers: [], document: parsePolicy(POLICY, 'glass.yaml') });
  const oncall = { id: 'U0ONCALL1' };
  const inFreeze = Date.parse('2026-12-22T04:00:00Z');
  const bypass = policy.assertMayRunChangeNow(oncall, { breakGlass: true, now: inFreeze });
  assert.deepEqual(bypass, { rule: 'freeze holiday', reason: 'changes are frozen (holiday, until 2100-01-01T00:00:00Z)' });
  const change = { commandLine: 'config site=east template=ntp --break-glass', actor: { id: 'U0ONCALL1', name: 'olivia', via: 'slack' } };
  const use = breakGlassUse(change, 'CR-7', bypass!);
  assert.deepEqual({ id: use.changeId, rule: use.rule, who: use.requester.id }, { id: 'CR-7', rule: 'freeze holiday', who: 'U0ONCALL1' });
  assert.throws(
    () => policy.assertMayRunChangeNow(oncall, { breakGlass: false, now: inFreeze }),
    /rule: freeze holiday/,
    'no flag: refused',
  );
  assert.throws(() => policy.assertMayRunChangeNow({ id: 'U0CAROL01' }, { breakGlass: true, now: inFreeze }), /rule: freeze holiday/);
  const afterFreeze = Date.parse('2100-06-01T00:00:00Z');
  assert.equal(policy.assertMayRunChangeNow(oncall, { breakGlass: true, now: afterFreeze }), undefined, 'nothing bypassed');
});
