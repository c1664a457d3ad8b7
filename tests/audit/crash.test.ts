import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { snapshotTrail, trailFiles, verifyTrail } from '../../src/audit/trail.js';
import { tempDir } from './audit-fixture.js';

const ITERATIONS = 24;

/**
 * Where a kill lands: once the child has acknowledged `afterAcks` records, within a random
 * `withinMs` more. Counted in acknowledgements, not in time, so a busy machine makes the test
 * slower, never weaker: every kill after the first few comes in the middle of a stream.
 */
interface KillPoint {
  afterAcks: number;
  withinMs: number;
}

/** Runs the child until the kill point, SIGKILLs it there; returns the seqs it acknowledged. */
async function runAndKill(path: string, at: KillPoint): Promise<number[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/audit/append-child.ts', path, '150'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  let killing = false;
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    out += chunk;
    // Lines after `ready` are acknowledgements.
    const acks = out.split('\n').length - 2;
    if (!killing && out.startsWith('ready\n') && acks >= at.afterAcks) {
      killing = true;
      setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * at.withinMs));
    }
  });
  const [code, signal] = (await once(child, 'exit')) as [number | null, string | null];
  assert.equal(signal, 'SIGKILL', `child exited by itself (code ${code})`);
  // A line cut off by the kill is not an acknowledgement.
  return out.split('\n').slice(1, -1).map(Number);
}

/** The first kills land at start-up (opening, the first writes); the rest after 100-400 acknowledgements. */
const killPoint = (i: number): KillPoint =>
  i < 4 ? { afterAcks: 0, withinMs: 20 } : { afterAcks: 100 + Math.floor(Math.random() * 300), withinMs: 50 };

test(`SIGKILL at random points, ${ITERATIONS} times: the trail parses, verifies and holds every acknowledged record`, {
  // 24 child processes, each starting tsx: about 20 s on an idle machine, several times that on a busy one.
  timeout: 240_000,
}, async () => {
  const t = await tempDir();
  try {
    for (let i = 0; i < ITERATIONS; i++) {
      const at = killPoint(i);
      const seqs = await runAndKill(t.path, at);
      assert.ok(seqs.length >= at.afterAcks, `iteration ${i}: killed after ${seqs.length} acknowledgements, not ${at.afterAcks}`);
      const snap = await snapshotTrail(t.path);
      const report = await verifyTrail(snap);
      assert.equal(report.ok, true, `iteration ${i}: ${JSON.stringify(report.problem)}`);
      // The chain is contiguous from 1, so holding the highest acknowledged seq means holding them all.
      const highest = seqs.length ? Math.max(...seqs) : 0;
      assert.ok(report.records >= highest, `iteration ${i}: ${report.records} records on disk, seq ${highest} was acknowledged`);
    }
    const snap = await snapshotTrail(t.path);
    assert.ok(snap.sealed.length > 3, 'the load should have sealed several segments');
    for await (const f of trailFiles(snap)) assert.ok(!JSON.stringify(f.records).includes('child-Secret'), f.file);
  } finally {
    await t.cleanup();
  }
});
