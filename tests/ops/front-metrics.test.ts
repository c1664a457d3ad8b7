/**
 * What a scale-out front counts besides its own jobs, as an operator scrapes it: the device
 * results it writes itself (the worker died twice on a read: no process ran the device to the
 * end, the front reports it failed) and a job it finished for a front that was killed. Summed
 * over the processes, each device and each job is counted exactly once.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { NO_DATABASE, testDatabase } from '../support/postgres.js';
import { scaleOutRig } from '../support/scale-out-rig.js';
import { until } from '../support/scale-out-scenario.js';
import { labSpecs } from '../support/test-lab.js';
import { PROBE, probePort, scrape } from './probe-scrape.js';

const db = await testDatabase('front_metrics');
after(() => db?.drop());

// Slow devices: the kills land in the middle of their work.
const specs = labSpecs(2, (i) => ({ platform: i === 0 ? 'juniper_junos' : 'arista_eos', latencyMs: 800 }));
const env = { ...PROBE, NETOPS_LEASE_TTL_MS: '1500', NETOPS_DEVICE_TIMEOUT_MS: '10000' };

test("a device whose workers died is counted once, on the front that wrote its result, with the device's platform", {
  skip: db ? false : NO_DATABASE,
}, async () => {
  const rig = await scaleOutRig(db!, specs, { env });
  const device = specs[0]!.name;
  try {
    const front = await rig.front('front');
    const f = await probePort(front);
    const logins = () => rig.lab.configModeLog().connections.filter((c) => c.device === device).length;
    const w1 = await rig.worker('w1');
    front.send(`show-version device=${device}`);
    await until('the first worker logged in', () => logins() === 1);
    w1.kill9();
    await w1.exited;
    const w2 = await rig.worker('w2');
    await until('the retry logged in', () => logins() === 2);
    w2.kill9();
    await w2.exited;
    const end = await front.waitFor(/J-\d+ .*: [a-z-]+, \d+\/\d+ ok|error:/);
    assert.match(end.text, /: failed, 0\/1 ok/, front.output());
    const results = (await rig.audit()).filter((r) => r.action === 'device.result');
    assert.equal(results.length, 1, 'one result, written by the front');
    assert.equal(results[0]!.outcome, 'failed');

    await until('the front counted the job', async () => (await scrape(f)).sum('netops_jobs_total') === 1);
    const m = await scrape(f);
    assert.equal(m.sum('netops_device_results_total'), 1, 'the one device, counted once');
    assert.equal(m.value('netops_device_results_total', { platform: 'juniper_junos', outcome: 'failed', role: 'front' }), 1);
    // Nobody ran it to the end: no device time is made up for it.
    assert.equal(m.sum('netops_device_seconds_count'), 0);
    assert.equal(m.value('netops_jobs_total', { command: 'show-version', outcome: 'failed' }), 1);
  } finally {
    await rig.close();
  }
});

test('a job finished for a killed front is counted once, by the front that finished it', { skip: db ? false : NO_DATABASE }, async () => {
  const rig = await scaleOutRig(db!, specs, { env });
  try {
    const mark = (await rig.audit()).at(-1)?.seq ?? -1;
    const worker = await rig.worker('w1');
    const survivor = await rig.front('front-b');
    const [w, s] = await Promise.all([probePort(worker), probePort(survivor)]);
    const doomed = rig.oneShot('front-a', 'show-version device=* --confirm');
    await until('the worker on the devices', () => rig.lab.configModeLog().connections.length > 0);
    doomed.kill9();
    await doomed.exited;
    const requested = (await rig.audit()).find((r) => r.seq > mark && r.action === 'job.requested');
    assert.ok(requested?.job_id, 'the killed front had recorded its job');
    await survivor.waitFor(new RegExp(`${requested.job_id} stopped; finishing it here`));
    await until('the job ended in the trail', async () =>
      (await rig.audit()).some((r) => r.action === 'job.finished' && r.job_id === requested.job_id),
    );
    const ended = (await rig.audit()).find((r) => r.action === 'job.finished' && r.job_id === requested.job_id)!;
    assert.equal(ended.outcome, 'succeeded');

    await until('the survivor counted the job', async () => (await scrape(s)).sum('netops_jobs_total') === 1);
    const ms = await scrape(s);
    assert.equal(ms.value('netops_jobs_total', { command: 'show-version', outcome: 'succeeded', role: 'front' }), 1);
    // It never ran here: the survivor's running gauge is not lowered below zero for it.
    assert.ok((ms.value('netops_jobs_running', { command: 'show-version' }) ?? 0) === 0, 'no job running here');
    assert.equal(ms.sum('netops_device_results_total'), 0, 'the worker ran and counted every device');
    await until('the worker counted every device', async () => (await scrape(w)).sum('netops_device_results_total') === specs.length);
  } finally {
    await rig.close();
  }
});
