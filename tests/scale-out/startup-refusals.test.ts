/**
 * issue 16 on scale-out: fronts and workers verify the audit trail in PostgreSQL at start, from
 * the checkpoint (the record the last start verified up to) to the head, before anything is
 * appended. Real processes: a row tampered with by SQL refuses a worker and a front (exit 78,
 * a message naming the record and what to do; nothing appended, no device contacted);
 * `npm run audit:acknowledge` records the break; audit:verify reports it as acknowledged; the
 * processes start again. The same for records deleted from the end (the chain head row is the
 * witness), and the checkpoint keeps each start from re-reading the verified past.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { PATIENCE_MS } from '../support/scale-out-child.js';
import { NO_DATABASE, testDatabase } from '../support/postgres.js';
import { type Child, scaleOutRig, type ScaleOutRig } from '../support/scale-out-rig.js';
import { labSpecs } from '../support/test-lab.js';

const db = await testDatabase('startup_refusals');
after(() => db?.drop());

const specs = labSpecs(2);
const device = specs[0]!.name;

/** A read through a one-shot front and a worker; resolves with the job's records' seqs. */
async function read(rig: ScaleOutRig): Promise<number[]> {
  const w = await rig.worker('w');
  try {
    const front = rig.oneShot('front', `show-version device=${device}`);
    assert.equal(await front.exited, 0, front.output());
    const job = /J-\d+/.exec(front.output())?.[0];
    assert.ok(job, front.output());
    const rows = (await rig.audit()).filter((r) => r.job_id === job);
    assert.ok(rows.some((r) => r.action === 'job.finished'));
    return rows.map((r) => r.seq);
  } finally {
    await w.end();
  }
}

/** What start-up must not change when it refuses: every record, the head row, the checkpoint. */
async function trailState(rig: ScaleOutRig) {
  const q = async (sql: string) => (await rig.db.pool.query(sql)).rows;
  return {
    records: await q('SELECT seq, hash FROM audit ORDER BY seq'),
    head: await q('SELECT seq, hash FROM audit_head'),
    checkpoint: await q('SELECT seq, hash, verified_at FROM audit_checkpoint'),
  };
}

const checkpoint = async (rig: ScaleOutRig) =>
  Number((await rig.db.pool.query<{ seq: string }>('SELECT seq FROM audit_checkpoint')).rows[0]!.seq);

/** The exit code, or 'still running' (then ended) when the process has not stopped after PATIENCE_MS: a start that was not refused. */
async function exitOf(c: Child): Promise<number | null | 'still running'> {
  const patience = new AbortController();
  const late = delay(PATIENCE_MS, 'still running' as const, { signal: patience.signal }).catch(() => 'still running' as const);
  const code = await Promise.race([c.exited, late]);
  patience.abort();
  if (code === 'still running') await c.end();
  return code;
}

/**
 * Starts a worker and a one-shot front (with `env` on top of the rig's), and asserts both refuse:
 * 78, `setting` and every one of `messages`, nothing written to the trail, no device contacted.
 */
async function assertRefused(rig: ScaleOutRig, setting: string, messages: RegExp[], env: Record<string, string> = {}): Promise<void> {
  const before = await trailState(rig);
  const logins = rig.lab.configModeLog().connections.length;
  const worker = rig.spawnWorker('refused-worker', { env });
  const front = rig.oneShot('refused-front', `show-version device=${device}`, { env });
  for (const [c, who] of [
    [worker, 'netops worker'],
    [front, 'netops'],
  ] as [Child, string][]) {
    assert.equal(await exitOf(c), 78, c.output());
    assert.match(c.output(), new RegExp(`${who}: configuration error: ${setting}: `));
    for (const m of messages) assert.match(c.output(), m);
    assert.doesNotMatch(c.output(), /\n\S+ +at /, 'a sentence, not a stack trace');
  }
  assert.deepEqual(await trailState(rig), before, 'nothing appended, the checkpoint unmoved');
  assert.equal(rig.lab.configModeLog().connections.length, logins, 'no device was contacted');
}

/** The refusal of a broken trail: the record, and what to do. */
const assertTrailRefused = (rig: ScaleOutRig, message: RegExp) =>
  assertRefused(rig, 'NETOPS_DATABASE_URL', [
    new RegExp(`the audit trail in PostgreSQL \\(schema ${rig.db.schema}\\) is broken at record \\d+ in `),
    message,
    /Nothing was appended\. .*npm run audit:acknowledge -- --reason/,
  ]);

async function acknowledge(rig: ScaleOutRig, reason: string): Promise<Child> {
  const c = await rig.script('audit-acknowledge.ts', { args: ['--reason', reason] });
  assert.equal(c.code, 0, c.output());
  return c;
}

