import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { ConsoleAdapter, type LineStatus } from '../../src/console/console-adapter.js';
import { systemClock } from '../../src/core/clock.js';
import type { Clock } from '../../src/core/ports.js';
import { labSpecs, startRig, type TestRig } from '../support/test-lab.js';

export interface PolicyConsole {
  rig: TestRig;
  /** Runs one line as a console user to its end: its exit status and what it printed. */
  run(line: string, as: string): Promise<{ status: LineStatus; out: string }>;
}

/** The console adapter over `devices` lab devices whose NETOPS_POLICY is `policy` (YAML); all removed after `body`. */
export async function withPolicyConsole(
  policy: string,
  o: { devices: number; clock?: Clock },
  body: (c: PolicyConsole) => Promise<void>,
): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'netops-policy-console-'));
  const policyFile = join(dir, 'policy.yaml');
  await writeFile(policyFile, policy);
  const rig = await startRig(labSpecs(o.devices), { env: { NETOPS_POLICY: policyFile }, clock: o.clock });
  let out = '';
  const sink = new Writable({
    write(chunk, _e, done) {
      out += String(chunk);
      done();
    },
  });
  const adapter = new ConsoleAdapter(rig.app.service, { out: sink, clock: o.clock ?? systemClock, attachmentsDir: join(dir, 'files') });
  const run = async (line: string, as: string) => {
    out = '';
    const status = await adapter.run(line, { id: as, name: as, via: 'console' });
    return { status, out };
  };
  try {
    await body({ rig, run });
  } finally {
    await adapter.idle();
    await rig.close();
    await rm(dir, { recursive: true, force: true });
  }
}
