import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withPolicySlackRig } from './policy-slack-rig.js';
import { eventually } from '../slack/fake-slack-testkit.js';
import { FakeSlack, FAKE_BOT_TOKEN } from '../slack/fake-slack.js';

// The NOC role names only a Slack user group: membership comes from usergroups.users.list.
const POLICY = `version: 1
roles:
  noc: { groups: [S0NOC0001] }
grants:
  - role: noc
    commands: ['show-*']
`;

test('Slack: a role that names a user group lets its members (per usergroups.users.list) run, and denies others', async () => {
  await withPolicySlackRig(POLICY, { devices: 2, fake: { userGroups: { S0NOC0001: ['U0NOCAMY1', 'U0NOCBEN1'] } } }, async (s) => {
    const asked = s.fake.callsTo('usergroups.users.list');
    assert.equal(asked.length, 1, 'one fetch per group the policy names, before the first command');
    assert.equal(asked[0]!.args['usergroup'], 'S0NOC0001');
    assert.equal(asked[0]!.error, undefined);

    const member = await s.command('show-version device=east-core-001', { user_id: 'U0NOCAMY1', user_name: 'amy' });
    assert.equal(member.status, 200, JSON.stringify(member.body));
    assert.equal(member.body?.response_type, undefined, JSON.stringify(member.body));
    await eventually(() => s.fake.messages().length === 1);
    await s.bot.idle();
    assert.match(JSON.stringify(s.fake.messages()[0]!.blocks), /east-core-001/);

    const outsider = await s.command('show-version device=east-core-001', { user_id: 'U0OUTSID1', user_name: 'olga' });
    assert.equal(outsider.body.response_type, 'ephemeral');
    assert.match(outsider.body.text, /rule: grants/);
    assert.match(JSON.stringify(outsider.body), /group S0NOC0001/, 'the denial says who could do it instead');
    assert.equal(s.fake.messages().length, 1, 'nothing was posted for the outsider');
    const denied = await s.rig.app.audit.query({ action: 'policy.denied' });
    assert.equal(denied.length, 1);
    assert.equal(denied[0]!.actor.id, 'U0OUTSID1');
    assert.equal(denied[0]!.detail?.['rule'], 'grants');
  });
});

test('fake Slack: usergroups.users.list requires usergroup and knows only its groups', async () => {
  const fake = await FakeSlack.start({ userGroups: { S0NOC0001: ['U0NOCAMY1'] } });
  try {
    const call = async (body: Record<string, string>) => {
      const res = await fetch(`${fake.apiUrl}usergroups.users.list`, {
        method: 'POST',
        headers: { authorization: `Bearer ${FAKE_BOT_TOKEN}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(body).toString(),
      });
      return (await res.json()) as Record<string, unknown>;
    };
    assert.deepEqual(await call({ usergroup: 'S0NOC0001' }), { ok: true, users: ['U0NOCAMY1'] });
    assert.equal((await call({})).error, 'invalid_arguments');
    assert.equal((await call({ usergroup: 'S0OTHER01' })).error, 'no_such_subteam');
  } finally {
    await fake.close();
  }
});
