import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withPolicySlackRig } from './policy-slack-rig.js';
import { withPolicyConsole } from './policy-console-rig.js';
import { breakGlassPolicy, settableClock } from './test-policies.js';
import { eventually } from '../slack/fake-slack-testkit.js';
import { buttonPressPayload } from '../slack/slack-signing.js';
import { APPROVE_ACTION } from '../../src/slack/change-blocks.js';
import type { AuditReader } from '../../src/core/ports.js';

// The holiday freeze begins at midnight; the changes are asked for a minute before it.
const FREEZE = { from: '2030-01-01T00:00:00Z', to: '2030-02-01T00:00:00Z' };
const BEFORE = '2029-12-31T23:59:00Z';
const DURING = '2030-01-01T00:01:00Z';

const text = (v: unknown) => JSON.stringify(v);

/** The trail's break-glass records, as [who invoked it, change, rule, approver]. */
async function breakGlassRecords(audit: AuditReader) {
  return (await audit.query({ action: 'policy.break-glass' })).map((r) => [
    r.actor.id,
    r.jobId,
    r.detail?.['bypassed'],
    (r.detail?.['approvedBy'] as { id?: string } | undefined)?.id,
  ]);
}

test('Slack: a --break-glass change whose freeze began while it waited runs, audited once and announced once; one without it waits', async () => {
  const clock = settableClock(BEFORE);
  await withPolicySlackRig(
    breakGlassPolicy({ oncall: 'U0ONCALL1', eng: ['U0CAROL01'], freeze: FREEZE }),
    { devices: 2, clock },
    async (s) => {
      const oncall = { user_id: 'U0ONCALL1', user_name: 'olivia' };
      await s.command('config site=east template=ntp server=192.0.2.10 --break-glass', oncall);
      await s.command('config site=east template=ntp server=192.0.2.20', oncall);
      await eventually(() => s.fake.messages().length === 2);
      assert.deepEqual(await breakGlassRecords(s.rig.app.audit), [], 'nothing is bypassed yet');
      const [glass, plain] = s.fake.messages().map((m) => ({ m, id: text(m.blocks).match(/CR-\d+/)![0] }));
      const press = (c: NonNullable<typeof glass>) =>
        s.interact(
          buttonPressPayload({ actionId: APPROVE_ACTION, value: c.id, userId: 'U0CAROL01', userName: 'carol', messageTs: c.m.ts }),
        );

      clock.set(DURING);
      await press(plain!);
      await eventually(() => s.fake.ephemerals().length === 1);
      assert.match(s.fake.ephemerals()[0]!.text, /cannot run now: changes are frozen \(holiday/);
      assert.deepEqual(
        s.rig.app.service.changes.list().map((c) => c.id),
        ['J-1', 'J-2'],
        'both still wait',
      );

      await press(glass!);
      await eventually(() => s.fake.replies(glass!.m.channel, glass!.m.ts).some((m) => /succeeded/.test(text(m.blocks))));
      await s.bot.idle();
      const notices = s.fake.messages().filter((m) => /Break-glass/.test(m.text ?? ''));
      assert.equal(notices.length, 1);
      assert.match(text(notices[0]!.blocks), new RegExp(`olivia \\(U0ONCALL1\\) invoked break-glass for ${glass!.id}`));
      assert.match(text(notices[0]!.blocks), /Approved by carol \(U0CAROL01\)/);
      assert.deepEqual(await breakGlassRecords(s.rig.app.audit), [['U0ONCALL1', 'J-1', 'freeze holiday', 'U0CAROL01']]);
      const approved = await s.rig.app.audit.query({ action: 'change.approved' });
      assert.deepEqual(
        approved.map((r) => [r.jobId, r.detail?.['breakGlass']]),
        [['J-1', 'freeze holiday']],
      );
      assert.equal((await s.rig.app.audit.verify()).ok, true);
      assert.deepEqual(s.fake.violations, []);
    },
  );
});

test('console: the same change announces its break-glass use once, from the approval, and the trail records it once', async () => {
  const clock = settableClock(BEFORE);
  await withPolicyConsole(
    breakGlassPolicy({ oncall: 'olivia', eng: ['carol'], freeze: FREEZE }),
    { devices: 2, clock },
    async ({ rig, run }) => {
      const proposed = await run('/net config site=east template=ntp server=192.0.2.10 --break-glass', 'olivia');
      const cr = /^(CR-\d+) waiting for approval/m.exec(proposed.out)![1]!;
      assert.doesNotMatch(proposed.out, /Break-glass/);
      clock.set(DURING);
      const { status, out } = await run(`/net approve ${cr}`, 'carol');
      assert.equal(status, 0);
      assert.equal(out.match(/Break-glass: CR-\d+ runs despite freeze holiday/g)?.length, 1, out);
      assert.match(out, new RegExp(`olivia \\(olivia\\) invoked break-glass for ${cr}`));
      assert.match(out, /Bypassed: changes are frozen \(holiday, until 2030-02-01T00:00:00Z\)\. Approved by carol/);
      assert.match(out, /succeeded/);
      assert.deepEqual(await breakGlassRecords(rig.app.audit), [['olivia', 'J-1', 'freeze holiday', 'carol']]);
    },
  );
});
