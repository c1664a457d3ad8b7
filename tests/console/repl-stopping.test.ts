/**
 * The REPL once the process is stopping (SIGTERM's stopIntake aborts its signal): the job in
 * hand goes on to its end; a line read after the stop began is answered "stopping: not taking
 * new requests" and starts nothing, as Slack answers "restarting, try again".
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { ConsoleAdapter } from '../../src/console/console-adapter.js';
import { runRepl, STOPPING } from '../../src/console/repl.js';
import { systemClock } from '../../src/core/clock.js';
import { WorkTracker } from '../../src/ops/work-tracker.js';
import { eventually } from '../slack/fake-slack-testkit.js';
import { labSpecs, startRig } from '../support/test-lab.js';
import { textSink } from '../support/text-sink.js';

test('stopping: lines read after the stop began start nothing and say why; the running job ends on its own', {
  timeout: 60_000,
}, async () => {
  const rig = await startRig(labSpecs(2, () => ({ latencyMs: 150 })));
  const output = textSink();
  try {
    const work = new WorkTracker();
    const adapter = new ConsoleAdapter(rig.app.service, { out: output, clock: systemClock, attachmentsDir: join(rig.dir, 'x'), work });
    const input = new PassThrough();
    const stopping = new AbortController();
    const repl = runRepl(adapter, { input, output, user: 'alice', stopping: stopping.signal });
    input.write('/net show-version device=* --confirm\n');
    await eventually(() => work.size === 1, 30_000);
    stopping.abort();
    input.end('/net show-version device=east-core-001\nas bob\n/net jobs\n');
    await repl;
    const text = output.text();

    // Three lines after the stop, three refusals; the job that was running ended as it would have.
    assert.equal(text.split(STOPPING).length - 1, 3, text);
    assert.match(text, /J-1 \/net show-version device=\* --confirm \(by alice\): succeeded/);
    assert.doesNotMatch(text, /J-2|you are now bob/);
    const requested = await rig.app.audit.query({ action: 'job.requested' });
    assert.deepEqual(
      requested.map((r) => r.jobId),
      ['J-1'],
    );
  } finally {
    await rig.close();
  }
});
