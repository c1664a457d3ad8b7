import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labSpecs } from '../support/test-lab.js';
import { startSlackRig } from '../slack/slack-rig.js';
import { eventually } from '../slack/fake-slack-testkit.js';
import { buttonPressPayload, SLASH_COMMAND_DEFAULTS as D } from '../slack/slack-signing.js';
import { APPROVE_ACTION } from '../../src/slack/change-blocks.js';
import { pciPolicy } from './test-policies.js';

const POLICY = pciPolicy({ requester: D.user_id, pci: ['U0CAROL01', 'U0ERIN001'] });

const text = (blocks: unknown) => JSON.stringify(blocks);

test('Slack: a change the policy gives two approvers runs only after both; the same person twice is refused', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'netops-policy-slack-'));
  const policyFile = join(dir, 'policy.yaml');
  await writeFile(policyFile, POLICY);
  const s = await startSlackRig(labSpecs(4), { env: { NETOPS_POLICY: policyFile } });
  try {
    const denied = await s.command('show-version device=*');
    assert.match(denied.body.text, /every device \(4\)/);
    assert.match(denied.body.text, /--confirm/);

    await s.command('config site=east template=ntp server=192.0.2.10');
    await eventually(() => s.fake.messages().length === 1);
    const cr = s.fake.messages()[0]!;
    const crId = text(cr.blocks).match(/CR-\d+/)![0];
    const press = (userId: string, userName: string) =>
      s.interact(buttonPressPayload({ actionId: APPROVE_ACTION, value: crId, userId, userName, messageTs: cr.ts }));

    const first = await s.command(`approve ${crId}`, { user_id: 'U0CAROL01', user_name: 'carol' });
    assert.match(first.body.text, /approval counted/);
    assert.match(JSON.stringify(first.body), /1 of 2 approvals \(U0CAROL01\); waiting for one more from pci \(U0CAROL01, U0ERIN001\)/);
    await press('U0CAROL01', 'carol');
    await eventually(() => s.fake.ephemerals().length === 1);
    assert.match(s.fake.ephemerals()[0]!.text, /already approved/);
    assert.equal(s.fake.replies(D.channel_id, cr.ts).length, 0, 'nothing ran after one approval');

    await press('U0ERIN001', 'erin');
    await eventually(() => s.fake.replies(D.channel_id, cr.ts).some((m) => /succeeded/.test(text(m.blocks))));
    await s.bot.idle();
    const approved = await s.rig.app.audit.query({ action: 'change.approved' });
    assert.deepEqual(approved[0]?.detail?.['approvals'], ['U0CAROL01', 'U0ERIN001']);
    assert.equal((await s.rig.app.audit.query({ action: 'policy.denied' })).length, 1);
  } finally {
    await s.close();
    await rm(dir, { recursive: true, force: true });
  }
});
