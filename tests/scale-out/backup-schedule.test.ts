/**
 * Scheduled backups scaled out: two console fronts and a worker, all with the same
 * NETOPS_BACKUP_SCHEDULE, as real processes. pg-boss's scheduler makes one job per tick; one
 * front takes it and runs one backup job of the system actor; the worker backs the devices up
 * into PostgreSQL. Judged by counts in the database once every process has stopped: one
 * scheduled job per tick, one run per scheduled job, never a run a process made on its own.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { NO_DATABASE, testDatabase } from '../support/postgres.js';
import { scaleOutRig } from '../support/scale-out-rig.js';
import { labSpecs } from '../support/test-lab.js';
import { PLATFORM_IDS } from '../../src/core/types.js';
import { SCHEDULE_ACTOR } from '../../src/backup/scheduled-backup.js';
import { BACKUP_SCHEDULE_QUEUE } from '../../src/backup/queued-schedule.js';

const db = await testDatabase('backup_schedule');
after(() => db?.drop());

const specs = labSpecs(5, (i) => ({ platform: PLATFORM_IDS[i] }));
const RUN = /scheduled backup (J-\d+): (\w[\w-]*), (\d+) of (\d+) devices backed up \(schedule job ([0-9a-f-]+)\)/;

test('two fronts up: each tick of the schedule is one scheduled job, run once, by one of them', {
  skip: db ? false : NO_DATABASE,
  timeout: 300_000,
}, async () => {
  const env = { NETOPS_BACKUP_SCHEDULE: '* * * * *' };
  const rig = await scaleOutRig(db!, specs, { env });
  try {
    const worker = await rig.worker('w1');
    const fronts = [await rig.front('f1'), await rig.front('f2')];
    // Plain text or a JSON log line (quotes escaped): either way the sentence.
    for (const f of fronts)
      await f.waitFor(/scheduled backups of device=\* at \\?"\* \* \* \* \*\\?" \(UTC\), through the queue's scheduler/);
    // Whichever front takes the first tick says so; the other one's wait is let go.
    const first = await Promise.any(fronts.map((f) => f.waitFor(RUN)));
    assert.match(first.text, /succeeded, 5 of 5 devices backed up/, first.text);
    // The backups are in PostgreSQL for any front: a one-shot finds no drift against them.
    const diff = rig.oneShot('diff', '/net diff-config device=* --confirm');
    assert.equal(await diff.exited, 0, diff.output());
    assert.equal(diff.output().match(/no drift/g)?.length, 5, diff.output());
    for (const c of [...fronts, worker]) await c.end();

    const s = `${db!.schema}_boss`;
    const jobs = async (where: string, args: unknown[]) =>
      (
        await db!.pool.query<{ id: string; state: string; singleton_on: string | null }>(
          `SELECT id::text, state::text, singleton_on::text FROM ${s}.job WHERE ${where}
           UNION ALL SELECT id::text, state::text, singleton_on::text FROM ${s}.archive WHERE ${where}`,
          args,
        )
      ).rows;
    // pg-boss's cron pass sends one "send it" per tick (its singleton slot); each, once done, made one job on our queue.
    const sends = await jobs(`name = '__pgboss__send-it' AND data->>'name' = $1`, [BACKUP_SCHEDULE_QUEUE]);
    const scheduled = await jobs('name = $1', [BACKUP_SCHEDULE_QUEUE]);
    assert.ok(scheduled.length >= 1);
    assert.equal(new Set(sends.map((j) => j.singleton_on)).size, sends.length, 'one send per tick');
    // A send stopped with its process may have made its job or not: between the completed sends and all of them.
    const sent = (states: string[]) => sends.filter((j) => states.includes(j.state)).length;
    assert.ok(scheduled.length >= sent(['completed']) && scheduled.length <= sent(['completed', 'active']), 'one scheduled job per send');

    // Each scheduled job that a front took ran once: one run line, one backup job in the trail.
    const runs = fronts.flatMap((f) => f.lines.map((l) => RUN.exec(l.text)).filter((m) => m !== null));
    const taken = scheduled.filter((j) => j.state !== 'created');
    assert.deepEqual(runs.map((m) => m[5]).sort(), taken.map((j) => j.id).sort(), 'every taken job ran once, in one front');
    const audit = await rig.audit();
    const requested = audit.filter((r) => r.action === 'job.requested' && r.actor?.id === SCHEDULE_ACTOR.id);
    assert.deepEqual(requested.map((r) => r.job_id).sort(), runs.map((m) => m[1]).sort());
    assert.ok(runs.every((m) => m[2] === 'succeeded'));

    // The worker kept the backups in PostgreSQL: one version per device, however many ticks ran.
    const versions = await db!.pool.query<{ device: string; n: number; by: string }>(
      `SELECT device, count(*)::int AS n, min(actor->>'id') AS by FROM config_backups GROUP BY device ORDER BY device`,
    );
    assert.deepEqual(
      versions.rows,
      specs.map((d) => ({ device: d.name, n: 1, by: SCHEDULE_ACTOR.id })).sort((a, b) => a.device.localeCompare(b.device)),
    );
  } finally {
    await rig.close();
  }
});
