import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { AuditLog } from '../../src/audit/audit-log.js';
import { systemClock } from '../../src/core/clock.js';
import type { AuditRecord } from '../../src/core/ports.js';
import { createRedactor } from '../../src/core/redact.js';
import { startLab, type Lab } from '../../src/lab/lab-server.js';
import { labSpecs, TEST_CREDENTIALS } from '../support/test-lab.js';
import { labFilesEnv } from './entry-rig.js';

const CHILD = new URL('./stop-child.ts', import.meta.url).pathname;
const FINAL = new Set(['ok', 'failed', 'timeout', 'skipped']);

interface Run {
  code: number | null;
  progressAtSignal: number;
  trail: AuditRecord[];
  verified: boolean;
  probed?: { health: number; metrics: string };
}

/** Starts the child bot on `lab`, signals it once `progress` device results are in, and reads the trail it left. */
async function runAndStop(
  lab: Lab,
  args: string[],
  o: { grace: string; progress: number; signals: NodeJS.Signals[]; env?: Record<string, string> },
): Promise<Run> {
  const dir = await mkdtemp(join(tmpdir(), 'netops-stop-'));
  try {
    await writeFile(join(dir, 'inventory.json'), JSON.stringify(lab.inventory()));
    await writeFile(join(dir, 'known_hosts'), lab.knownHosts());
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
      env: {
        PATH: process.env.PATH,
        NETOPS_DATA_DIR: dir,
        ...labFilesEnv(dir),
        NETOPS_CONCURRENCY: '10',
        NETOPS_SHUTDOWN_GRACE: o.grace,
        ...o.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let progressAtSignal = -1;
    let probe = 0;
    let probed: Promise<{ health: number; metrics: string }> | undefined;
    for await (const line of createInterface({ input: child.stdout })) {
      const p = /^probe (\d+)$/.exec(line);
      if (p) probe = Number(p[1]);
      const n = /^progress (\d+)$/.exec(line);
      if (n && Number(n[1]) >= o.progress && progressAtSignal < 0) {
        progressAtSignal = Number(n[1]);
        // The probe answers while the job runs (read before the signal, awaited after).
        const base = `http://127.0.0.1:${probe}`;
        probed = Promise.all([fetch(`${base}/healthz`), fetch(`${base}/metrics`).then((r) => r.text())]).then(([h, m]) => ({
          health: h.status,
          metrics: m,
        }));
        await probed;
        child.kill(o.signals[0]);
        if (o.signals[1]) {
          // The second only once the first is being handled (two at once may arrive as one).
          while (!stderr.includes('stopping')) await new Promise((r) => setTimeout(r, 10));
          child.kill(o.signals[1]);
        }
        break;
      }
    }
    const code = await exited;
    assert.ok(progressAtSignal >= 0, `the job never got to ${o.progress} results: ${stderr}`);
    const audit = await AuditLog.open(join(dir, 'audit.json'), { clock: systemClock, redact: createRedactor([]) });
    const verified = (await audit.verify()).ok;
    const trail = await audit.query({});
    await audit.flush();
    return { code, progressAtSignal, trail, verified, probed: await probed };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('SIGTERM in the middle of a 200-device job: exit 0, every device has a result or is named as interrupted', async () => {
  const lab = await startLab({
    host: '127.0.0.1',
    basePort: 0,
    credentials: TEST_CREDENTIALS,
    devices: labSpecs(200, () => ({ latencyMs: 40 })),
  });
  try {
    const r = await runAndStop(lab, ['read', '/net show-version device=* --confirm'], { grace: '1s', progress: 30, signals: ['SIGTERM'] });
    assert.equal(r.code, 0);
    assert.ok(r.verified, 'the trail verifies');
    const results = r.trail.filter((x) => x.action === 'device.result');
    const interrupted = r.trail.filter((x) => x.action === 'job.interrupted');
    assert.equal(interrupted.length, 1, 'one interrupted record');
    const named = (interrupted[0]!.detail as { devices: string[] }).devices;
    const ended = new Set(results.filter((x) => FINAL.has(String(x.outcome))).map((x) => x.targets![0]!));
    // Everything the child had seen done is on disk; each of the 200 is either ended or named.
    assert.ok(ended.size >= r.progressAtSignal, `${ended.size} ended, ${r.progressAtSignal} seen before the signal`);
    assert.ok(named.length > 0 && ended.size < 200, 'the stop came mid-job');
    for (const d of named) assert.ok(!ended.has(d), `${d} both ended and named`);
    assert.equal(ended.size + named.length, 200);
    assert.equal(r.trail.filter((x) => x.action === 'job.finished').length, 1, 'the job recorded its own end');
    // The child's probe port served while the job ran: results counted so far, none ended as a job yet.
    assert.equal(r.probed?.health, 200);
    assert.match(r.probed?.metrics ?? '', /netops_device_results_total\{platform="cisco_ios",outcome="ok"\} \d+/);
    assert.doesNotMatch(r.probed?.metrics ?? '', /netops_jobs_total\{/);
  } finally {
    await lab.close();
  }
});

test('a second signal exits at once; the trail still verifies and keeps every record written before it', async () => {
  const lab = await startLab({
    host: '127.0.0.1',
    basePort: 0,
    credentials: TEST_CREDENTIALS,
    devices: labSpecs(60, () => ({ latencyMs: 40 })),
  });
  try {
    const r = await runAndStop(lab, ['read', '/net show-version device=* --confirm'], {
      grace: '30s',
      progress: 10,
      signals: ['SIGTERM', 'SIGTERM'],
    });
    assert.equal(r.code, 143);
    assert.ok(r.verified, 'the trail verifies');
    assert.ok(r.trail.filter((x) => x.action === 'device.result').length >= r.progressAtSignal - 10, 'results before the signal kept');
    assert.equal(r.trail.filter((x) => x.action === 'job.finished').length, 0, 'it did not wait for the job');
  } finally {
    await lab.close();
  }
});

test('SIGTERM in the middle of a change: each device finished its change or was never touched; the rest are named', async () => {
  const lab = await startLab({
    host: '127.0.0.1',
    basePort: 0,
    credentials: TEST_CREDENTIALS,
    devices: labSpecs(8, () => ({ latencyMs: 60 })).map((d) => ({ ...d, group: undefined })),
  });
  try {
    const r = await runAndStop(lab, ['change', '/net config device=* template=ntp server=192.0.2.55 --confirm'], {
      grace: '0',
      progress: 2,
      signals: ['SIGTERM'],
      env: { NETOPS_APPROVERS: 'bob', NETOPS_CONCURRENCY: '2' },
    });
    assert.equal(r.code, 0);
    assert.ok(r.verified);
    const results = r.trail.filter((x) => x.action === 'device.result');
    const ok = results.filter((x) => x.outcome === 'ok').map((x) => x.targets![0]!);
    assert.ok(ok.length >= 2, `committed: ${ok.join(', ')}`);
    // No device is left part-way: none reports a partial change or an unknown state.
    for (const x of results) assert.doesNotMatch(JSON.stringify(x.detail ?? {}), /partly|unknown/i, JSON.stringify(x));
    // On the devices themselves: the committed ones carry the change whole, the rest none of it.
    for (const d of lab.devices) {
      const has = d.state.running.flat().some((l) => l.trim() === 'ntp server 192.0.2.55');
      assert.equal(has, ok.includes(d.spec.name), `${d.spec.name}: change ${has ? 'present' : 'absent'}`);
    }
    const interrupted = r.trail.filter((x) => x.action === 'job.interrupted');
    if (ok.length < 8) {
      assert.equal(interrupted.length, 1);
      const named = (interrupted[0]!.detail as { devices: string[] }).devices;
      assert.equal(named.length + new Set(results.filter((x) => FINAL.has(String(x.outcome))).map((x) => x.targets![0])).size, 8);
    }
  } finally {
    await lab.close();
  }
});
