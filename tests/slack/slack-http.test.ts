import { test } from 'node:test';
import assert from 'node:assert/strict';
import { labSpecs } from '../support/test-lab.js';
import { startSlackRig, SIGNING_SECRET } from './slack-rig.js';
import { eventually } from './fake-slack-testkit.js';
import { buttonPressPayload, SLASH_COMMAND_DEFAULTS as D } from './slack-signing.js';
import { CANCEL_ACTION } from '../../src/slack/block-kit.js';

const texts = (blocks: unknown[] = []) => JSON.stringify(blocks);

test('HTTP mode: help, devices and jobs are answered ephemerally in the ack', async () => {
  const s = await startSlackRig(labSpecs(4));
  try {
    const help = await s.command('help');
    assert.equal(help.status, 200);
    assert.equal(help.body.response_type, 'ephemeral');
    assert.match(texts(help.body.blocks), /\/net show-version/);
    const devices = await s.command('devices site=east');
    assert.equal(devices.body.response_type, 'ephemeral');
    assert.match(texts(devices.body.blocks), /east-core-001/);
    assert.doesNotMatch(texts(devices.body.blocks), /west-core-002/);
    const jobs = await s.command('jobs');
    assert.match(jobs.body.text, /No jobs yet/);
    assert.equal(s.fake.callsTo('chat.postMessage').length, 0, 'nothing is posted in the channel');
    assert.deepEqual(s.fake.violations, []);
  } finally {
    await s.close();
  }
});

const MISTAKES: [string, string, RegExp, RegExp?][] = [
  ['unknown command', 'show-versoin site=east', /unknown command "show-versoin"/, /did you mean \/net show-version\?/],
  ['selector typo', 'show-version site=eats', /no site named "eats"/, /did you mean site=east\?/],
  ['matches nothing', 'show-version site=east role=edge device=zzz*', /no device matches/, /\/net devices/],
  ['no targets', 'show-version', /no targets given/, /site=east/],
  ['unknown argument', 'show-version site=east colour=red', /has no argument "colour"/],
  ['grammar', 'show-version site="east', /unclosed double quote/],
];
test('HTTP mode: mistakes are answered only to the user who typed them, with a suggestion, and nothing runs', async () => {
  const s = await startSlackRig(labSpecs(6));
  try {
    for (const [name, text, message, hint] of MISTAKES) {
      const r = await s.command(text);
      assert.equal(r.status, 200, name);
      assert.equal(r.body.response_type, 'ephemeral', name);
      assert.match(r.body.text, message, name);
      if (hint) assert.match(r.body.text, hint, name);
    }
    assert.equal(s.fake.calls.filter((c) => c.method.startsWith('chat.')).length, 0);
    await s.rig.app.audit.flush();
    assert.equal(s.rig.app.audit.records().length, 0);
  } finally {
    await s.close();
  }
});

test('HTTP mode: forged and stale requests are refused and run nothing', async () => {
  const s = await startSlackRig(labSpecs(2));
  try {
    const forged = await s.command('show-version site=east', {}, { secret: SIGNING_SECRET.replace(/.$/, '0') });
    assert.equal(forged.status, 401);
    const stale = await s.command('show-version site=east', {}, { ageSec: 6 * 60 });
    assert.equal(stale.status, 401);
    const fresh = await s.command('help', {}, { ageSec: 60 });
    assert.equal(fresh.status, 200);
    // Whatever the bot started is tracked from its ack on: once idle, nothing more can come.
    await s.bot.idle();
    assert.equal(s.fake.callsTo('chat.postMessage').length, 0);
    assert.equal(s.rig.app.audit.records().length, 0);
  } finally {
    await s.close();
  }
});