test('scale-out start-up verifies the PostgreSQL trail from its checkpoint; a tampered or cut trail refuses fronts and workers until acknowledged', {
  skip: db ? false : NO_DATABASE,
}, async () => {
  const rig = await scaleOutRig(db!, specs);
  try {
    const first = await read(rig);
    const second = await read(rig);
    assert.ok(
      (await checkpoint(rig)) >= Math.max(...first),
      'the start of the second read verified the first and moved the checkpoint past it',
    );
    assert.ok((await checkpoint(rig)) < Math.max(...second), 'records appended since the last start are after the checkpoint');

    // 1. A record after the checkpoint edited by hand.
    const edited = second[1]!;
    await rig.db.pool.query(`UPDATE audit SET outcome = 'tampered' WHERE seq = $1`, [edited]);
    await assertTrailRefused(rig, new RegExp(`broken at record ${edited} in audit: record ${edited} was altered\\.`));
    const broken = await rig.script('audit-verify.ts');
    assert.equal(broken.code, 1);
    assert.match(broken.output(), new RegExp(`BROKEN at record ${edited} in audit: record ${edited} was altered`));

    const noReason = await rig.script('audit-acknowledge.ts');
    assert.equal(noReason.code, 2, noReason.output());
    const acked = await acknowledge(rig, 'ticket 4711: a DBA edited an outcome by hand');
    const ackSeq = Number(
      new RegExp(
        `recorded audit.break-acknowledged as record (\\d+): the break at record ${edited} in audit \\(record ${edited} was altered\\)`,
      ).exec(acked.output())?.[1],
    );
    const ack = (await rig.audit()).find((r) => r.seq === ackSeq)!;
    const lastGood = (await rig.db.pool.query<{ hash: string }>('SELECT hash FROM audit WHERE seq = $1', [edited - 1])).rows[0]!.hash;
    assert.equal(ack.action, 'audit.break-acknowledged');
    assert.deepEqual(
      [ack.detail?.['brokenSeq'], ack.detail?.['lastGoodHash'], ack.detail?.['reason']],
      [edited, lastGood, 'ticket 4711: a DBA edited an outcome by hand'],
    );
    const verified = await rig.script('audit-verify.ts');
    assert.equal(verified.code, 0, verified.output());
    assert.match(
      verified.output(),
      new RegExp(`acknowledged break at record ${edited} in audit: record ${edited} was altered \\(record ${ackSeq}: "ticket 4711`),
    );
    assert.match(verified.output(), /audit trail intact/);
    const third = await read(rig);
    assert.ok((await checkpoint(rig)) >= ackSeq, 'the start verified past the acknowledgement');
    assert.equal(await acknowledge(rig, 'again').then((c) => /nothing to acknowledge/.test(c.output())), true);

    // 2. The last records deleted: the chain that is left is whole, the head row says more were there.
    const cut = third.slice(-2);
    await rig.db.pool.query('DELETE FROM audit WHERE seq = ANY($1)', [cut]);
    await assertTrailRefused(rig, new RegExp(`records ${cut[0]} to ${cut[1]} are missing \\(the chain head is at ${cut[1]}\\)`));
    const tail = await acknowledge(rig, 'ticket 4712: restored from the wrong dump');
    assert.match(tail.output(), new RegExp(`the break at record ${cut[1]! + 1} in audit \\(records ${cut[0]} to ${cut[1]} are missing`));
    const marker = (await rig.audit()).find((r) => r.seq === cut[1]! + 1)!;
    assert.equal(marker.action, 'audit.head-mismatch', 'the head row`s word, recorded where the walk finds the break');
    const afterCut = await rig.script('audit-verify.ts');
    assert.equal(afterCut.code, 0, afterCut.output());
    assert.match(
      afterCut.output(),
      new RegExp(`acknowledged break at record ${cut[1]! + 1} in audit: records ${cut[0]} to ${cut[1]} are missing`),
    );
    await read(rig);

    // 3. The verified past is not re-read at each start (audit:verify's to walk, as sealed segments are).
    await rig.db.pool.query(`UPDATE audit SET outcome = 'tampered' WHERE seq = $1`, [first[0]]);
    await read(rig);
    const old = await rig.script('audit-verify.ts');
    assert.equal(old.code, 1);
    assert.match(old.output(), new RegExp(`BROKEN at record ${first[0]} in audit: record ${first[0]} was altered`));
  } finally {
    await rig.close();
  }
});

test('scale-out start-up refuses a credential profile nobody configured and a known_hosts line that is no host key, fronts and workers alike', {
  skip: db ? false : NO_DATABASE,
}, async () => {
  const rig = await scaleOutRig(db!, specs);
  try {
    await read(rig);
    const inventory = JSON.parse(await readFile(join(rig.dir, 'inventory.json'), 'utf8')) as { devices: { credentials?: string }[] };
    inventory.devices[1]!.credentials = 'west';
    await writeFile(join(rig.dir, 'west-inventory.json'), JSON.stringify(inventory));
    await assertRefused(
      rig,
      'credentials',
      [new RegExp(`device ${specs[1]!.name} names credential profile "west", which is not configured`)],
      { NETOPS_INVENTORY: join(rig.dir, 'west-inventory.json') },
    );
    await writeFile(join(rig.dir, 'bad_known_hosts'), `${await readFile(join(rig.dir, 'known_hosts'), 'utf8')}this is not a key\n`);
    await assertRefused(rig, 'NETOPS_KNOWN_HOSTS', [/bad_known_hosts line \d+: /], {
      NETOPS_KNOWN_HOSTS: join(rig.dir, 'bad_known_hosts'),
    });
    await read(rig);
  } finally {
    await rig.close();
  }
});
