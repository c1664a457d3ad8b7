/**
 * The backup stores, the same cases for both: the embedded files and PostgreSQL (three pools,
 * as three workers). Identical consecutive versions are stored once even when added at the
 * same moment; numbers never repeat; what is read back is what was stored.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { NO_DATABASE, testDatabase } from '../support/postgres.js';
import { openPool } from '../../src/store/postgres/pool.js';
import { migrate } from '../../src/store/postgres/migrate.js';
import { PgBackupStore } from '../../src/store/postgres/pg-backup-store.js';
import { FileBackupStore, deviceDirName } from '../../src/backup/file-backup-store.js';
import type { BackupStore, BackupVersion } from '../../src/core/backups.js';

const db = await testDatabase('pg_backups');
const pools: pg.Pool[] = [];
let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'netops-backups-'));
  if (!db) return;
  for (let i = 0; i < 3; i++) pools.push(openPool(db.url, { schema: db.schema, max: 3 }));
  await migrate(pools[0]!);
});
after(async () => {
  await Promise.all(pools.map((p) => p.end()));
  await db?.drop();
  await rm(dir, { recursive: true, force: true });
});

const entry = (device: string, text: string, time: number): Omit<BackupVersion, 'version'> => ({
  device,
  time,
  actor: { id: 'alice', name: 'alice', via: 'console' },
  jobId: `J-${time}`,
  secrets: 'mask',
  sha256: createHash('sha256').update(text).digest('hex'),
  lines: text.split('\n').length - 1,
});

/** Three handles on one store: three pools (PostgreSQL), or one file store (the embedded default runs one process). */
const kinds: [string, () => BackupStore[], string | false][] = [
  ['files', () => [new FileBackupStore(join(dir, 'backups'))], false],
  ['PostgreSQL', () => pools.map((p) => new PgBackupStore(p)), db ? false : NO_DATABASE],
];

for (const [kind, stores, skip] of kinds) {
  test(`${kind}: concurrent identical adds store one version; a change stores the next; reads return the text`, { skip }, async () => {
    const handles = stores();
    const at = (i: number) => handles[i % handles.length]!;
    const device = `r1-${kind}`;
    const a = 'hostname r1\nntp server 192.0.2.1\n';
    const b = 'hostname r1\nntp server 192.0.2.2\n';
    const first = await Promise.all(Array.from({ length: 6 }, (_, i) => at(i).add(entry(device, a, 1000 + i), a)));
    assert.equal(first.filter((r) => r.stored).length, 1, 'stored once');
    assert.ok(first.every((r) => r.version.version === 1));
    const second = await at(1).add(entry(device, b, 2000), b);
    assert.deepEqual([second.stored, second.version.version], [true, 2]);
    // Back to the first text: a new version (it is not consecutive with v1).
    const third = await at(2).add(entry(device, a, 3000), a);
    assert.deepEqual([third.stored, third.version.version], [true, 3]);
    const again = await at(0).add(entry(device, a, 4000), a);
    assert.deepEqual([again.stored, again.version.version, again.version.time], [false, 3, 3000]);
    const versions = await at(1).versions(device);
    assert.deepEqual(
      versions.map((v) => [v.version, v.time, v.actor.name]),
      [
        [1, versions[0]!.time, 'alice'],
        [2, 2000, 'alice'],
        [3, 3000, 'alice'],
      ],
    );
    assert.equal(await at(2).read(device, 2), b);
    assert.equal(await at(0).read(device, 3), a);
    assert.equal(await at(0).read(device, 4), undefined);
    assert.deepEqual(await at(0).versions('no-such-device'), []);
  });
}

test('files: a device name that is not a plain name is never a path', async () => {
  assert.equal(deviceDirName('east-core-1.lab'), 'east-core-1.lab');
  for (const odd of ['..', '../etc', 'a/b', '.hidden']) assert.match(deviceDirName(odd), /^_[0-9a-f]+$/);
  const store = new FileBackupStore(join(dir, 'odd'));
  await store.add(entry('../escape', 'x\n', 1), 'x\n');
  assert.deepEqual(await readdir(join(dir, 'odd')), [deviceDirName('../escape')]);
  assert.equal(await store.read('../escape', 1), 'x\n');
});
