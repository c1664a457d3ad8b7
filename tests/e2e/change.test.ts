import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PLATFORM_IDS, type Actor, type DeviceResult, type JobSummary } from '../../src/core/types.js';
import { UserError } from '../../src/core/errors.js';
import { createApp } from '../../src/app.js';
import { parseInventory } from '../../src/inventory/inventory.js';
import { labSpecs, startRig, type TestRig } from '../support/test-lab.js';
import type { JobHandle } from '../../src/core/service.js';

const alice: Actor = { id: 'alice', name: 'alice', via: 'console' };
const bob: Actor = { id: 'bob', name: 'bob', via: 'console' };
const mallory: Actor = { id: 'mallory', name: 'mallory', via: 'console' };

/** Starts approved changes as the console does, and records when each device ran. */
function follow(rig: TestRig) {
  const runs: { job: Promise<JobSummary>; spans: { device: string; start: number; end: number }[] }[] = [];
  rig.app.service.onChangeApproved((h: JobHandle) => {
    const spans: { device: string; start: number; end: number }[] = [];
    const job = h.start({
      observer: (e) => {
        if (e.type === 'device-done' && e.result.status !== 'skipped')
          spans.push({ device: e.result.device, start: Date.now() - e.result.durationMs, end: Date.now() });
      },
    });
    runs.push({ job, spans });
  });
  return runs;
}

const byDevice = (job: JobSummary) => new Map<string, DeviceResult>(job.results.map((r) => [r.device, r]));

test('change: proposed, four eyes, canary first, one group member at a time, committed and verified on all five platforms', async () => {
  const specs = labSpecs(10, (i) => ({ platform: PLATFORM_IDS[i % 5], latencyMs: 30 }));
  const rig = await startRig(specs, { env: { NETOPS_APPROVERS: 'bob' } });
  try {
    const runs = follow(rig);
    const sub = await rig.app.service.submit('config device=* --confirm template=ntp server=192.0.2.10,192.0.2.11', alice);
    assert.equal(sub.kind, 'change');
    if (sub.kind !== 'change') return;
    const id = sub.change.id;
    assert.deepEqual(sub.change.plan.find((p) => p.device === specs[4]!.name)?.lines, [
      'set system ntp server 192.0.2.10',
      'set system ntp server 192.0.2.11',
    ]);
    assert.deepEqual(sub.change.plan.find((p) => p.device === specs[0]!.name)?.lines, ['ntp server 192.0.2.10', 'ntp server 192.0.2.11']);
    // Nothing ran yet; the request is on disk.
    const state = JSON.parse(await readFile(rig.config.stateFile, 'utf8')) as { changes: { id: string }[] };
    assert.deepEqual(
      state.changes.map((c) => c.id),
      [id],
    );
    assert.equal(runs.length, 0);

    await assert.rejects(
      rig.app.service.approve(id, alice),
      (e: unknown) => e instanceof UserError && /another engineer must approve/.test(e.message),
    );
    await assert.rejects(
      rig.app.service.approve(id, mallory),
      (e: unknown) => e instanceof UserError && /only an approver/.test(e.message),
    );
    await rig.app.service.approve(id.replace('J-', 'CR-'), bob);
    await assert.rejects(rig.app.service.approve(id, bob), (e: unknown) => e instanceof UserError && e.code === 'not_found');
    assert.equal(runs.length, 1);
    const job = await runs[0]!.job;
    assert.equal(job.state, 'succeeded', JSON.stringify(job.results.filter((r) => r.status !== 'ok')));
    for (const r of job.results) assert.deepEqual(r.parsed, [{ change: 'committed', lines: '2', verify: 'ok', backup: 'v1' }], r.device);

    // The canary finished before any other device started.
    const spans = runs[0]!.spans;
    const canary = spans.find((s) => s.device === specs[0]!.name)!;
    assert.ok(
      spans.filter((s) => s !== canary).every((s) => s.start >= canary.end - 5),
      'canary first',
    );
    // Never two members of one redundancy group at once.
    for (const group of new Set(specs.map((s) => s.group).filter(Boolean))) {
      const members = spans.filter((s) => specs.find((x) => x.name === s.device)!.group === group).sort((a, b) => a.start - b.start);
      for (let i = 1; i < members.length; i++)
        assert.ok(members[i]!.start >= members[i - 1]!.end - 5, `${group}: ${members[i - 1]!.device} and ${members[i]!.device} overlapped`);
    }
    // The devices really hold the lines now, and saved them once verified.
    for (const s of specs) {
      const statements = rig.lab.device(s.name).state.running.statements().join('\n');
      assert.match(statements, /ntp server 192\.0\.2\.10/, s.name);
      // Platforms with a separate startup configuration got the save (on XR and Junos the commit is the save).
      if (['cisco_ios', 'cisco_nxos', 'arista_eos'].includes(s.platform)) {
        assert.match(rig.lab.device(s.name).state.startup.statements().join('\n'), /ntp server 192\.0\.2\.11/, `${s.name} startup`);
      }
    }
    const trail = await rig.app.audit.query({ jobId: id });
    assert.deepEqual(
      trail.map((r) => r.action).filter((a) => !a.startsWith('device')),
      ['change.requested', 'change.approved', 'job.requested', 'job.finished'],
    );
    assert.equal(trail.find((r) => r.action === 'change.approved')!.actor.name, 'bob');
    assert.equal(trail.filter((r) => r.action === 'device.result').length, 10);
  } finally {
    await rig.close();
  }
});

