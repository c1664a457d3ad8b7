/**
 * issue 16 on scale-out: a role granted to a Slack user group decides the same on every front.
 * Two Slack fronts (real child processes on PostgreSQL, a worker, the lab) with a policy whose
 * only readers are a user group; each front resolves the group through the fake Slack's
 * usergroups.users.list. A member's read, delivered to either front, runs; an outsider's is
 * refused on either, naming the rule and the group, and audited.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { NO_DATABASE, testDatabase } from '../support/postgres.js';
import { scaleOutRig } from '../support/scale-out-rig.js';
import { until } from '../support/scale-out-scenario.js';
import { policyEnv, seeded, slackFront } from '../support/slack-fronts.js';
import { labSpecs } from '../support/test-lab.js';
import { FakeSlack } from '../slack/fake-slack.js';
import { slashCommandPayload } from '../slack/slack-signing.js';

const db = await testDatabase('slack_front_groups');
after(() => db?.drop());

const GROUP = 'S0NOCGRP1';
const AMY = { user_id: 'U0NOCAMY1', user_name: 'amy' };
const OLGA = { user_id: 'U0OUTSID1', user_name: 'olga' };
const POLICY = `version: 1
roles:
  noc: { groups: [${GROUP}] }
  approvers: { members: [U0CAROL01] }
grants:
  - role: noc
    commands: ['show-*']
approvals:
  - count: 1
    from: [approvers]
`;
const specs = labSpecs(2);
const device = specs[0]!.name;

test('scale-out Slack fronts: a user group grant lets its members run on every front and refuses others on every front', {
  skip: db ? false : NO_DATABASE,
}, async () => {
  const fake = await FakeSlack.start({
    random: seeded(16),
    userGroups: { [GROUP]: [AMY.user_id] },
    users: { [AMY.user_id]: AMY.user_name, [OLGA.user_id]: OLGA.user_name },
  });
  const rig = await scaleOutRig(db!, specs);
  try {
    const env = await policyEnv(rig, POLICY);
    await rig.worker('w1');
    const fronts = [(await slackFront(rig, fake, 'front-a', env)).connection, (await slackFront(rig, fake, 'front-b', env)).connection];

    const asked = fake.callsTo('usergroups.users.list');
    assert.deepEqual(
      asked.map((c) => [c.args['usergroup'], c.error]),
      [
        [GROUP, undefined],
        [GROUP, undefined],
      ],
      'each front fetched the group once before taking commands',
    );

    for (const to of fronts) {
      const known = new Set(fake.messages().map((m) => m.ts));
      const member = await fake.sendEnvelope('slash_commands', slashCommandPayload({ text: `show-version device=${device}`, ...AMY }), {
        to,
      });
      assert.equal(member.connection, to);
      assert.equal(
        (member.ackPayload as { response_type?: string } | undefined)?.response_type,
        undefined,
        JSON.stringify(member.ackPayload),
      );
      let job = '';
      await until(`amy's job message on connection ${to}`, () => {
        const m = fake.messages().find((x) => !known.has(x.ts) && /J-\d+/.test(JSON.stringify(x.blocks)));
        job = m ? JSON.stringify(m.blocks).match(/J-\d+/)![0] : '';
        return job !== '';
      });
      await until(`${job} ended`, async () => (await rig.audit()).some((r) => r.action === 'job.finished' && r.job_id === job));
      const trail = (await rig.audit()).filter((r) => r.job_id === job);
      assert.equal(trail.find((r) => r.action === 'job.finished')?.outcome, 'succeeded');
      assert.deepEqual(
        trail.filter((r) => r.action === 'device.result').map((r) => [r.targets, r.outcome]),
        [[[device], 'ok']],
      );

      const outsider = await fake.sendEnvelope('slash_commands', slashCommandPayload({ text: `show-version device=${device}`, ...OLGA }), {
        to,
      });
      const refusal = outsider.ackPayload as { response_type?: string; text?: string };
      assert.equal(refusal?.response_type, 'ephemeral', JSON.stringify(refusal));
      assert.match(String(refusal.text), /rule: grants/);
      assert.match(JSON.stringify(refusal), new RegExp(`group ${GROUP}`), 'the refusal says who could run it instead');
    }

    const denied = (await rig.audit()).filter((r) => r.action === 'policy.denied');
    assert.deepEqual(
      denied.map((r) => [r.actor?.id, r.detail?.['rule']]),
      [
        [OLGA.user_id, 'grants'],
        [OLGA.user_id, 'grants'],
      ],
      'one refusal per front, both audited; amy was never refused',
    );
    assert.deepEqual(fake.violations, []);
  } finally {
    await rig.close();
    await fake.close();
  }
});
