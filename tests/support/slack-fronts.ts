/** Slack fronts of the scale-out rig: `src/main.ts` child processes in Socket Mode against one fake Slack. */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Child, ScaleOutRig } from './scale-out-rig.js';
import { until } from './scale-out-scenario.js';
import { FAKE_APP_TOKEN, FAKE_BOT_TOKEN, type FakeSlack } from '../slack/fake-slack.js';
import { slashCommandPayload } from '../slack/slack-signing.js';

/** A small seeded generator (mulberry32): the fake's routing is random, and the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A Slack front: `src/main.ts` with Slack tokens (the one-shot spawn; a Slack front ignores the
 * line); resolves with its Socket Mode connection id once its socket is open, and the process.
 * Start fronts one after the other, so each new connection id is known to belong to one front.
 */
export async function slackFront(
  rig: ScaleOutRig,
  fake: FakeSlack,
  name: string,
  env: Record<string, string> = {},
): Promise<{ connection: number; child: Child }> {
  const before = fake.socketConnectionIds;
  const c = rig.oneShot(name, '', {
    env: { SLACK_BOT_TOKEN: FAKE_BOT_TOKEN, SLACK_APP_TOKEN: FAKE_APP_TOKEN, SLACK_API_URL: fake.apiUrl, ...env },
  });
  await c.waitFor(/Socket Mode connected/);
  await until(`${name}'s socket`, () => fake.socketConnectionIds.length > before.length);
  const ids = fake.socketConnectionIds.filter((id) => !before.includes(id));
  assert.equal(ids.length, 1, `${name} opened one connection`);
  return { connection: ids[0]!, child: c };
}

/**
 * Proposes a change by slash command (as the payload's default user, or `as`) on a random
 * connection; resolves with its id, message and the connection that took it.
 */
export async function proposeInSlack(fake: FakeSlack, line: string, as: { user_id?: string; user_name?: string } = {}) {
  const text = (blocks: unknown) => JSON.stringify(blocks) ?? '';
  const known = new Set(fake.messages().map((m) => m.ts));
  const ack = await fake.sendEnvelope('slash_commands', slashCommandPayload({ text: line, ...as }));
  let cr: ReturnType<FakeSlack['messages']>[number] | undefined;
  await until(`the change request of ${line}`, () => {
    cr = fake.messages().find((m) => !known.has(m.ts) && /CR-\d+/.test(text(m.blocks)));
    return cr !== undefined;
  });
  return { id: text(cr!.blocks).match(/CR-\d+/)![0], ts: cr!.ts, on: ack.connection };
}

/** Writes `yaml` as the policy file in the rig's directory; the environment that makes a process use it. */
export async function policyEnv(rig: ScaleOutRig, yaml: string): Promise<Record<string, string>> {
  const file = join(rig.dir, 'policy.yaml');
  await writeFile(file, yaml);
  // The rig's shorthand approvers would conflict with a policy file.
  return { NETOPS_POLICY: file, NETOPS_APPROVERS: '' };
}
