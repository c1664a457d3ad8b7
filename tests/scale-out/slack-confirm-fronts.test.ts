/**
 * The blast-radius Confirm button with two Slack fronts in Socket Mode (real child processes, one
 * fake Slack spreading envelopes over their connections, a worker, PostgreSQL, the lab): the
 * offer is kept in PostgreSQL, so a click reaching the front that did not show the button runs
 * the request, once; the same click delivered to both fronts at once runs once; and a click after
 * the offering front has stopped still runs. Judged by the devices' logins and the audit chain.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { CONFIRM_ACTION } from '../../src/slack/confirm-button.js';
import { NO_DATABASE, testDatabase } from '../support/postgres.js';
import { scaleOutRig, type ScaleOutRig } from '../support/scale-out-rig.js';
import { until } from '../support/scale-out-scenario.js';
import { seeded, slackFront } from '../support/slack-fronts.js';
import { labSpecs } from '../support/test-lab.js';
import { FakeSlack } from '../slack/fake-slack.js';
import { buttonPressPayload, slashCommandPayload, SLASH_COMMAND_DEFAULTS as ALICE } from '../slack/slack-signing.js';

const db = await testDatabase('slack_confirm_fronts');
after(() => db?.drop());

const BOB = { userId: 'U0BOB0001', userName: 'bob' };
const specs = labSpecs(4);
const CONFIRMED = '/net show-version device=* --confirm';

/** The Confirm button's token in a refusal's blocks. */
function tokenOf(blocks: unknown): string {
  const el = ((blocks ?? []) as { type: string; elements?: { action_id?: string; value?: string }[] }[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? [])
    .find((e) => e.action_id === CONFIRM_ACTION);
  assert.ok(el?.value, `a Confirm button in ${JSON.stringify(blocks)}`);
  return el.value;
}

/** Types the read over every device on a random front: the refusal, its token and the connection that offered it. */
async function refusal(fake: FakeSlack) {
  const ack = await fake.sendEnvelope('slash_commands', slashCommandPayload({ text: 'show-version device=*' }));
  const blocks = (ack.ackPayload as { blocks?: unknown }).blocks;
  assert.match(JSON.stringify(blocks), /would run on every device \(4\)/);
  return { token: tokenOf(blocks), on: ack.connection };
}

const press = (token: string, who: { userId: string; userName: string } = { userId: ALICE.user_id, userName: ALICE.user_name }) =>
  buttonPressPayload({ actionId: CONFIRM_ACTION, value: token, messageTs: '', ...who });

/** The confirmed runs so far: their job ids, in order. */
const confirmedJobs = async (rig: ScaleOutRig) =>
  (await rig.audit()).filter((r) => r.action === 'job.requested' && r.detail?.['commandLine'] === CONFIRMED).map((r) => r.job_id!);

/** Waits for the n-th confirmed run to finish; asserts it read every device, each on one login since `logins`. */
async function ranOnceMore(rig: ScaleOutRig, n: number, logins: number): Promise<void> {
  await until(`confirmed run ${n}`, async () => (await confirmedJobs(rig)).length >= n);
  const jobs = await confirmedJobs(rig);
  assert.equal(jobs.length, n, `exactly ${n} confirmed run(s): ${jobs.join(', ')}`);
  const job = jobs[n - 1]!;
  await until(`${job} finished`, async () => (await rig.audit()).some((r) => r.action === 'job.finished' && r.job_id === job));
  const trail = (await rig.audit()).filter((r) => r.job_id === job);
  assert.equal(trail.find((r) => r.action === 'job.finished')?.outcome, 'succeeded');
  assert.equal(trail.find((r) => r.action === 'job.requested')?.actor?.id, ALICE.user_id, 'run as the user who typed it');
  const read = rig.lab.configModeLog().connections.slice(logins);
  assert.deepEqual(read.map((c) => c.device).sort(), specs.map((s) => s.name).sort(), `${job}: each device logged in to once`);
}

/** Waits for one more ephemeral to `user` matching `re` than `before` counted. */
async function told(fake: FakeSlack, user: string, re: RegExp, before: number): Promise<number> {
  const count = () => fake.ephemerals().filter((e) => e.user === user && re.test(String(e.text))).length;
  await until(`${user} told ${re}`, () => count() > before);
  return count();
}

test('two Slack fronts: a Confirm click runs once on whichever front gets it, even both at once or after its front stopped', {
  skip: db ? false : NO_DATABASE,
}, async () => {
  const fake = await FakeSlack.start({ random: seeded(16), users: { [ALICE.user_id]: 'alice', [BOB.userId]: 'bob' } });
  const rig = await scaleOutRig(db!, specs);
  try {
    await rig.worker('w1');
    const a = await slackFront(rig, fake, 'front-a');
    const b = await slackFront(rig, fake, 'front-b');
    const other = (on: number) => (on === a.connection ? b.connection : a.connection);
    const stale = /no longer valid/;

    // 1. Offered on one front, clicked on the other: bob's misrouted click is refused and leaves
    //    the offer for alice, whose click runs it; a replay on the offering front runs nothing.
    const first = await refusal(fake);
    await fake.sendEnvelope('interactive', press(first.token, BOB), { to: other(first.on) });
    await told(fake, BOB.userId, /only the person who typed this command may confirm it/, 0);
    let logins = rig.lab.configModeLog().connections.length;
    const clicked = await fake.sendEnvelope('interactive', press(first.token), { to: other(first.on) });
    assert.equal(clicked.connection, other(first.on));
    await ranOnceMore(rig, 1, logins);
    await fake.sendEnvelope('interactive', press(first.token), { to: first.on });
    let stales = await told(fake, ALICE.user_id, stale, 0);

    // 2. One click delivered to both fronts at once: one claims it and runs it, the other says so.
    const second = await refusal(fake);
    logins = rig.lab.configModeLog().connections.length;
    const acks = await Promise.all([a, b].map((f) => fake.sendEnvelope('interactive', press(second.token), { to: f.connection })));
    assert.deepEqual(acks.map((x) => x.connection).sort(), [a.connection, b.connection].sort(), 'both fronts took the click');
    stales = await told(fake, ALICE.user_id, stale, stales);
    await ranOnceMore(rig, 2, logins);

    // 3. Offered on a front that then stops: the click reaches the one left, and runs.
    const third = await refusal(fake);
    const [gone, left] = third.on === a.connection ? [a, b] : [b, a];
    await gone.child.end();
    logins = rig.lab.configModeLog().connections.length;
    await fake.sendEnvelope('interactive', press(third.token), { to: left.connection });
    await ranOnceMore(rig, 3, logins);

    assert.equal(
      fake.ephemerals().filter((e) => e.user === ALICE.user_id && stale.test(String(e.text))).length,
      2,
      'alice was told "no longer valid" for the replay and the losing front only',
    );
    assert.deepEqual(fake.violations, []);
    const verify = await rig.script('audit-verify.ts');
    assert.equal(verify.code, 0, verify.output());
  } finally {
    await rig.close();
    await fake.close();
  }
});
