import { test } from 'node:test';
import assert from 'node:assert/strict';
import { labSpecs } from '../support/test-lab.js';
import { eventually } from './fake-slack-testkit.js';
import { publishedView } from './fake-slack-views.js';
import { startSlackRig, type SlackRig } from './slack-rig.js';
import { buttonPressPayload, slashCommandPayload } from './slack-signing.js';
import { withPolicySlackRig } from '../policy/policy-slack-rig.js';
import { pciPolicy } from '../policy/test-policies.js';

const ALICE = 'U0ALICE01';
const BOB = 'U0BOB0001';

const opened = (user: string) => ({
  type: 'event_callback',
  team_id: 'T0FAKE001',
  api_app_id: 'A0FAKEAPP',
  event: { type: 'app_home_opened', user, channel: 'D0HOME001', tab: 'home', event_ts: '1700000000.000001' },
});

/** The newest Home view published for `user`, as text; and how many were published for them. */
function home(s: SlackRig, user: string): { text: string; count: number; blocks: unknown[] } {
  const calls = s.fake.callsTo('views.publish').filter((c) => c.args.user_id === user && !c.error);
  const view = calls.length ? publishedView(calls[calls.length - 1]!.args) : undefined;
  return { text: JSON.stringify(view?.blocks ?? []), count: calls.length, blocks: view?.blocks ?? [] };
}

/** The action ids and values of the view's buttons, in order. */
function buttons(blocks: unknown[]): string[] {
  const found: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === 'button') found.push(`${o.action_id}:${o.value}`);
      Object.values(o).forEach(walk);
    }
  };
  walk(blocks);
  return found;
}

test('App Home: your requests, approvals waiting for an approver with the channel buttons, refreshed as they change', async () => {
  const s = await startSlackRig(
    labSpecs(4, () => ({ latencyMs: 20 })),
    { mode: 'socket', env: { NETOPS_APPROVERS: BOB } },
  );
  try {
    await s.fake.waitForSocket();
    await s.fake.sendEnvelope('events_api', opened(ALICE));
    await s.fake.sendEnvelope('events_api', opened(BOB));
    await eventually(() => home(s, ALICE).count === 1 && home(s, BOB).count === 1);
    assert.match(home(s, ALICE).text, /Nothing is running/);
    assert.match(home(s, ALICE).text, /You have no change request waiting/);
    assert.doesNotMatch(home(s, ALICE).text, /Waiting for your approval/, 'alice is no approver');
    assert.match(home(s, BOB).text, /Nothing waits for you/);

    const cr = await s.fake.sendEnvelope(
      'slash_commands',
      slashCommandPayload({ text: 'config device=east-core-001 template=ntp server=192.0.2.10' }),
    );
    assert.ok(cr.ackedAfterMs < 3000);
    await s.bot.idle();
    await eventually(() => /CR-\d+/.test(home(s, BOB).text) && /CR-\d+/.test(home(s, ALICE).text));
    const id = /CR-\d+/.exec(home(s, BOB).text)![0];
    const jobId = id.replace('CR-', 'J-');
    // Approving links to the request (the core takes approvals only where the plan is shown in full); Reject works here.
    assert.deepEqual(buttons(home(s, BOB).blocks), [`netops_review_${jobId}:undefined`, `netops_reject:${id}`]);
    assert.match(home(s, BOB).text, /app_redirect\?channel=C0NETOPS1/);
    // The requester may withdraw hers, never approve it.
    assert.deepEqual(buttons(home(s, ALICE).blocks), [`netops_reject:${id}`]);
    assert.match(home(s, ALICE).text, /Withdraw/);

    // Bob approves on the request message: both Home tabs drop it.
    const request = () => s.fake.messages().find((m) => !m.thread_ts && JSON.stringify(m.blocks).includes(id));
    const approve = buttonPressPayload({ actionId: 'netops_approve', value: id, userId: BOB, userName: 'bob', messageTs: request()!.ts });
    await s.fake.sendEnvelope('interactive', approve);
    await eventually(() => !home(s, BOB).text.includes(id) && !home(s, ALICE).text.includes(id), 10_000);
    await s.bot.idle();
    assert.match(JSON.stringify(request()!.blocks), /approved by bob/);

    // A second request, rejected from Bob's Home tab (a click with no channel): the same handler, the message says so.
    await s.fake.sendEnvelope(
      'slash_commands',
      slashCommandPayload({ text: 'config device=west-core-002 template=ntp server=192.0.2.11' }),
    );
    await s.bot.idle();
    await eventually(() => /CR-\d+/.test(home(s, BOB).text));
    const second = /CR-\d+/.exec(home(s, BOB).text)![0];
    assert.notEqual(second, id);
    const reject = buttonPressPayload({ actionId: 'netops_reject', value: second, userId: BOB, userName: 'bob' });
    await s.fake.sendEnvelope('interactive', { ...reject, container: { type: 'view', view_id: 'V00000001' }, channel: undefined });
    await eventually(
      () => /Nothing waits for you/.test(home(s, BOB).text) && /no change request waiting/.test(home(s, ALICE).text),
      10_000,
    );
    await s.bot.idle();
    const rejected = s.fake.messages().find((m) => !m.thread_ts && JSON.stringify(m.blocks).includes(second));
    assert.match(JSON.stringify(rejected!.blocks), /rejected by bob/);

    // A click on a tab drawn before the request ended (no channel to answer in): the refusal comes as a DM.
    await s.fake.sendEnvelope('interactive', { ...reject, container: { type: 'view', view_id: 'V00000001' }, channel: undefined });
    const dm = () => s.fake.messages().find((m) => m.channel.startsWith('D'));
    await eventually(() => dm() !== undefined);
    assert.equal(dm()!.channel, 'D0BOB0001');
    assert.match(String(dm()!.text), new RegExp(`no change request ${second} is waiting for approval`));
    assert.deepEqual(s.fake.violations, []);
  } finally {
    await s.close();
  }
});

