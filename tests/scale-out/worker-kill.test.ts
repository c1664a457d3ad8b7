/**
 * kill -9 of a worker in the middle of device work, real processes against the real lab and
 * PostgreSQL. A change is never run again (retryLimit 0): the device is reported state unknown,
 * and the lab shows no second entry into config mode even with another worker waiting. A read
 * is retried once, on the other worker, and succeeds.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { NO_DATABASE, testDatabase } from '../support/postgres.js';
import { identityOf, scaleOutRig, workerOf } from '../support/scale-out-rig.js';
import { actionsAfter, jobOf, propose, until } from '../support/scale-out-scenario.js';
import { labSpecs } from '../support/test-lab.js';

const db = await testDatabase('worker_kill');
after(() => db?.drop());

// Slow devices: a change or a read takes seconds, so the kill lands in the middle of it.
const specs = labSpecs(2, () => ({ latencyMs: 600 }));
const [changed, read] = [specs[0]!.name, specs[1]!.name];
const env = { NETOPS_LEASE_TTL_MS: '2000', NETOPS_DEVICE_TIMEOUT_MS: '10000' };

test('a worker killed mid-change: the device is reported state unknown and the change never runs again', {
  skip: db ? false : NO_DATABASE,
}, async () => {
  const rig = await scaleOutRig(db!, specs, { env });
  try {
    const w1 = await rig.worker('w1');
    const cr = await propose(rig, `config device=${changed} template=ntp server=192.0.2.21,192.0.2.22,192.0.2.23`);
    const approve = rig.oneShot('approve', `approve ${cr}`, { user: 'bob' });
    await until('the device in config mode', () => rig.lab.configModeLog().stays.some((s) => s.device === changed));
    w1.kill9();
    const killedAt = performance.now();
    await w1.exited;
    const w2 = await rig.worker('w2');
    const code = await approve.exited;

    const seen = rig.lab.configModeLog();
    const stays = seen.stays.filter((s) => s.device === changed);
    assert.equal(stays.length, 1, 'config mode entered once, by the killed worker only');
    assert.equal(stays[0]!.leftBy, 'disconnect');
    assert.deepEqual(actionsAfter(seen, killedAt, changed), [], 'nothing touched the device after the kill');
    assert.notEqual(code, 0, approve.output());
    assert.match(approve.output(), /unknown/i, 'the summary says the state is unknown');

    const results = (await rig.audit()).filter((r) => r.action === 'device.result' && r.job_id === jobOf(cr));
    assert.equal(results.length, 1, `one result for the device: ${JSON.stringify(results)}`);
    assert.match(JSON.stringify(results[0]), /unknown/i);
    assert.notEqual(workerOf(results[0]!), identityOf(w2), 'the other worker did not run it');
  } finally {
    await rig.close();
  }
});

test('a worker killed mid-read: the read is retried once on another worker', { skip: db ? false : NO_DATABASE }, async () => {
  const rig = await scaleOutRig(db!, specs, { env });
  try {
    // The file's tests share one schema: this test's records are those after the mark.
    const mark = (await rig.audit()).at(-1)?.seq ?? -1;
    const w1 = await rig.worker('w1');
    const job = rig.oneShot('read', `show-version device=${read}`);
    await until('the worker logged in', () => rig.lab.configModeLog().connections.some((c) => c.device === read));
    w1.kill9();
    await w1.exited;
    const w2 = await rig.worker('w2');
    const code = await job.exited;
    assert.equal(code, 0, job.output());

    const logins = rig.lab.configModeLog().connections.filter((c) => c.device === read);
    assert.equal(logins.length, 2, 'one login by the killed worker, one by the retry');
    const results = (await rig.audit()).filter((r) => r.seq > mark && r.action === 'device.result' && r.targets.includes(read));
    assert.equal(results.length, 1, `one result: ${JSON.stringify(results)}`);
    assert.equal(results[0]!.outcome, 'ok');
    assert.equal(workerOf(results[0]!), identityOf(w2), 'the retry ran on the other worker');
  } finally {
    await rig.close();
  }
});

test('a read whose retry dies too is not tried a third time: the device is reported failed', {
  skip: db ? false : NO_DATABASE,
}, async () => {
  const rig = await scaleOutRig(db!, specs, { env });
  try {
    const mark = (await rig.audit()).at(-1)?.seq ?? -1;
    const logins = () => rig.lab.configModeLog().connections.filter((c) => c.device === read).length;
    const w1 = await rig.worker('w1');
    const job = rig.oneShot('read', `show-version device=${read}`);
    await until('the first worker logged in', () => logins() === 1);
    w1.kill9();
    await w1.exited;
    const w2 = await rig.worker('w2');
    await until('the retry logged in', () => logins() === 2);
    w2.kill9();
    await w2.exited;
    await rig.worker('w3');
    const code = await job.exited;
    assert.notEqual(code, 0, job.output());
    assert.equal(logins(), 2, 'no third attempt');
    const results = (await rig.audit()).filter((r) => r.seq > mark && r.action === 'device.result' && r.targets.includes(read));
    assert.equal(results.length, 1, `one result: ${JSON.stringify(results)}`);
    assert.notEqual(results[0]!.outcome, 'ok');
  } finally {
    await rig.close();
  }
});