test('change: a failed canary touches nothing else; a later failure halts the rest', async () => {
  const specs = labSpecs(6, (i) => ({ fault: i === 0 ? 'refuse-auth' : 'none' }));
  const rig = await startRig(specs, { env: { NETOPS_APPROVERS: 'bob' } });
  try {
    const runs = follow(rig);
    const sub = await rig.app.service.submit('config device=* --confirm template=syslog server=198.51.100.5', alice);
    if (sub.kind !== 'change') throw new Error('expected a change');
    await rig.app.service.approve(sub.change.id, bob);
    const job = await runs[0]!.job;
    const r = byDevice(job);
    assert.equal(r.get(specs[0]!.name)!.status, 'failed');
    for (const s of specs.slice(1)) {
      assert.equal(r.get(s.name)!.status, 'skipped');
      assert.match(r.get(s.name)!.error!.reason, /canary .* failed; nothing else was changed/);
      assert.doesNotMatch(rig.lab.device(s.name).state.running.statements().join('\n'), /198\.51\.100\.5/);
    }
    assert.equal(job.state, 'failed');
  } finally {
    await rig.close();
  }
  const specs2 = labSpecs(6, (i) => ({ fault: i === 2 ? 'refuse-auth' : 'none' }));
  const rig2 = await startRig(specs2, { env: { NETOPS_APPROVERS: 'bob', NETOPS_CONCURRENCY: '1' } });
  try {
    const runs = follow(rig2);
    const sub = await rig2.app.service.submit('config device=* --confirm template=syslog server=198.51.100.5', alice);
    if (sub.kind !== 'change') throw new Error('expected a change');
    await rig2.app.service.approve(sub.change.id, bob);
    const job = await runs[0]!.job;
    const statuses = specs2.map((s) => byDevice(job).get(s.name)!.status);
    assert.deepEqual(statuses, ['ok', 'ok', 'failed', 'skipped', 'skipped', 'skipped']);
    assert.match(byDevice(job).get(specs2[3]!.name)!.error!.reason, new RegExp(`halted: ${specs2[2]!.name} failed`));
  } finally {
    await rig2.close();
  }
});

test('change: bad template input is refused before anything is proposed', async () => {
  const rig = await startRig(labSpecs(2));
  try {
    const cases: [string, RegExp][] = [
      ['config site=east', /which template/],
      ['config site=east template=ntpp server=192.0.2.1', /no template named "ntpp".*|did you mean/],
      ['config site=east template=ntp', /needs server=/],
      ['config site=east template=ntp server=192.0.2.300', /not a valid ipv4/],
      ['config site=east template=ntp server="192.0.2.1\nreload"', /may not hold line breaks/],
      ['config site=east template=ntp server=192.0.2.1 vrf=mgmt', /no parameter "vrf"/],
      // A mistyped --dry-run must not become a real change request.
      ['config site=east template=ntp server=192.0.2.1 --dryrun', /has no flag --dryrun/],
    ];
    for (const [line, message] of cases) {
      await assert.rejects(rig.app.service.submit(line, alice), (e: unknown) => e instanceof UserError && message.test(e.message), line);
    }
    assert.deepEqual(rig.app.service.changes.list(), []);
  } finally {
    await rig.close();
  }
});

