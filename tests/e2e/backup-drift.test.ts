/**
 * Backups and drift through the console against the lab, on all five platforms: a backup,
 * an approved template change, then diff-config showing exactly that change; identical
 * backups stored once; bad since=/version= refused before anything runs.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JobHandle } from '../../src/core/service.js';
import { PLATFORM_IDS, type Actor, type JobSummary } from '../../src/core/types.js';
import { UserError } from '../../src/core/errors.js';
import { consoleActor, labSpecs, startRig, type TestRig } from '../support/test-lab.js';
import { captureConsole } from '../support/console-capture.js';

const bob: Actor = { id: 'bob', name: 'bob', via: 'console' };
const specs = labSpecs(5, (i) => ({ platform: PLATFORM_IDS[i] }));
let rig: TestRig;

before(async () => {
  rig = await startRig(specs, { env: { NETOPS_APPROVERS: 'bob' } });
});
after(async () => rig.close());

async function job(line: string): Promise<JobSummary> {
  const sub = await rig.app.service.submit(line, consoleActor);
  assert.equal(sub.kind, 'job', line);
  if (sub.kind !== 'job') throw new Error('not a job');
  return sub.done;
}

/** The +/- lines of a unified diff, without its --- and +++ headers. */
const changedLines = (diff: string) => diff.split('\n').filter((l) => /^[+-](?![+-]{2} )/.test(l));

test('backup, an approved change, then diff-config shows exactly that change (console, five platforms)', async () => {
  const run = captureConsole(rig.app.service, rig.dir);
  const first = await run('/net backup device=* --confirm');
  assert.equal(first.status, 0, first.text);
  assert.equal(first.text.match(/stored v1/g)?.length, 5, first.text);

  const again = await run('/net backup device=* --confirm');
  assert.equal(again.status, 0, again.text);
  assert.equal(again.text.match(/unchanged since v1/g)?.length, 5, again.text);
  for (const s of specs) {
    const dir = join(rig.dir, 'backups', s.name);
    assert.deepEqual((await readdir(dir)).sort(), ['index.json', 'v1.cfg'], s.name);
    const index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as { versions: { actor: { id: string }; jobId: string }[] };
    assert.equal(index.versions.length, 1);
    assert.equal(index.versions[0]!.actor.id, 'alice');
    assert.match(index.versions[0]!.jobId, /^J-\d+$/);
  }

  const none = await run('/net diff-config device=* --confirm');
  assert.equal(none.status, 0, none.text);
  assert.equal(none.text.match(/no drift/g)?.length, 5, none.text);

  const started: Promise<JobSummary>[] = [];
  rig.app.service.onChangeApproved((h: JobHandle) => started.push(h.start()));
  const change = await rig.app.service.submit('config device=* --confirm template=ntp server=192.0.2.77', consoleActor);
  assert.equal(change.kind, 'change');
  if (change.kind !== 'change') return;
  await rig.app.service.approve(change.change.id, bob);
  const applied = await started[0]!;
  assert.equal(applied.state, 'succeeded', JSON.stringify(applied.results));

  // The change kept v2 on every device (after-change): drift counts from it, and version=1 shows exactly the change.
  const none2 = await run('/net diff-config device=* --confirm');
  assert.equal(none2.text.match(/no drift/g)?.length, 5, none2.text);
  const drift = await run('/net diff-config device=* --confirm version=1');
  assert.equal(drift.status, 0, drift.text);
  assert.match(drift.text, /\+1 -0/);
  const rs = (await job('diff-config device=* --confirm version=1')).results;
  for (const r of rs) {
    assert.equal(r.status, 'ok', `${r.device}: ${r.error?.reason}`);
    const diff = r.parsed![0]!['diff_text']!;
    const plan = change.change.plan.find((p) => p.device === r.device)!;
    // Set-style platforms show the planned line itself; Junos shows it in its hierarchy (`server 192.0.2.77;`).
    assert.deepEqual(changedLines(diff).length, 1, `${r.device}:\n${diff}`);
    const added = changedLines(diff)[0]!.slice(1).trim();
    const planned = plan.lines[0]!;
    assert.ok(planned === added || planned.endsWith(added.replace(/;$/, '')), `${r.device}: ${added} is not ${planned}\n${diff}`);
    assert.match(diff, /^@@ -\d+(,\d+)? \+\d+(,\d+)? @@$/m, diff);
    assert.equal(r.parsed![0]!['drift'], '+1 -0');
    assert.match(drift.text, new RegExp(`\\+\\s*${added.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  }

  // A backup by hand now is identical to the after-change v2: stored once, and no drift behind it.
  const second = await run('/net backup device=* --confirm');
  assert.equal(second.text.match(/unchanged since v2/g)?.length, 5, second.text);
  const after = (await job('diff-config device=* --confirm')).results;
  assert.ok(after.every((r) => r.parsed?.[0]?.['drift'] === 'no drift'));
  const old = (await job('diff-config device=* --confirm version=1')).results;
  assert.ok(old.every((r) => r.parsed?.[0]?.['drift'] === '+1 -0'));
});

test('diff-config refuses a bad since= or version= before anything runs; a missing version fails that device only', async () => {
  const cases: [string, RegExp][] = [
    ['diff-config device=* since=yesterday', /since: not a time: use a duration such as 30m/],
    ['diff-config device=* since=24x', /since: not a time/],
    ['diff-config device=* version=0', /version: not a version number/],
    ['diff-config device=* version=two', /version: not a version number/],
    ['diff-config device=* version=1 since=1d', /give since= or version=, not both/],
    ['diff-config device=* age=1d', /has no argument "age"/],
  ];
  const before = (await rig.app.audit.query({})).length;
  for (const [line, re] of cases) {
    await assert.rejects(rig.app.service.submit(line, consoleActor), (e: unknown) => e instanceof UserError && re.test(e.message), line);
  }
  assert.equal((await rig.app.audit.query({})).length, before, 'nothing recorded for a refused line');
  const rs = (await job(`diff-config device=${specs[0]!.name} version=99`)).results;
  assert.equal(rs[0]!.status, 'failed');
  assert.match(rs[0]!.error!.reason, /has no v99 \(versions v1 to v\d+\)/);
  const ago = (await job(`diff-config device=${specs[0]!.name} since=2001-01-01`)).results;
  assert.match(ago[0]!.error!.reason, /no backup of .* as old as 2001-01-01 00:00 UTC/);
});
