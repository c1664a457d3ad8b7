/**
 * The same judgement as the scale-out storm, on the embedded default (one process, in-memory
 * exclusion): overlapping changes approved at once, judged by the lab's config-mode record.
 * The baseline the scale-out runs are held to, and a guard that the record sees real runs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PLATFORM_IDS, type Actor, type JobSummary } from '../../src/core/types.js';
import { overlaps } from '../../src/lab/config-mode-log.js';
import { linesSent, ntpLine } from '../support/scale-out-scenario.js';
import { labSpecs, startRig } from '../support/test-lab.js';

const alice: Actor = { id: 'alice', name: 'alice', via: 'console' };
const bob: Actor = { id: 'bob', name: 'bob', via: 'console' };

test('embedded: overlapping changes at once keep one device and one group member at a time, each change once', async () => {
  const specs = labSpecs(12, (i) => ({ platform: PLATFORM_IDS[i % 5], latencyMs: 10 }));
  const rig = await startRig(specs, { env: { NETOPS_APPROVERS: 'bob' } });
  try {
    const jobs: Promise<JobSummary>[] = [];
    rig.app.service.onChangeApproved((h) => jobs.push(h.start({ observer: () => undefined })));
    const requests = [
      { selector: 'site=east', server: '192.0.2.61' },
      { selector: 'role=core', server: '192.0.2.62' },
      { selector: 'device=*', server: '192.0.2.63' },
    ];
    const ids: string[] = [];
    for (const r of requests) {
      const sub = await rig.app.service.submit(
        `config ${r.selector} template=ntp server=${r.server}${r.selector === 'device=*' ? ' --confirm' : ''}`,
        alice,
      );
      if (sub.kind !== 'change') throw new Error(`expected a change request for ${r.selector}`);
      ids.push(sub.change.id);
    }
    await Promise.all(ids.map((id) => rig.app.service.approve(id, bob)));
    const done = await Promise.all(jobs);
    assert.deepEqual(
      done.map((j) => j.state),
      ['succeeded', 'succeeded', 'succeeded'],
    );

    const seen = rig.lab.configModeLog();
    assert.ok(seen.stays.length >= specs.length, 'the lab saw the changes');
    assert.deepEqual(overlaps(seen), []);
    const targets = [specs.filter((s) => s.site === 'east'), specs.filter((s) => s.role === 'core'), specs];
    for (const [i, r] of requests.entries()) {
      for (const d of targets[i]!) assert.equal(linesSent(seen, d.name, ntpLine(d.platform, r.server)), 1, `${r.selector} on ${d.name}`);
    }
  } finally {
    await rig.close();
  }
});
