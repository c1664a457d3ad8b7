/**
 * An interface change scaled out: the front never reaches a device, so its survey (the port
 * list and neighbours read before the plan) goes to a worker like any read; the worker then
 * plans the approved change from the persisted facts, and the lab's port is shut once.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { NO_DATABASE, testDatabase } from '../support/postgres.js';
import { identityOf, scaleOutRig, workerOf } from '../support/scale-out-rig.js';
import { jobOf, linesSent, propose } from '../support/scale-out-scenario.js';
import { expandLab, labDefinitionSchema } from '../../src/lab/lab-definition.js';

const db = await testDatabase('interface_survey');
after(() => db?.drop());

const def = labDefinitionSchema.parse(JSON.parse(readFileSync(new URL('../../data/lab.json', import.meta.url), 'utf8')));
const specs = expandLab({ ...def, latencyMs: 0 });

test('scale-out: the survey runs on a worker, the approved change is planned there from its facts', {
  skip: db ? false : NO_DATABASE,
}, async () => {
  const rig = await scaleOutRig(db!, specs);
  try {
    const worker = await rig.worker('w1');
    const wrong = rig.oneShot('wrong', 'interface-shutdown device=east-access-2 interface=gi0/9');
    assert.equal(await wrong.exited, 2, wrong.output());
    assert.match(wrong.output(), /east-access-2 has no interface "gi0\/9"; closest: GigabitEthernet0\/\d/);

    const cr = await propose(rig, 'interface-shutdown device=east-access-2 interface=gi0/3');
    const approve = rig.oneShot('approve', `approve ${cr}`, { user: 'bob' });
    assert.equal(await approve.exited, 0, approve.output());

    const audit = await rig.audit();
    const requested = audit.find((r) => r.action === 'change.requested' && r.job_id === jobOf(cr))!;
    assert.match(JSON.stringify(requested.detail), /Gi0\/3 \(connected, \\"host 2\\"\) no LLDP neighbour/);
    // Both surveys (the refused one too) were read by the worker, each under its own survey id.
    const surveys = audit.filter((r) => r.action === 'device.result' && r.job_id?.startsWith('survey-'));
    assert.equal(surveys.length, 2);
    for (const r of surveys) assert.equal(workerOf(r), identityOf(worker));
    const change = audit.filter((r) => r.action === 'device.result' && r.job_id === jobOf(cr));
    assert.deepEqual(
      change.map((r) => r.outcome),
      ['ok'],
    );
    assert.equal(linesSent(rig.lab.configModeLog(), 'east-access-2', 'shutdown'), 1);
    assert.ok(rig.lab.device('east-access-2').state.running.statements().includes('interface GigabitEthernet0/3 / shutdown'));
  } finally {
    await rig.close();
  }
});
