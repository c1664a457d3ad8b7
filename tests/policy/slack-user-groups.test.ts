import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labSpecs } from '../support/test-lab.js';
import { startSlackRig } from '../slack/slack-rig.js';
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
  const dir = await mkdtemp(join(tmpdir(), 'netops-groups-slack-'));
  const policyFile = join(dir, 'policy.yaml');
  await writeFile(policyFile, POLICY);
  const s = await startSlackRig(labSpecs(2), {
    env: { NETOPS_POLICY: policyFile },
    fake: { userGroups: { S0NOC0001: ['U0NOCAMY1', 'U0NOCBEN1'] } },
  });
  try {
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
  } finally {
    await s.close();
    await rm(dir, { recursive: true, force: true });
  }
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