test('HTTP mode: 100-device job with failing devices: one message, paced edits, summary within limits, file attached', async () => {
  const failing = new Set([7, 42, 77]);
  const specs = labSpecs(100, (i) => ({ fault: failing.has(i) ? 'refuse-auth' : 'none', latencyMs: 5 + (i % 7) * 30 }));
  const s = await startSlackRig(specs, { env: { NETOPS_CONCURRENCY: '20' } });
  try {
    const t0 = Date.now();
    const ack = await s.command('show-version site=east,west --confirm');
    assert.equal(ack.status, 200);
    // Slack's deadline is 3 s; an idle machine acks in about 25 ms.
    assert.ok(ack.ms < 3000, `ack took ${ack.ms} ms`);
    await s.bot.idle();
    const seconds = (Date.now() - t0) / 1000;

    const posts = s.fake.callsTo('chat.postMessage').filter((c) => !c.args['thread_ts']);
    assert.equal(posts.length, 1, 'one job message');
    const ts = s.fake.messages().find((m) => !m.thread_ts && m.channel === D.channel_id)!.ts;
    const updates = s.fake.callsTo('chat.update');
    assert.ok(updates.length >= 2, 'progress was streamed');
    assert.ok(updates.length <= seconds + 3, `${updates.length} edits in ${seconds.toFixed(1)} s`);
    const msg = s.fake.message(D.channel_id, ts)!;
    assert.match(texts(msg.blocks), /partially-failed/);
    assert.match(texts(msg.blocks), /97 ok · 3 failed/);
    for (const i of failing) assert.match(texts(msg.blocks), new RegExp(`${specs[i]!.name}\\*? failed: authentication rejected`));
    assert.doesNotMatch(texts(msg.blocks), /Cancel/, 'the summary has no Cancel button');
    assert.ok(msg.blocks!.length <= 50);
    assert.deepEqual(s.fake.violations, []);

    // 97 rows do not fit the channel: the full results go to a file in the job's thread.
    const files = s.fake.files().filter((f) => f.completed);
    assert.equal(files.length, 1);
    assert.equal(files[0]!.thread_ts, ts);
    for (const spec of specs) assert.ok(files[0]!.content!.includes(`===== ${spec.name}:`), spec.name);

    const requested = (await s.rig.app.audit.query({ action: 'job.requested' }))[0]!;
    assert.deepEqual(requested.actor, { id: D.user_id, name: D.user_name, via: 'slack', team: D.team_id, channel: D.channel_id });
    assert.deepEqual(requested.detail?.['message'], { channel: D.channel_id, ts, team: D.team_id });
    assert.equal((await s.rig.app.audit.query({ action: 'device.result' })).length, 100);
  } finally {
    await s.close();
  }
});

test('HTTP mode: Cancel button mid-job; only the requester or an approver may cancel', async () => {
  // A job of about 9 s (60 devices of 300 ms, two at a time) that the cancel, about a second in
  // when idle, meets with devices done, running and waiting however busy the machine; cancelled,
  // it ends at once.
  const s = await startSlackRig(
    labSpecs(60, () => ({ latencyMs: 300 })),
    { env: { NETOPS_CONCURRENCY: '2', NETOPS_APPROVERS: 'U0CAROL01' } },
  );
  try {
    await s.command('show-version device=* --confirm');
    await eventually(() => s.fake.callsTo('chat.postMessage').length === 1);
    const ts = s.fake.messages()[0]!.ts;
    const jobId = JSON.stringify(s.fake.messages()[0]!.blocks).match(/J-\d+/)![0];
    await eventually(() => (s.rig.app.service.jobs()[0]?.results.length ?? 0) > 0);
    const bob = await s.interact(
      buttonPressPayload({ actionId: CANCEL_ACTION, value: jobId, userId: 'U0BOB0001', userName: 'bob', messageTs: ts }),
    );
    assert.equal(bob.status, 200);
    await eventually(() => s.fake.ephemerals().length === 1);
    assert.match(s.fake.ephemerals()[0]!.text, new RegExp(`only alice or an approver may cancel ${jobId}`));
    assert.equal(s.fake.ephemerals()[0]!.user, 'U0BOB0001');
    await s.interact(buttonPressPayload({ actionId: CANCEL_ACTION, value: jobId, userId: 'U0CAROL01', userName: 'carol', messageTs: ts }));
    await s.bot.idle();
    const msg = s.fake.message(D.channel_id, ts)!;
    assert.match(texts(msg.blocks), /· cancelled/);
    assert.match(texts(msg.blocks), /cancelled before it started/);
    assert.match(texts(msg.blocks), /cancelled while running/);
    const cancelReq = await s.rig.app.audit.query({ action: 'job.cancel-requested' });
    assert.equal(cancelReq.length, 1);
    assert.equal(cancelReq[0]!.actor.id, 'U0CAROL01');
  } finally {
    await s.close();
  }
});

