/**
 * Scale-out metrics as an operator scrapes them: a console front and two workers as real
 * processes, each with its own /metrics. After one read job, the workers' device results add up
 * to the job's results per platform and outcome (each device counted once, by the worker that
 * ran it; the front, which only waited for them, counts the job and no device), and each worker
 * shows queue waits, lease waits and audit append latency for the devices it ran.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { PLATFORM_IDS } from '../../src/core/types.js';
import { NO_DATABASE, testDatabase } from '../support/postgres.js';
import { scaleOutRig } from '../support/scale-out-rig.js';
import { until } from '../support/scale-out-scenario.js';
import { labSpecs } from '../support/test-lab.js';
import { PROBE, probePort, scrape } from './probe-scrape.js';

const db = await testDatabase('worker_metrics');
after(() => db?.drop());

// Ten devices over the five platforms; two refuse the login, so both outcomes are counted.
const specs = labSpecs(10, (i) => ({ platform: PLATFORM_IDS[i % 5], fault: i === 2 || i === 7 ? 'refuse-auth' : 'none' }));

test("a worker's /metrics shows the device results it ran; the front counts the job, not its devices", {
  skip: db ? false : NO_DATABASE,
}, async () => {
  const rig = await scaleOutRig(db!, specs, { env: PROBE });
  try {
    const [a, b] = await Promise.all([rig.worker('w1'), rig.worker('w2')]);
    const front = await rig.front('front');
    const [w1, w2, f] = await Promise.all([probePort(a), probePort(b), probePort(front)]);

    front.send('show-version device=* --confirm');
    const end = await front.waitFor(/J-\d+ .*: [a-z-]+, \d+\/\d+ ok|error:/);
    assert.match(end.text, /: partially-failed, 8\/10 ok/, front.output());
    const results = (await rig.audit()).filter((r) => r.action === 'device.result');
    assert.equal(results.length, 10, 'one result per device in the trail');

    // The workers count a result right after committing it: wait for both counts to add up.
    const workerTotal = async () =>
      (await scrape(w1)).sum('netops_device_results_total') + (await scrape(w2)).sum('netops_device_results_total');
    await until('the workers counted every device', async () => (await workerTotal()) >= 10);
    const [m1, m2] = await Promise.all([scrape(w1), scrape(w2)]);
    assert.equal(await workerTotal(), 10, 'no device counted twice');
    const platformOf = new Map(specs.map((s) => [s.name, s.platform]));
    const expected = new Map<string, number>();
    for (const r of results) {
      const key = `${platformOf.get(r.targets[0]!)}/${r.outcome}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    assert.equal(expected.get('cisco_xr/failed'), 2, 'the two refused logins, both cisco_xr');
    for (const [key, n] of expected) {
      const [platform, outcome] = key.split('/') as [string, string];
      const counted = [m1, m2].reduce((sum, m) => sum + m.sum('netops_device_results_total', { platform, outcome, role: 'worker' }), 0);
      assert.equal(counted, n, key);
    }
    for (const m of [m1, m2]) {
      const ran = m.sum('netops_device_results_total');
      // Every device a worker ran: timed, waited in the queue, held by lease, its result committed.
      assert.equal(m.sum('netops_device_seconds_count'), ran);
      assert.equal(m.value('netops_queue_wait_seconds_count'), ran);
      assert.equal(m.sum('netops_lease_wait_seconds_count', { kind: 'device' }), ran);
      assert.equal(m.value('netops_audit_append_seconds_count'), ran);
      assert.equal(m.sum('netops_lease_lost_total'), 0);
      assert.equal(m.value('netops_ssh_handshakes_in_flight'), 0);
      assert.equal(m.sum('netops_jobs_total'), 0, 'a worker runs devices, not jobs');
    }

    // The front: the job once it has recorded its end; none of its devices.
    await until('the front counted the job', async () => (await scrape(f)).sum('netops_jobs_total') === 1);
    const mf = await scrape(f);
    assert.equal(mf.value('netops_jobs_total', { command: 'show-version', outcome: 'partially-failed', role: 'front' }), 1);
    assert.equal(mf.value('netops_jobs_running', { command: 'show-version' }), 0);
    assert.equal(mf.sum('netops_device_results_total'), 0, 'the workers counted them');
    // Its own audit records (the request and the end) went through the timed PostgreSQL trail.
    assert.ok((mf.value('netops_audit_append_seconds_count') ?? 0) >= 1, 'the front times its appends');
  } finally {
    await rig.close();
  }
});
