/**
 * The backup an approved change leaves behind, through the console against the lab: each
 * device that committed and verified keeps its running configuration as a version marked
 * `after-change CR-n` with the approver as who asked, so diff-config right after says no drift;
 * a change that is rolled back keeps none; a backup that cannot be stored is a warning on
 * that device's row and the change still succeeds.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FileBackupStore } from '../../src/backup/file-backup-store.js';
import { expandLab, labDefinitionSchema } from '../../src/lab/lab-definition.js';
import { PLATFORM_IDS, type Actor } from '../../src/core/types.js';
import { captureConsole } from '../support/console-capture.js';
import { labSpecs, startRig, type TestRig } from '../support/test-lab.js';

const bob: Actor = { id: 'bob', name: 'bob', via: 'console' };
const specs = labSpecs(5, (i) => ({ platform: PLATFORM_IDS[i] }));
let rig: TestRig;

before(async () => {
  rig = await startRig(specs, { env: { NETOPS_APPROVERS: 'bob' } });
});
after(async () => rig.close());

/** Proposes `line` as alice and approves it as bob on the console; answers the request's id and what the approval printed. */
async function approved(run: ReturnType<typeof captureConsole>, line: string) {
  const asked = await run(line);
  assert.equal(asked.status, 0, asked.text);
  const id = /CR-\d+/.exec(asked.text)?.[0];
  assert.ok(id, asked.text);
  const ran = await run(`/net approve ${id}`, bob);
  return { id, ...ran };
}

test('an approved change keeps each device’s configuration as an after-change version; diff-config right after says no drift', async () => {
  const run = captureConsole(rig.app.service, rig.dir);
  const store = new FileBackupStore(join(rig.dir, 'backups'));
  const first = await run('/net backup device=* --confirm');
  assert.equal(first.text.match(/stored v1/g)?.length, 5, first.text);

  const change = await approved(run, '/net config device=* --confirm template=ntp server=192.0.2.81');
  assert.equal(change.status, 0, change.text);
  for (const s of specs) {
    const versions = await store.versions(s.name);
    assert.deepEqual(
      versions.map((v) => [v.version, v.reason, v.actor.id, v.jobId]),
      [
        [1, 'manual', 'alice', versions[0]!.jobId],
        [2, `after-change ${change.id}`, 'bob', change.id.replace('CR-', 'J-')],
      ],
      s.name,
    );
    // The kept text is the configuration with the change in it.
    assert.match((await store.read(s.name, 2))!, /192\.0\.2\.81/, s.name);
  }
  // The change's rows name the version each device kept.
  assert.equal(change.text.match(/\bv2\b/g)?.length, 5, change.text);

  const drift = await run('/net diff-config device=* --confirm');
  assert.equal(drift.status, 0, drift.text);
  assert.equal(drift.text.match(/no drift/g)?.length, 5, drift.text);
  assert.equal(drift.text.match(new RegExp(`v2 \\([^)]*taken after ${change.id} by bob\\)`, 'g'))?.length, 5, drift.text);
  // The version before the change still shows exactly the change.
  const since = await run('/net diff-config device=* --confirm version=1');
  assert.equal(since.text.match(/\+1 -0/g)?.length, 5, since.text);
});

test('a device whose backup cannot be stored gets a warning on its row; the change still succeeds everywhere', async () => {
  const run = captureConsole(rig.app.service, rig.dir);
  const broken = specs[0]!.name;
  // A file where the device's backup directory belongs: the store cannot write there.
  await rm(join(rig.dir, 'backups', broken), { recursive: true, force: true });
  await mkdir(join(rig.dir, 'backups'), { recursive: true });
  await writeFile(join(rig.dir, 'backups', broken), 'not a directory');
  const change = await approved(run, '/net config device=* --confirm template=ntp server=192.0.2.82');
  assert.equal(change.status, 0, change.text);
  const jobs = rig.app.service.jobs().filter((j) => j.id === change.id.replace('CR-', 'J-'));
  assert.equal(jobs.length, 1);
  assert.equal(jobs[0]!.state, 'succeeded', change.text);
  // The row of the broken device carries the warning (the store's error code, never a server path); no other row does.
  const rows = change.text.split('\n').filter((l) => /\bcommitted\s+1\s+ok\b/.test(l));
  assert.equal(rows.length, 5, change.text);
  assert.deepEqual(
    rows.filter((l) => /warning: not taken \(the backup store failed: EEXIST\)$/.test(l.trim())).map((l) => l.trim().split(/\s+/)[0]),
    [broken],
    change.text,
  );
  assert.ok(
    change.text.split('\n').every((l) => !l.includes('not taken') || !l.includes(rig.dir)),
    change.text,
  );
  const store = new FileBackupStore(join(rig.dir, 'backups'));
  for (const s of specs.slice(1)) assert.equal((await store.versions(s.name)).at(-1)?.reason, `after-change ${change.id}`, s.name);
});

test('a change that fails verification and is rolled back keeps no backup', async () => {
  const stale = expandLab(
    labDefinitionSchema.parse({
      credentials: { username: 'x', password: 'y', enableSecret: 'z' },
      sites: ['east'],
      roles: [{ role: 'access', count: 2, platforms: ['cisco_ios', 'juniper_junos'] }],
      devices: { 'east-access-1': { fault: 'stale-ports' }, 'east-access-2': { fault: 'stale-ports' } },
    }),
  );
  const own = await startRig(stale, { env: { NETOPS_APPROVERS: 'bob' } });
  try {
    const run = captureConsole(own.app.service, own.dir);
    const store = new FileBackupStore(join(own.dir, 'backups'));
    const ports: Record<string, string> = { cisco_ios: 'Gi0/2', juniper_junos: 'ge-0/0/1' };
    for (const s of stale) {
      const change = await approved(run, `/net interface-shutdown device=${s.name} interface=${ports[s.platform]}`);
      assert.notEqual(change.status, 0, change.text);
      assert.match(change.text, /rolled back, never saved/, change.text);
      assert.deepEqual(await store.versions(s.name), [], s.name);
    }
    // The same devices do keep a version when asked: the store itself works here.
    const taken = await run('/net backup device=* --confirm');
    assert.equal(taken.text.match(/stored v1/g)?.length, 2, taken.text);
  } finally {
    await own.close();
  }
});
