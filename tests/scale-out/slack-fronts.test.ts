/**
 * Two Slack fronts in Socket Mode, real child processes connected to one fake Slack that spreads
 * envelopes over its connections at random (seeded here), as Slack spreads them over an app's
 * instances; a worker, PostgreSQL and the lab. A change proposed on one front is approved by a
 * click that reaches the other; a Cancel reaching the front that did not start the read stops
 * it; one Approve delivered to both fronts at once approves once. Judged by what the devices saw
 * (the lab's record) and by the one audit chain in PostgreSQL.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import type { PlatformId } from '../../src/core/types.js';
import { overlaps } from '../../src/lab/config-mode-log.js';
import { APPROVE_ACTION } from '../../src/slack/change-blocks.js';
import { CANCEL_ACTION } from '../../src/slack/block-kit.js';
import { NO_DATABASE, testDatabase } from '../support/postgres.js';
import { scaleOutRig, type ScaleOutRig } from '../support/scale-out-rig.js';
import { jobOf, linesSent, ntpLine, until } from '../support/scale-out-scenario.js';
import { labSpecs } from '../support/test-lab.js';
import { FakeSlack } from '../slack/fake-slack.js';
import { proposeInSlack, seeded, slackFront } from '../support/slack-fronts.js';
import { buttonPressPayload, slashCommandPayload } from '../slack/slack-signing.js';

const db = await testDatabase('slack_fronts');
after(() => db?.drop());

const CAROL = { userId: 'U0CAROL01', userName: 'carol' };
const ALICE = { userId: 'U0ALICE01', userName: 'alice' };
const changed = labSpecs(6, (i) => ({ platform: (['cisco_ios', 'arista_eos', 'juniper_junos'] as PlatformId[])[i % 3], latencyMs: 300 }));
// Slow devices of a third site, only for the read that is cancelled: with them the read outlasts
// the cancel's trip (front, PostgreSQL, worker) however loaded the machine, so the cancel always
// lands mid-read (with six fast devices it once arrived after the last one on a busy CI run).
const slow = labSpecs(6, () => ({ latencyMs: 1500 })).map((s) => ({ ...s, name: `slow-${s.name}`, site: 'north', group: undefined }));
const specs = [...changed, ...slow];
const east = specs.filter((s) => s.site === 'east');
const west = specs.filter((s) => s.site === 'west');

// A message without blocks (plain text) has nothing to match: JSON.stringify(undefined) is undefined.
const text = (blocks: unknown) => JSON.stringify(blocks) ?? '';

const propose = proposeInSlack;

const ended = async (rig: ScaleOutRig, job: string) => (await rig.audit()).find((r) => r.action === 'job.finished' && r.job_id === job);

/** Asserts from the lab and the trail: each target in config mode once for this change, its line sent once, one approval. */
async function ranOnce(rig: ScaleOutRig, cr: string, targets: typeof specs, server: string): Promise<void> {
  const log = rig.lab.configModeLog();
  for (const d of targets) {
    assert.equal(linesSent(log, d.name, ntpLine(d.platform, server)), 1, `${cr}: ${d.name} sent the line once`);
    // One connection in config mode for it (Junos enters twice on it: `commit confirmed`, then the confirming `commit`).
    const sessions = new Set(
      log.stays
        .filter(
          (s) => s.device === d.name && log.actions.some((a) => a.session === s.session && a.line.trim() === ntpLine(d.platform, server)),
        )
        .map((s) => s.session),
    );
    assert.equal(sessions.size, 1, `${cr}: ${d.name} was in config mode for it on one connection`);
  }
  const trail = (await rig.audit()).filter((r) => r.job_id === jobOf(cr));
  assert.equal(trail.filter((r) => r.action === 'change.approved').length, 1, `${cr} approved once`);
  assert.equal(trail.find((r) => r.action === 'change.approved')!.actor?.id, CAROL.userId);
  const results = trail.filter((r) => r.action === 'device.result');
  assert.deepEqual(results.flatMap((r) => r.targets).sort(), targets.map((t) => t.name).sort(), `${cr}: one result per device`);
  assert.ok(
    results.every((r) => r.outcome === 'ok'),
    results.map((r) => `${r.targets} ${r.outcome}`).join(', '),
  );
  assert.equal(trail.find((r) => r.action === 'job.finished')?.outcome, 'succeeded');
}

