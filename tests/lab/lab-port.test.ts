/**
 * `npm run lab` (src/lab/main.ts) with a port already taken: one sentence naming the port and
 * `basePort` in the lab definition, exit code 78 (EX_CONFIG), no stack trace. The lab itself
 * is spawned, as a user runs it; the port is held by the test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the lab with its own definition and data directory; `until` ends it (SIGTERM) once its output says so. */
function runLab(definition: string, dataDir: string, until?: RegExp): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/lab/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, NETOPS_LAB_DEFINITION: definition, NETOPS_DATA_DIR: dataDir },
    });
    const run: Run = { code: null, stdout: '', stderr: '' };
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (b: Buffer) => {
      run.stdout += b.toString();
      if (until?.test(run.stdout)) child.kill('SIGTERM');
    });
    child.stderr.on('data', (b: Buffer) => {
      run.stderr += b.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ ...run, code });
    });
  });
}

async function holdPort(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const addr = server.address();
  return { server, port: typeof addr === 'object' && addr ? addr.port : 0 };
}

async function definitionWith(dir: string, basePort: number): Promise<string> {
  const def = JSON.parse(await readFile(join(ROOT, 'data/lab.json'), 'utf8')) as Record<string, unknown>;
  const file = join(dir, 'my-lab.json');
  await writeFile(file, JSON.stringify({ ...def, basePort, latencyMs: 0 }));
  return file;
}

test('npm run lab on a taken port: one sentence naming the port and basePort, exit 78, no stack trace', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'netops-lab-port-'));
  const held = await holdPort();
  try {
    const definition = await definitionWith(dir, held.port);
    const r = await runLab(definition, join(dir, 'data'));
    assert.equal(r.code, 78, r.stderr);
    const said = r.stderr.trim();
    assert.equal(said.split('\n').length, 1, `one line: ${said}`);
    assert.ok(said.includes(`port ${held.port}`), said);
    assert.ok(said.includes('basePort') && said.includes(definition), said);
    assert.doesNotMatch(`${r.stderr}${r.stdout}`, /^\s+at |Error:|EADDRINUSE/m);
  } finally {
    held.server.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('the same definition on free ports starts the lab and stops cleanly on SIGTERM', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'netops-lab-port-'));
  try {
    const r = await runLab(await definitionWith(dir, 0), join(dir, 'data'), /known hosts:/);
    assert.match(r.stdout, /netops lab: 12 simulated devices on 127\.0\.0\.1:/);
    assert.equal(r.code, 0, r.stderr);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