test('App Home: a running job is listed with its Cancel button while it runs', async () => {
  const s = await startSlackRig(
    labSpecs(6, () => ({ latencyMs: 300 })),
    { mode: 'socket' },
  );
  try {
    await s.fake.waitForSocket();
    await s.fake.sendEnvelope('events_api', opened(ALICE));
    await eventually(() => home(s, ALICE).count === 1);
    await s.fake.sendEnvelope('slash_commands', slashCommandPayload({ text: 'show-version device=* --confirm' }));
    await eventually(() => /netops_cancel:J-\d+/.test(buttons(home(s, ALICE).blocks).join(' ')), 5000);
    assert.match(home(s, ALICE).text, /show-version device=\*/);
    await s.bot.idle();
    await eventually(() => /Nothing is running/.test(home(s, ALICE).text), 20_000);
  } finally {
    await s.close();
  }
});

/** The texts of the sections under a header of the view, up to the next header (empty when the header is absent). */
function under(blocks: unknown[], title: string): string[] {
  const b = blocks as { type: string; text?: { text?: string } }[];
  const start = b.findIndex((x) => x.type === 'header' && x.text?.text === title);
  if (start < 0) return [];
  const end = b.findIndex((x, i) => i > start && x.type === 'header');
  return b.slice(start + 1, end < 0 ? undefined : end).flatMap((x) => (x.type === 'section' && x.text?.text ? [x.text.text] : []));
}

test('App Home: a request needing two approvers moves, for the one who approved it, to "approved by you, waiting for 1 more"', async () => {
  const [CAROL, ERIN] = ['U0CAROL01', 'U0ERIN001'];
  const policy = pciPolicy({ requester: ALICE, pci: [CAROL, ERIN] });
  await withPolicySlackRig(policy, { devices: 4, mode: 'socket' }, async (s) => {
    await s.fake.waitForSocket();
    for (const u of [CAROL, ERIN]) await s.fake.sendEnvelope('events_api', opened(u));
    await eventually(() => home(s, CAROL).count === 1 && home(s, ERIN).count === 1);
    await s.fake.sendEnvelope('slash_commands', slashCommandPayload({ text: 'config site=east template=ntp server=192.0.2.10' }));
    await s.bot.idle();
    const waitingFor = (u: string) => under(home(s, u).blocks, 'Waiting for your approval').join('\n');
    const approvedBy = (u: string) => under(home(s, u).blocks, 'Approved by you, waiting for others').join('\n');
    await eventually(() => /CR-\d+/.test(waitingFor(CAROL)) && /CR-\d+/.test(waitingFor(ERIN)));
    const id = /CR-\d+/.exec(waitingFor(CAROL))![0];
    assert.equal(approvedBy(CAROL), '', 'nothing approved yet');

    // Carol's approval counts (1 of 2): her tab moves it; Erin's still asks for hers.
    const request = s.fake.messages().find((m) => !m.thread_ts && JSON.stringify(m.blocks).includes(id))!;
    const approve = (userId: string, userName: string) =>
      s.fake.sendEnvelope(
        'interactive',
        buttonPressPayload({ actionId: 'netops_approve', value: id, userId, userName, messageTs: request.ts }),
      );
    await approve(CAROL, 'carol');
    await eventually(() => approvedBy(CAROL).includes(id), 10_000);
    assert.doesNotMatch(waitingFor(CAROL), new RegExp(id), 'no longer waiting for her');
    assert.match(approvedBy(CAROL), /approved by you, waiting for 1 more \(1 of 2 approvals\)/);
    assert.deepEqual(buttons(home(s, CAROL).blocks), [`netops_reject:${id}`], 'nothing left for her to review; Reject stays');
    assert.match(waitingFor(ERIN), new RegExp(id));
    assert.equal(approvedBy(ERIN), '');

    // Erin's approval runs it: it leaves both tabs.
    await approve(ERIN, 'erin');
    await eventually(() => !home(s, CAROL).text.includes(id) && !home(s, ERIN).text.includes(id), 10_000);
    await s.bot.idle();
    assert.match(JSON.stringify(s.fake.message(request.channel, request.ts)!.blocks), /approved by erin/);
    assert.deepEqual(s.fake.violations, []);
  });
});
