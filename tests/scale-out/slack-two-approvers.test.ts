/**
 * issue 16 on scale-out, end to end: a change the policy gives two approvers, on two Slack
 * fronts (real child processes, PostgreSQL, a worker, the lab). Carol's and Dan's Approve clicks
 * are delivered at the same moment, each to a different front (both ways round, several rounds):
 * both approvals count, the change runs exactly once (its line sent once to the device), and the
 * trail holds one counted approval and one approval that started it.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { APPROVE_ACTION } from '../../src/slack/change-blocks.js';
import { NO_DATABASE, testDatabase } from '../support/postgres.js';
import { scaleOutRig } from '../support/scale-out-rig.js';
import { jobOf, linesSent, ntpLine, until } from '../support/scale-out-scenario.js';
import { policyEnv, proposeInSlack, seeded, slackFront } from '../support/slack-fronts.js';
import { labSpecs } from '../support/test-lab.js';
import { FakeSlack } from '../slack/fake-slack.js';
import { buttonPressPayload } from '../slack/slack-signing.js';

const db = await testDatabase('slack_two_approvers');
after(() => db?.drop());

const ALICE = { userId: 'U0ALICE01', userName: 'alice' };
const CAROL = { userId: 'U0CAROL01', userName: 'carol' };
const DAN = { userId: 'U0DANDAN1', userName: 'dan' };
const POLICY = `version: 1
roles:
  engineers: { members: [${ALICE.userId}] }
  approvers: { members: [${CAROL.userId}, ${DAN.userId}] }
grants:
  - role: engineers
    commands: [config]
approvals:
  - name: two-person
    count: 2
    from: [approvers]
`;
const specs = labSpecs(2);
const target = specs[0]!;
const ROUNDS = 4;

test('scale-out Slack: two approvers clicking at once on two fronts both count, and the change runs once', {
  skip: db ? false : NO_DATABASE,
}, async () => {
  const fake = await FakeSlack.start({
    random: seeded(7),
    users: { [ALICE.userId]: 'alice', [CAROL.userId]: 'carol', [DAN.userId]: 'dan' },
  });
  const rig = await scaleOutRig(db!, specs);
  try {
    const env = await policyEnv(rig, POLICY);
    await rig.worker('w1');
    const a = (await slackFront(rig, fake, 'front-a', env)).connection;
    const b = (await slackFront(rig, fake, 'front-b', env)).connection;

    for (let round = 0; round < ROUNDS; round++) {
      const server = `192.0.2.${50 + round}`;
      const cr = await proposeInSlack(fake, `config device=${target.name} template=ntp server=${server}`, {
        user_id: ALICE.userId,
        user_name: ALICE.userName,
      });
      const [carolOn, danOn] = round % 2 ? [b, a] : [a, b];
      const click = (who: typeof CAROL) => buttonPressPayload({ actionId: APPROVE_ACTION, value: cr.id, messageTs: cr.ts, ...who });
      const acks = await Promise.all([
        fake.sendEnvelope('interactive', click(CAROL), { to: carolOn }),
        fake.sendEnvelope('interactive', click(DAN), { to: danOn }),
      ]);
      assert.deepEqual(
        acks.map((x) => x.connection),
        [carolOn, danOn],
        'each click reached its front',
      );
      const job = jobOf(cr.id);
      await until(`${cr.id} ended`, async () => (await rig.audit()).some((r) => r.action === 'job.finished' && r.job_id === job));
      const trail = (await rig.audit()).filter((r) => r.job_id === job);
      const approvals = trail.filter((r) => r.action.startsWith('change.approv'));
      assert.deepEqual(
        approvals.map((r) => r.action),
        ['change.approval-counted', 'change.approved'],
        `round ${round}: one counted, one started it`,
      );
      assert.deepEqual(
        approvals.map((r) => r.actor?.id).sort(),
        [CAROL.userId, DAN.userId].sort(),
        `round ${round}: each approver counted once`,
      );
      assert.deepEqual([...((approvals[1]!.detail?.['approvals'] as string[]) ?? [])].sort(), [CAROL.userId, DAN.userId].sort());
      assert.equal(trail.find((r) => r.action === 'job.finished')?.outcome, 'succeeded');
      assert.equal(
        linesSent(rig.lab.configModeLog(), target.name, ntpLine(target.platform, server)),
        1,
        `round ${round}: the line sent once`,
      );
    }
    assert.deepEqual(fake.violations, []);
    const verify = await rig.script('audit-verify.ts');
    assert.equal(verify.code, 0, verify.output());
  } finally {
    await rig.close();
    await fake.close();
  }
});
