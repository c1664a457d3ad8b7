/**
 * Runs the real REPL on this process's terminal against a lab where one device never
 * answers (so a job runs until it is cancelled). Started by repl-pty.test.ts under a
 * pseudo-terminal; exits when the REPL ends.
 */
import { join } from 'node:path';
import { ConsoleAdapter } from '../../src/console/console-adapter.js';
import { runRepl } from '../../src/console/repl.js';
import { systemClock } from '../../src/core/clock.js';
import { labSpecs, startRig } from '../support/test-lab.js';

const rig = await startRig(
  labSpecs(3, (i) => ({ fault: i === 1 ? 'hang' : 'none' })),
  { env: { NETOPS_DEVICE_TIMEOUT_MS: '120000', NETOPS_COMMAND_TIMEOUT_MS: '120000' } },
);
const adapter = new ConsoleAdapter(rig.app.service, { out: process.stdout, clock: systemClock, attachmentsDir: join(rig.dir, 'exports') });
await runRepl(adapter, { input: process.stdin, output: process.stdout, user: 'alice' });
await rig.close();
process.stdout.write('driver: done\n');
process.exit(0);
