/**
 * The service side as `npm start` wires it: src/main.ts as a child process on the built-in lab,
 * console mode fed from a pipe, with NETOPS_METRICS_PORT set. /healthz and /readyz answer JSON,
 * /metrics counts the job it ran, the logs are JSON lines, and SIGTERM ends it with exit 0.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseExposition } from './prom-text.js';

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.once('error', reject);
  });

test('main.ts serves /healthz, /readyz and /metrics, logs JSON and stops on SIGTERM with 0', { timeout: 90_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'netops-wired-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NETOPS_LAB: 'on',
    NETOPS_DATA_DIR: dir,
    NETOPS_USER: 'alice',
    NETOPS_METRICS_PORT: String(port),
    NETOPS_LOG_FORMAT: 'json',
  };
  delete env['NETOPS_INVENTORY'];
  delete env['SLACK_BOT_TOKEN'];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (c) => {
    stderr += String(c);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const finished = new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (c) => {
        stdout += String(c);
        if (/J-1 .*: succeeded/.test(stdout)) resolve();
        else if (/error:/.test(stdout)) reject(new Error(`the command was refused:\n${stdout}`));
      });
      void exited.then((code) => reject(new Error(`exited ${code} before the job ended:\n${stdout}\n${stderr}`)));
    });
    // The pipe stays open: the REPL waits for more, so the process is alive for the scrape.
    child.stdin.write('/net show-version device=east-core-1\n');
    await finished;
    const base = `http://127.0.0.1:${port}`;
    const health = await fetch(`${base}/healthz`);
    assert.equal(health.status, 200);
    assert.ok(health.headers.get('content-type')?.includes('json'));
    await health.json();
    const ready = await fetch(`${base}/readyz`);
    const body = (await ready.json()) as Record<string, unknown>;
    assert.equal(ready.status, 200, JSON.stringify(body));
    const m = parseExposition(await (await fetch(`${base}/metrics`)).text());
    assert.equal(m.types.get('netops_jobs_total'), 'counter');
    assert.equal(m.value('netops_jobs_total', { command: 'show-version', outcome: 'succeeded', role: 'front' }), 1);
    assert.equal(m.sum('netops_jobs_total'), 1);
    assert.equal(m.sum('netops_device_results_total', { outcome: 'ok' }), 1);
    assert.equal(m.sum('netops_device_results_total'), 1);

    child.kill('SIGTERM');
    assert.equal(await exited, 0, stderr);
    const lines = stderr.trim().split('\n');
    const parsed = lines.map((l) => JSON.parse(l) as { level: unknown; msg: string; time: unknown });
    assert.ok(
      parsed.every((p) => p.level !== undefined && p.time !== undefined && typeof p.msg === 'string'),
      stderr,
    );
    assert.ok(
      parsed.some((p) => p.msg.includes('using the built-in lab')),
      stderr,
    );
    assert.equal(parsed.at(-1)?.msg, 'stopped');
  } finally {
    child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  }
});
