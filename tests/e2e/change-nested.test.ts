/**
 * The bot's ntp change on IOS-XR and Junos devices that keep their configuration nested, as
 * real ones do, end to end through the real SSH lab: proposed, approved, committed, verified on
 * the platform's flat view (XR `show running-config formal`, Junos `show configuration |
 * display set`) and saved. And a device that takes the line but does not keep it: the
 * verification fails and the change is rolled back, never saved.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor, JobSummary, PlatformId } from '../../src/core/types.js';
import type { ConfigStore } from '../../src/lab/config-store.js';
import { sharedCandidate } from '../../src/lab/candidate-databases.js';
import { hierarchicalView } from '../../src/lab/config-views.js';
import { labSpecs, startRig, type TestRig } from '../support/test-lab.js';

const alice: Actor = { id: 'alice', name: 'alice', via: 'console' };
const bob: Actor = { id: 'bob', name: 'bob', via: 'console' };
const PLATFORMS: PlatformId[] = ['cisco_xr', 'juniper_junos'];

/** Proposes `line` as alice, approves it as bob, and returns the finished change. */
async function approvedChange(rig: TestRig, line: string): Promise<JobSummary> {
  const started: Promise<JobSummary>[] = [];
  rig.app.service.onChangeApproved((h) => {
    started.push(h.start({ observer: () => undefined }));
  });
  const sub = await rig.app.service.submit(line, alice);
  if (sub.kind !== 'change') throw new Error('expected a change request');
  await rig.app.service.approve(sub.change.id, bob);
  assert.equal(started.length, 1);
  return started[0]!;
}

/** How each platform nests the committed server, and its flat line. */
const NESTED: Record<string, { nested: RegExp; flat: string }> = {
  cisco_xr: { nested: /^ntp\n server 192\.0\.2\.123\n server 192\.0\.2\.10\n server 192\.0\.2\.11\n!$/m, flat: 'ntp server 192.0.2.10' },
  juniper_junos: {
    nested: /^ {4}ntp \{\n {8}server 192\.0\.2\.123;\n {8}server 192\.0\.2\.10;\n {8}server 192\.0\.2\.11;\n {4}\}$/m,
    flat: 'set system ntp server 192.0.2.10',
  },
};

test('change on nested configurations: XR and Junos committed, verified on the flat view, saved', async () => {
  const specs = labSpecs(2, (i) => ({ platform: PLATFORMS[i], latencyMs: 10 }));
  const rig = await startRig(specs, { env: { NETOPS_APPROVERS: 'bob' } });
  try {
    const job = await approvedChange(rig, 'config device=* template=ntp server=192.0.2.10,192.0.2.11 --confirm');
    assert.equal(job.state, 'succeeded', JSON.stringify(job.results.filter((r) => r.status !== 'ok')));
    for (const s of specs) {
      const r = job.results.find((x) => x.device === s.name)!;
      assert.deepEqual(r.parsed, [{ change: 'committed', lines: '2', verify: 'ok', backup: 'v1' }], s.name);
      const state = rig.lab.device(s.name).state;
      const want = NESTED[s.platform]!;
      assert.match(hierarchicalView({ config: state.running, host: s.name }), want.nested, `${s.name}: nested as the device shows it`);
      assert.ok(state.running.flat().includes(want.flat), `${s.name}: ${want.flat}`);
      assert.ok(state.startup.flat().includes(want.flat), `${s.name}: and saved`);
    }
    // XR lists the change as one commit; Junos made the confirmed commit and the confirming one.
    assert.equal(rig.lab.device(specs[0]!.name).state.commits?.length, 1);
    assert.equal(rig.lab.device(specs[1]!.name).state.commits?.length, 2);
  } finally {
    await rig.close();
  }
});

/** A device that accepts ntp lines without keeping them: its candidates drop them silently. */
function dropsNtpLines(running: ConfigStore): void {
  const clone = running.clone.bind(running);
  running.clone = () => {
    const candidate = clone();
    const apply = candidate.apply.bind(candidate);
    candidate.apply = (line, section) => (/\bntp\b/.test(line) ? { ok: true } : apply(line, section));
    return candidate;
  };
}

for (const platform of PLATFORMS) {
  test(`change on ${platform}: a line the device did not keep fails verification and is rolled back, never saved`, async () => {
    const specs = labSpecs(1, () => ({ platform }));
    const rig = await startRig(specs, { env: { NETOPS_APPROVERS: 'bob' } });
    try {
      const state = rig.lab.device(specs[0]!.name).state;
      const before = state.running.flat();
      const commitsBefore = state.commits?.length ?? 0;
      dropsNtpLines(state.running);
      const job = await approvedChange(rig, 'config device=* template=ntp server=192.0.2.10 --confirm');
      assert.equal(job.state, 'failed');
      const r = job.results[0]!;
      assert.equal(r.status, 'failed');
      assert.match(
        r.error!.reason,
        /verification failed \(not in "show (running-config formal|configuration \| display set)": .*192\.0\.2\.10\); rolled back, never saved/,
      );
      assert.deepEqual(state.running.flat(), before, 'the configuration is as it was');
      assert.ok(!state.startup.flat().some((l) => l.includes('192.0.2.10')));
      // The change and its rollback are both commits on the device.
      assert.equal((state.commits?.length ?? 0) - commitsBefore, 2);
    } finally {
      await rig.close();
    }
  });
}

test("change on juniper_junos: someone's uncommitted shared changes refuse the bot's private candidate; theirs are left alone", async () => {
  const specs = labSpecs(1, () => ({ platform: 'juniper_junos' }));
  const rig = await startRig(specs, { env: { NETOPS_APPROVERS: 'bob' } });
  try {
    const state = rig.lab.device(specs[0]!.name).state;
    // An engineer typed a line in `configure` and left without committing it.
    const theirs = sharedCandidate(state);
    assert.equal(theirs.apply('set system location building b7', undefined).ok, true);
    const job = await approvedChange(rig, 'config device=* template=ntp server=192.0.2.10 --confirm');
    assert.equal(job.state, 'failed');
    assert.match(job.results[0]!.error!.reason, /error: shared configuration database modified/);
    assert.ok(!state.running.flat().some((l) => /192\.0\.2\.10|b7/.test(l)), 'neither change is committed');
    assert.ok(state.shared?.flat().includes('set system location building b7'), 'their candidate is untouched');
    assert.equal(state.commits?.length ?? 0, 0);
  } finally {
    await rig.close();
  }
});
