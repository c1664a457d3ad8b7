/**
 * The REPL fed from a pipe (a script of lines, not a terminal): each line runs to its end
 * before the next, and the end of the input lets the last job finish rather than cancel it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { ConsoleAdapter } from '../../src/console/console-adapter.js';
import { runRepl } from '../../src/console/repl.js';
import { systemClock } from '../../src/core/clock.js';
import { labSpecs, startRig } from '../support/test-lab.js';
import { textSink } from '../support/text-sink.js';

test('piped lines run in order, each to its end; the end of input does not cancel', { timeout: 60_000 }, async () => {
  const rig = await startRig(labSpecs(2, () => ({ latencyMs: 20 })));
  const output = textSink();
  try {
    const adapter = new ConsoleAdapter(rig.app.service, { out: output, clock: systemClock, attachmentsDir: join(rig.dir, 'x') });
    const input = new PassThrough();
    input.end('/net show-version device=* --confirm\n/net jobs\n/net show-version device=east-core-001\n');
    await runRepl(adapter, { input, output, user: 'alice' });
    const text = output.text();
    const j1 = text.indexOf('J-1 /net show-version device=* --confirm (by alice): succeeded');
    // /net jobs ran after J-1 ended: it lists J-1 as finished, nothing running.
    const jobs = text.search(/^net> 1 recent job, 0 waiting for approval$/m);
    const j2 = text.indexOf('J-2 /net show-version device=east-core-001 (by alice): succeeded');
    assert.ok(j1 > 0 && j2 > 0, text);
    assert.ok(j1 < jobs && jobs < j2, 'each line ran after the one before had ended');
    assert.match(text.slice(jobs), /^J-1 +succeeded/m);
    assert.doesNotMatch(text, /cancelled/);
  } finally {
    await rig.close();
  }
});
