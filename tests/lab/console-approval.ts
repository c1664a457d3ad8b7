/** The console rig the interface change tests drive: a console on a test rig's service, and a change proposed by one engineer and approved by another. */
import assert from 'node:assert/strict';
import type { Actor } from '../../src/core/types.js';
import { captureConsole } from '../support/console-capture.js';
import type { TestRig } from '../support/test-lab.js';

/** A console on the rig's service; `run` answers the exit status and what was printed. */
export function consoleOn(r: TestRig): ReturnType<typeof captureConsole> {
  return captureConsole(r.app.service, r.dir);
}

/** Proposes as alice, approves as `approver` through the console, committed; answers the request's text and the run's. */
export async function proposeAndApprove(r: TestRig, approver: Actor, line: string): Promise<{ request: string; run: string }> {
  const run = consoleOn(r);
  const proposed = await run(`/net ${line}`);
  assert.equal(proposed.status, 0, proposed.text);
  const id = /\b(CR-\d+) waiting for approval/.exec(proposed.text)?.[1];
  assert.ok(id, proposed.text);
  const approved = await run(`/net approve ${id}`, approver);
  assert.equal(approved.status, 0, `${line}:\n${approved.text}`);
  assert.match(approved.text, /committed/, approved.text);
  return { request: proposed.text, run: approved.text };
}
