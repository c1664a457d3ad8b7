/**
 * The rig's child processes do what the scenarios rely on: output lines arrive timed, SIGSTOP
 * really freezes a process (nothing printed while stopped), SIGCONT wakes it, kill -9 ends it
 * with no exit code, and waiting on a process that exits fails at once with its output.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Child } from '../support/scale-out-child.js';

// Each line carries the child's CLOCK_MONOTONIC reading, the same clock as the test's process.hrtime.
const TICKER = "setInterval(() => console.log('tick ' + process.hrtime.bigint()), 20);";
const stamp = (text: string) => BigInt(text.split(' ')[1]!);
const MS = 1_000_000n;
const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin' };

test('a child frozen by SIGSTOP prints nothing until SIGCONT; kill -9 ends it', async () => {
  const c = new Child('ticker', ['-e', TICKER], { cwd: process.cwd(), env });
  try {
    await c.waitFor(/tick/);
    c.pause();
    const frozenAt = process.hrtime.bigint();
    // Watch a while; lines written just before the stop may still arrive, stamped before it.
    await new Promise((r) => setTimeout(r, 300));
    const wokenAt = process.hrtime.bigint();
    const during = c.lines.filter((l) => stamp(l.text) > frozenAt + 50n * MS);
    assert.deepEqual(during, [], 'nothing printed while stopped');
    c.resume();
    const next = await c.waitFor(/tick/, { from: c.lines.length });
    assert.ok(stamp(next.text) >= wokenAt, 'it prints again once woken');
    c.kill9();
    assert.equal(await c.exited, null, 'killed by a signal: no exit code');
  } finally {
    await c.end();
  }
});

test('waiting for a line a child never prints fails when it exits, with its output', async () => {
  const c = new Child('quitter', ['-e', "console.log('bye'); process.exit(3)"], { cwd: process.cwd(), env });
  await assert.rejects(c.waitFor(/never/), (e: Error) => /quitter exited \(3\)/.test(e.message) && /bye/.test(e.message));
  assert.equal(c.code, 3);
});
