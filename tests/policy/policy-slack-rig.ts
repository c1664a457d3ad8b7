import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labSpecs } from '../support/test-lab.js';
import { startSlackRig, type SlackRig } from '../slack/slack-rig.js';
import type { FakeSlackOptions } from '../slack/fake-slack.js';
import type { Clock } from '../../src/core/ports.js';

/** A Slack rig over `devices` lab devices whose NETOPS_POLICY is `policy` (YAML); the file is removed after `body`. */
export async function withPolicySlackRig(
  policy: string,
  o: { devices: number; fake?: FakeSlackOptions; mode?: 'http' | 'socket'; clock?: Clock },
  body: (s: SlackRig) => Promise<void>,
): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'netops-policy-rig-'));
  const policyFile = join(dir, 'policy.yaml');
  await writeFile(policyFile, policy);
  const s = await startSlackRig(labSpecs(o.devices), { env: { NETOPS_POLICY: policyFile }, fake: o.fake, mode: o.mode, clock: o.clock });
  try {
    await body(s);
  } finally {
    await s.close();
    await rm(dir, { recursive: true, force: true });
  }
}
