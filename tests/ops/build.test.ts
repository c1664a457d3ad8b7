import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = new URL('../../', import.meta.url).pathname;

test('npm run build, then node dist/src/main.js runs a command on the built-in lab without tsx', async () => {
  await run('npm', ['run', 'build'], { cwd: ROOT, timeout: 180_000 });
  const dir = await mkdtemp(join(tmpdir(), 'netops-dist-'));
  try {
    // From another directory, with plain node (no --import tsx) and only the production environment.
    const out = await run(process.execPath, [join(ROOT, 'dist/src/main.js'), '/net show-version site=east'], {
      cwd: dir,
      timeout: 60_000,
      env: { PATH: process.env.PATH, NETOPS_LAB: 'on', NETOPS_DATA_DIR: dir, NETOPS_LAB_DEFINITION: join(ROOT, 'data/lab.json') },
    });
    assert.match(out.stdout, /show-version site=east \(by \S+\): succeeded, 6\/6 ok/);
    // The compiled registry found every command module (help lists them).
    const help = await run(process.execPath, [join(ROOT, 'dist/src/main.js'), '/net help'], {
      cwd: dir,
      timeout: 60_000,
      env: { PATH: process.env.PATH, NETOPS_LAB: 'on', NETOPS_DATA_DIR: dir, NETOPS_LAB_DEFINITION: join(ROOT, 'data/lab.json') },
    });
    for (const c of ['show-version', 'config', 'audit', 'approve']) assert.match(help.stdout, new RegExp(c));
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    assert.ok(!('tsx' in pkg.dependencies), 'tsx stays a dev dependency');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
