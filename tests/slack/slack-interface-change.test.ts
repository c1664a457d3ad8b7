/**
 * An interface change through Slack: the request shows the port's state and neighbour read
 * from the device, an approver's click runs it in the thread, and the lab's port is shut.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { expandLab, labDefinitionSchema } from '../../src/lab/lab-definition.js';
import { startSlackRig } from './slack-rig.js';
import { eventually } from './fake-slack-testkit.js';
import { buttonPressPayload, SLASH_COMMAND_DEFAULTS as D } from './slack-signing.js';
import { APPROVE_ACTION } from '../../src/slack/change-blocks.js';

const text = (blocks: unknown) => JSON.stringify(blocks);
const def = labDefinitionSchema.parse(JSON.parse(readFileSync(new URL('../../data/lab.json', import.meta.url), 'utf8')));

test('Slack: interface-shutdown shows the state and neighbour, runs once approved, and the port is shut', async () => {
  const s = await startSlackRig(expandLab({ ...def, latencyMs: 0 }), { env: { NETOPS_APPROVERS: 'U0CAROL01' } });
  try {
    const ack = await s.command('interface-shutdown device=east-core-1 interface=gi0/2');
    assert.equal(ack.status, 200);
    await eventually(() => s.fake.messages().length === 1);
    const cr = s.fake.messages()[0]!;
    const blocks = text(cr.blocks);
    assert.match(blocks, /interface GigabitEthernet0\/2/);
    assert.match(blocks, /Gi0\/2 \(connected, [^)]*\) connects to east-edge-1 ge-0\/0\/0/, blocks);
    const crId = blocks.match(/CR-\d+/)![0];

    // A name the device lacks: told only to the one who typed it, with the closest names.
    const wrong = await s.command('interface-shutdown device=east-core-1 interface=gi0/22');
    assert.match(JSON.stringify(wrong.body), /east-core-1 has no interface \\"gi0\/22\\"; closest: GigabitEthernet0\/2/);
    assert.equal(s.fake.messages().length, 1);

    await s.interact(
      buttonPressPayload({ actionId: APPROVE_ACTION, value: crId, userId: 'U0CAROL01', userName: 'carol', messageTs: cr.ts }),
    );
    await eventually(() => s.fake.replies(D.channel_id, cr.ts).some((m) => /succeeded/.test(text(m.blocks))));
    await s.bot.idle();
    const statements = s.rig.lab.device('east-core-1').state.running.statements();
    assert.ok(statements.includes('interface GigabitEthernet0/2 / shutdown'), statements.join('\n'));
    assert.deepEqual(s.fake.violations, []);
  } finally {
    await s.close();
  }
});