test('change: after a restart, an approval runs only if the plan still matches what was shown', async () => {
  const specs = labSpecs(3);
  const rig = await startRig(specs, { env: { NETOPS_APPROVERS: 'bob' } });
  try {
    const sub = await rig.app.service.submit('config device=* --confirm template=ntp server=192.0.2.10', alice);
    if (sub.kind !== 'change') throw new Error('expected a change');
    await rig.app.close();
    // The inventory changed while the bot was down: one device is now another platform, one is gone.
    const devices = rig.lab.inventory().devices as { name: string; platform: string }[];
    const changed = [{ ...devices[0]!, platform: 'juniper_junos' }, devices[1]!];
    const again = await createApp(rig.config, { inventory: parseInventory({ devices: changed }, 'lab') });
    try {
      let started = 0;
      again.service.onChangeApproved(() => {
        started++;
      });
      await assert.rejects(
        again.service.approve(sub.change.id, bob),
        (e: unknown) =>
          e instanceof UserError && /no longer matches what was proposed: .* is now juniper_junos, not cisco_ios/.test(e.message),
      );
      assert.equal(started, 0);
      // Still pending: an approver can reject it, and nothing touched a device.
      assert.deepEqual(
        again.service.changes.list().map((c) => c.id),
        [sub.change.id],
      );
      await again.service.changes.reject(sub.change.id, bob);
      for (const s of specs) assert.doesNotMatch(rig.lab.device(s.name).state.running.statements().join('\n'), /192\.0\.2\.10\b/);
    } finally {
      await again.close();
    }
  } finally {
    await rig.close();
  }
});

test('change: a pending request survives a restart; it expires when nobody approves it', async () => {
  const rig = await startRig(labSpecs(2), { env: { NETOPS_APPROVERS: 'bob', NETOPS_APPROVAL_TTL: '2s' } });
  try {
    const sub = await rig.app.service.submit('config device=* --confirm template=ntp server=192.0.2.10', alice);
    if (sub.kind !== 'change') throw new Error('expected a change');
    await rig.app.close();
    // A new process on the same data directory.
    const again = await createApp(rig.config, { inventory: parseInventory(rig.lab.inventory(), 'lab') });
    try {
      assert.deepEqual(
        again.service.changes.list().map((c) => c.id),
        [sub.change.id],
      );
      const closed = new Promise((r) => again.service.changes.onClosed(r));
      await closed;
      assert.deepEqual(again.service.changes.list(), []);
      const trail = await again.audit.query({ jobId: sub.change.id });
      assert.deepEqual(
        trail.map((r) => r.action),
        ['change.requested', 'change.expired'],
      );
      await assert.rejects(again.service.approve(sub.change.id, bob), /no change request/);
    } finally {
      await again.close();
    }
  } finally {
    await rig.close();
  }
});

test("change: --dry-run shows each device's diff and changes nothing; reject closes a request", async () => {
  const specs = labSpecs(5, (i) => ({ platform: PLATFORM_IDS[i] }));
  const rig = await startRig(specs, { env: { NETOPS_APPROVERS: 'bob' } });
  try {
    const dry = await rig.app.service.submit('config device=* --confirm template=ntp server=192.0.2.99 --dry-run', alice);
    if (dry.kind !== 'job') throw new Error('a dry run is a job');
    const job = await dry.done;
    assert.equal(job.state, 'succeeded');
    for (const s of specs) {
      assert.match(byDevice(job).get(s.name)!.raw!, /192\.0\.2\.99/);
      assert.doesNotMatch(rig.lab.device(s.name).state.running.statements().join('\n'), /192\.0\.2\.99/, s.name);
    }
    const sub = await rig.app.service.submit('config device=* --confirm template=ntp server=192.0.2.99', alice);
    if (sub.kind !== 'change') throw new Error('expected a change');
    await assert.rejects(rig.app.service.changes.reject(sub.change.id, mallory), /only the requester or an approver/);
    await rig.app.service.changes.reject(sub.change.id, bob);
    assert.deepEqual(rig.app.service.changes.list(), []);
    const state = JSON.parse(await readFile(join(rig.dir, 'state.json'), 'utf8')) as { changes: unknown[] };
    assert.deepEqual(state.changes, []);
  } finally {
    await rig.close();
  }
});