test('HTTP mode: /net cancel J-n typed by the requester', async () => {
  // About 4.5 s of job (30 devices of 300 ms, two at a time): the typed cancel meets it running.
  const s = await startSlackRig(
    labSpecs(30, () => ({ latencyMs: 300 })),
    { env: { NETOPS_CONCURRENCY: '2' } },
  );
  try {
    await s.command('show-version device=* --confirm');
    await eventually(() => s.fake.callsTo('chat.postMessage').length === 1);
    const jobId = JSON.stringify(s.fake.messages()[0]!.blocks).match(/J-\d+/)![0];
    const nope = await s.command(`cancel ${jobId}`, { user_id: 'U0BOB0001', user_name: 'bob' });
    assert.match(nope.body.text, /only alice or an approver/);
    const r = await s.command(`cancel ${jobId}`);
    assert.equal(r.body.response_type, 'ephemeral');
    assert.match(r.body.text, new RegExp(`Cancelling ${jobId}`));
    await s.bot.idle();
    assert.match(texts(s.fake.messages()[0]!.blocks), /cancelled/);
    const again = await s.command(`cancel ${jobId}`);
    assert.match(again.body.text, /has already ended \(cancelled\)/);
  } finally {
    await s.close();
  }
});

test('HTTP mode: a 429 storm on chat.update still ends with the right final message', async () => {
  const s = await startSlackRig(
    labSpecs(24, (i) => ({ latencyMs: 20 + (i % 6) * 60 })),
    { env: { NETOPS_CONCURRENCY: '6' } },
  );
  try {
    s.fake.rateLimit('chat.update', { count: 4, retryAfterSec: 1 });
    await s.command('show-version device=* --confirm');
    await s.bot.idle();
    const updates = s.fake.callsTo('chat.update');
    assert.ok(updates.filter((c) => c.status === 429).length === 4, 'the storm happened');
    assert.equal(updates.at(-1)!.status, 200);
    const msg = s.fake.messages().find((m) => !m.thread_ts)!;
    assert.match(texts(msg.blocks), /succeeded/);
    assert.match(texts(msg.blocks), /24 ok · 0 failed/);
    assert.deepEqual(s.fake.violations, []);
  } finally {
    await s.close();
  }
});

test('HTTP mode: an answer not ready by the ack deadline is acked as "working on it" and sent ephemerally after', async () => {
  // A deadline of 0 ms stands for Slack's 3 seconds, and a trail of 5,000 records for a large one: verifying
  // it takes tens of milliseconds, so the deadline passes first however fast or busy the machine is.
  const s = await startSlackRig(labSpecs(2), { ackDeadlineMs: 0 });
  try {
    const actor = { id: 'U0FILL', name: 'fill', via: 'console' };
    await Promise.all(Array.from({ length: 5000 }, (_, i) => s.rig.app.audit.append({ actor, action: 'test.fill', outcome: String(i) })));
    const r = await s.command('audit verify');
    assert.equal(r.status, 200);
    assert.match(r.body.text, /Working on it/);
    await s.bot.idle();
    const later = s.fake.ephemerals().find((e) => /Audit trail verified/.test(JSON.stringify(e)));
    assert.ok(later, JSON.stringify(s.fake.ephemerals()));
    assert.equal(later!.user, D.user_id);
    assert.equal(s.fake.ephemerals().length, 1, 'one answer, not two');
  } finally {
    await s.close();
  }
});