test('two Slack fronts in Socket Mode: clicks reach either front, each decision is made once, Cancel works across fronts', {
  skip: db ? false : NO_DATABASE,
}, async () => {
  const fake = await FakeSlack.start({ random: seeded(14), users: { [CAROL.userId]: 'carol', [ALICE.userId]: 'alice' } });
  const rig = await scaleOutRig(db!, specs, { env: { NETOPS_WORKER_CONCURRENCY: '2' } });
  try {
    await rig.worker('w1');
    // One after the other, so each connection id is known to belong to one front.
    const a = (await slackFront(rig, fake, 'front-a', { NETOPS_APPROVERS: CAROL.userId })).connection;
    const b = (await slackFront(rig, fake, 'front-b', { NETOPS_APPROVERS: CAROL.userId })).connection;
    const other = (on: number) => (on === a ? b : a);

    // Envelopes spread over both connections (not vacuous: each front answered some).
    const helps = [];
    for (let i = 0; i < 8; i++) helps.push(await fake.sendEnvelope('slash_commands', slashCommandPayload({ text: 'help' })));
    assert.deepEqual([...new Set(helps.map((h) => h.connection))].sort(), [a, b].sort(), 'both fronts took envelopes');

    // 1. Proposed on one front, approved by a click delivered to the other.
    const first = await propose(fake, 'config site=east template=ntp server=192.0.2.31');
    const click = buttonPressPayload({ actionId: APPROVE_ACTION, value: first.id, messageTs: first.ts, ...CAROL });
    const approved = await fake.sendEnvelope('interactive', click, { to: other(first.on) });
    assert.equal(approved.connection, other(first.on));
    await until(`${first.id} ended`, async () => (await ended(rig, jobOf(first.id))) !== undefined);
    await ranOnce(rig, first.id, east, '192.0.2.31');

    // 2. A double click: the same Approve envelope delivered to both fronts at once.
    const second = await propose(fake, 'config site=west template=ntp server=192.0.2.32');
    const twice = buttonPressPayload({ actionId: APPROVE_ACTION, value: second.id, messageTs: second.ts, ...CAROL });
    const acks = await Promise.all([a, b].map((to) => fake.sendEnvelope('interactive', twice, { to })));
    assert.deepEqual(acks.map((x) => x.connection).sort(), [a, b].sort());
    await until(`${second.id} ended`, async () => (await ended(rig, jobOf(second.id))) !== undefined);
    await ranOnce(rig, second.id, west, '192.0.2.32');
    // Not vacuous: both fronts handled the click, and the one that lost the claim told carol so.
    await until('the losing front answered', () =>
      fake.ephemerals().some((e) => e.user === CAROL.userId && String(e.text).includes(`${second.id} is waiting for approval`)),
    );
    for (const d of changed) {
      const lines = rig.lab.configModeLog().actions.filter((x) => x.device === d.name && x.kind === 'config-line' && /ntp/.test(x.line));
      assert.equal(lines.length, 1, `${d.name}: one ntp line in all`);
    }

    // 3. A read started on one front, cancelled by a click delivered to the other.
    const loginsBefore = rig.lab.configModeLog().connections.length;
    const known = new Set(fake.messages().map((m) => m.ts));
    const read = await fake.sendEnvelope('slash_commands', slashCommandPayload({ text: 'show-version device=* --confirm' }));
    let jobMsg: ReturnType<FakeSlack['messages']>[number] | undefined;
    await until('the read job message with its Cancel button', () => {
      jobMsg = fake.messages().find((m) => !known.has(m.ts) && text(m.blocks).includes(CANCEL_ACTION));
      return jobMsg !== undefined;
    });
    const job = text(jobMsg!.blocks).match(/J-\d+/)![0];
    await until('the workers on the read', () => rig.lab.configModeLog().connections.length > loginsBefore);
    const cancel = buttonPressPayload({ actionId: CANCEL_ACTION, value: job, messageTs: jobMsg!.ts, ...ALICE });
    await fake.sendEnvelope('interactive', cancel, { to: other(read.connection) });
    await until(`${job} ended`, async () => (await ended(rig, job)) !== undefined);
    const end = await ended(rig, job);
    assert.equal(end?.outcome, 'cancelled', JSON.stringify(end));
    const reads = rig.lab.configModeLog().connections.slice(loginsBefore);
    assert.ok(reads.length < specs.length, `the cancel stopped the read before every device was reached (${reads.length} logins)`);
    const results = (await rig.audit()).filter((r) => r.action === 'device.result' && r.job_id === job);
    assert.ok(
      results.some((r) => r.outcome !== 'ok'),
      `some device was not read: ${results.map((r) => `${r.targets} ${r.outcome}`).join(', ')}`,
    );

    assert.deepEqual(overlaps(rig.lab.configModeLog()), [], 'no device twice, no two members of a group at once');
    // No reconnects: each connection id stayed its front's; and Slack saw no broken rule.
    assert.equal(fake.callsTo('apps.connections.open').length, 2);
    assert.deepEqual(fake.violations, []);
    const verify = await rig.script('audit-verify.ts');
    assert.equal(verify.code, 0, verify.output());
    assert.match(verify.output(), /intact/);
  } finally {
    await rig.close();
    await fake.close();
  }
});
