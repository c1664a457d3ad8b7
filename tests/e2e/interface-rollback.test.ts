/**
 * An interface change whose verification fails is rolled back, on every platform: the lab's
 * `stale-ports` devices commit the shutdown but keep showing the port up (a line card that
 * ignores its configuration), so the read-back fails and the device must end as it began.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PLATFORM_IDS, type Actor, type JobSummary } from '../../src/core/types.js';
import { expandLab, labDefinitionSchema } from '../../src/lab/lab-definition.js';
import { consoleActor, startRig } from '../support/test-lab.js';

const bob: Actor = { id: 'bob', name: 'bob', via: 'console' };

/** One access switch per platform (each with host ports), all stale. */
const specs = expandLab(
  labDefinitionSchema.parse({
    credentials: { username: 'x', password: 'y', enableSecret: 'z' },
    sites: ['east'],
    roles: [{ role: 'access', count: 5, platforms: [...PLATFORM_IDS] }],
    devices: Object.fromEntries([1, 2, 3, 4, 5].map((n) => [`east-access-${n}`, { fault: 'stale-ports' }])),
  }),
);
/** Each platform's second port, as an engineer would type it. */
const TYPED: Record<string, string> = {
  cisco_ios: 'Gi0/2',
  cisco_nxos: 'Eth1/2',
  cisco_xr: 'Gi0/0/0/1',
  arista_eos: 'Et2',
  juniper_junos: 'ge-0/0/1',
};

/** The change each platform is asked for, and how its read-back fails on a stale device. */
const CHANGES: [string, RegExp][] = [
  ['interface-shutdown', /verification failed \(\S+ is connected, not disabled\); rolled back, never saved/],
  ['interface-description', /verification failed \(\S+ is described (?:"[^"]*"|as nothing), not "rolled back"\); rolled back, never saved/],
];

test('verification reads the port back, fails on a device that ignored the change, and the change is rolled back on all five platforms', async () => {
  const rig = await startRig(specs, { env: { NETOPS_APPROVERS: 'bob' } });
  const runs: Promise<JobSummary>[] = [];
  rig.app.service.onChangeApproved((h) => runs.push(h.start()));
  try {
    for (const [command, failure] of CHANGES)
      for (const s of specs) {
        const device = rig.lab.device(s.name);
        const running = device.state.running.statements();
        const startup = device.state.startup.statements();
        const text = command === 'interface-description' ? ' text="rolled back"' : '';
        const sub = await rig.app.service.submit(`${command} device=${s.name} interface=${TYPED[s.platform]}${text}`, consoleActor);
        assert.equal(sub.kind, 'change');
        if (sub.kind !== 'change') continue;
        await rig.app.service.approve(sub.change.id, bob);
        const job = await runs.at(-1)!;
        const [r] = job.results;
        assert.equal(job.state, 'failed', `${s.platform}: ${JSON.stringify(r)}`);
        assert.match(r!.error!.reason, failure, `${command} on ${s.platform}`);
        const trail = (await rig.app.audit.query({ jobId: sub.change.id })).map((x) => x.action);
        assert.deepEqual(
          trail.filter((a) => a !== 'device.result'),
          ['change.requested', 'change.approved', 'job.requested', 'job.finished'],
        );
        assert.deepEqual(device.state.running.statements(), running, `${s.platform}: the running configuration is as it began`);
        assert.deepEqual(device.state.startup.statements(), startup, `${s.platform}: nothing was saved`);
        // Something was installed and then put back (a checkpoint restore, or a rollback commit).
        assert.ok(
          device.state.history.length >= 1,
          `${s.platform}: restored (${device.state.history.length} configurations in its history)`,
        );
      }
    assert.equal(runs.length, 10);
  } finally {
    await rig.close();
  }
});
