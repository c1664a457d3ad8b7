import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { snapshotTrail, trailFiles, verifyTrail } from '../../src/audit/trail.js';
import { tempDir } from './audit-fixture.js';

const ITERATIONS = 24;

/** Runs the child until `ready`, lets it append for a random while, SIGKILLs it; returns the seqs it acknowledged. */
async function runAndKill(path: string, maxKillMs: number): Promise<number[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/audit/append-child.ts', path, '150'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  let killed = false;
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    out += chunk;
    if (!killed && out.startsWith('ready\n')) {
      killed = true;
      setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * maxKillMs));
    }
  });
  const [code, signal] = (await once(child, 'exit')) as [number | null, string | null];
  assert.equal(signal, 'SIGKILL', `child exited by itself (code ${code})`);
  // A line cut off by the kill is not an acknowledgement.
  return out.split('\n').slice(1, -1).map(Number);
}

test(`SIGKILL at random points, ${ITERATIONS} times: the trail parses, verifies and holds every acknowledged record`, {
  timeout: 60_000,
}, async () => {
  const t = await tempDir();
  try {
    let acked = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      const seqs = await runAndKill(t.path, i < 4 ? 20 : 300);
      acked += seqs.length;
      const snap = await snapshotTrail(t.path);
      const report = await verifyTrail(snap);
      assert.equal(report.ok, true, `iteration ${i}: ${JSON.stringify(report.problem)}`);
      // The chain is contiguous from 1, so holding the highest acknowledged seq means holding them all.
      const highest = seqs.length ? Math.max(...seqs) : 0;
      assert.ok(report.records >= highest, `iteration ${i}: ${report.records} records on disk, seq ${highest} was acknowledged`);
    }
    assert.ok(acked > ITERATIONS * 100, `only ${acked} acknowledgements: the kills came too early to test much`);
    const snap = await snapshotTrail(t.path);
    assert.ok(snap.sealed.length > 3, 'the load should have sealed several segments');
    for await (const f of trailFiles(snap)) assert.ok(!JSON.stringify(f.records).includes('child-Secret'), f.file);
  } finally {
    await t.cleanup();
  }
});
