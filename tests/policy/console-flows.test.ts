import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { mkdtemp, rm } from 'node:fs/promises';
import { labSpecs, startRig } from '../support/test-lab.js';
import type { JobHandle } from '../../src/core/service.js';
import type { Actor, JobSummary } from '../../src/core/types.js';
import type { ReplyView } from '../../src/render/views.js';
import { pciPolicy } from './test-policies.js';

/** East devices stand in for PCI ones: two approvers from pci; everything else one from approvers or pci. */
const POLICY = pciPolicy({ requester: 'alice', pci: ['carol', 'erin'], approvers: ['bob'] });

const as = (id: string): Actor => ({ id, name: id, via: 'console' });
const text = (v: ReplyView) => v.blocks.map((b) => (b.type === 'text' ? b.text : b.type === 'heading' ? b.text : '')).join('\n');

test('console: a PCI change runs only after two distinct pci approvers; --confirm guards every device; denials audited', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'netops-policy-flow-'));
  const policyFile = join(dir, 'policy.yaml');
  await writeFile(policyFile, POLICY);
  const rig = await startRig(labSpecs(4), { env: { NETOPS_POLICY: policyFile } });
  try {
    const runs: Promise<JobSummary>[] = [];
    rig.app.service.onChangeApproved((h: JobHandle) => runs.push(h.start()));
    const svc = rig.app.service;
    const reply = async (line: string, who: string) => {
      const s = await svc.submit(line, as(who));
      assert.equal(s.kind, 'reply', line);
      return text((s as { view: ReplyView }).view);
    };

    const sub = await svc.submit('config site=east template=ntp server=192.0.2.10', as('alice'));
    assert.equal(sub.kind, 'change');
    if (sub.kind !== 'change') return;
    const cr = sub.change.id.replace('J-', 'CR-');
    await assert.rejects(svc.submit(`approve ${cr}`, as('alice')), /you asked for/);
    assert.match(await reply(`approve ${cr}`, 'bob'), /1 of 3 approvals \(bob\); waiting for 2 more from pci \(carol, erin\)/);
    assert.match(await reply(`approve ${cr}`, 'erin'), /2 of 3 approvals \(bob, erin\); waiting for one more from pci \(carol, erin\)/);
    await assert.rejects(svc.submit(`approve ${cr}`, as('erin')), /already approved/);
    assert.equal(runs.length, 0, 'nothing runs before the rules are met');
    assert.match(await reply(`approve ${cr}`, 'carol'), /3 of 3 approvals \(bob, erin, carol\); running on 2 devices/);
    assert.equal(runs.length, 1);
    assert.equal((await runs[0]!).state, 'succeeded');
    const counted = await rig.app.audit.query({ action: 'change.approval-counted' });
    assert.deepEqual(
      counted.map((r) => r.actor.id),
      ['bob', 'erin'],
    );
    const approved = await rig.app.audit.query({ action: 'change.approved' });
    assert.deepEqual(approved[0]?.detail?.['approvals'], ['bob', 'erin', 'carol']);

    // Every device: refused without --confirm (audited), run with it.
    await assert.rejects(
      svc.submit('show-version device=*', as('alice')),
      (e: Error & { hint?: string }) => /every device \(4\)/.test(e.message) && /--confirm/.test(e.hint ?? ''),
    );
    const read = await svc.submit('show-version device=* --confirm', as('alice'));
    assert.equal(read.kind, 'job');
    if (read.kind !== 'job') return;
    assert.equal((await read.done).results.length, 4);
    // Someone with no grant; approving a read job.
    await assert.rejects(svc.submit('show-version site=west', as('mallory')), /you may not run \/net show-version \(rule: grants\)/);
    await assert.rejects(
      svc.submit(`approve ${read.job.id}`, as('bob')),
      new RegExp(`${read.job.id} is a read job \\(/net show-version\\), not a change request`),
    );
    const denied = await rig.app.audit.query({ action: 'policy.denied' });
    assert.deepEqual(
      denied.map((r) => [r.actor.id, r.detail?.['rule']]),
      [
        ['alice', 'blastRadius.everyDevice'],
        ['mallory', 'grants'],
      ],
    );
    assert.equal((await rig.app.audit.verify()).ok, true);
  } finally {
    await rig.close();
    await rm(dir, { recursive: true, force: true });
  }
});
