/**
 * Scheduled backups in the embedded default: the schedule fires at its cron ticks (virtual
 * time: counts and ticks, never waits), skips a tick while the last run is still going, and
 * in the app each tick is a backup job of the system actor, audited like a person's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startBackupSchedule, type ScheduleTimers } from '../../src/backup/backup-schedule.js';
import { SCHEDULE_ACTOR } from '../../src/backup/scheduled-backup.js';
import { PLATFORM_IDS, type JobSummary } from '../../src/core/types.js';
import { consoleActor, labSpecs, startRig } from '../support/test-lab.js';
import { until } from '../support/scale-out-scenario.js';
import { VirtualClock } from '../support/virtual-clock.js';

const MIN = 60_000;

/** A promise and the function that resolves it (Promise.withResolvers is Node 22). */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

test('schedule: every tick of */5 runs once, in order, for an hour of virtual time', async () => {
  const clock = new VirtualClock();
  const ticks: number[] = [];
  const { promise: done, resolve: allDone } = deferred();
  const schedule = startBackupSchedule({
    cron: '*/5 * * * *',
    clock,
    timers: clock.streamTimers as ScheduleTimers,
    run: async (tick) => {
      ticks.push(tick);
      if (ticks.length === 12) allDone();
    },
    onProblem: (t) => assert.fail(t),
  });
  await clock.run(done);
  await schedule.stop();
  assert.deepEqual(
    ticks,
    Array.from({ length: 12 }, (_, i) => (i + 1) * 5 * MIN),
  );
});

test('schedule: a tick that comes while the last run is still going is skipped and said so', async () => {
  const clock = new VirtualClock();
  const ran: number[] = [];
  const problems: string[] = [];
  const { promise: done, resolve: allDone } = deferred();
  const schedule = startBackupSchedule({
    cron: '*/5 * * * *',
    clock,
    timers: clock.streamTimers as ScheduleTimers,
    // Each run takes seven minutes: the tick five minutes later finds it running.
    run: async (tick) => {
      ran.push(tick);
      await clock.sleep(7 * MIN);
      if (ran.length === 3) allDone();
    },
    onProblem: (t) => problems.push(t),
  });
  await clock.run(done);
  await schedule.stop();
  assert.deepEqual(ran, [5 * MIN, 15 * MIN, 25 * MIN]);
  // The third run ends at 32 min: the ticks at 10, 20 and 30 each found a run going.
  assert.deepEqual(
    problems,
    [10, 20, 30].map((m) => `scheduled backup of 1970-01-01T00:${m}:00.000Z skipped: the one before it is still running`),
  );
});

/** Timers that fire only when the test says: the clock moves to the timer's time first. */
class ManualTimers implements ScheduleTimers {
  private next: { fn: () => void; at: number } | undefined;
  constructor(private readonly clock: { t: number }) {}
  setTimeout(fn: () => void, ms: number): unknown {
    this.next = { fn, at: this.clock.t + ms };
    return this.next;
  }
  clearTimeout(handle: unknown): void {
    if (this.next === handle) this.next = undefined;
  }
  fire(): void {
    const n = this.next!;
    this.next = undefined;
    this.clock.t = n.at;
    n.fn();
  }
}

test('in-process schedule: each tick is one backup job of the system actor, audited; identical backups stored once', async () => {
  const time = { t: Date.UTC(2026, 11, 2, 1, 0) };
  const clock = { now: () => time.t };
  const timers = new ManualTimers(time);
  const specs = labSpecs(5, (i) => ({ platform: PLATFORM_IDS[i] }));
  // A policy that lets nobody run device commands: the schedule is the operator's, not a person's.
  const rig = await startRig(specs, { env: { NETOPS_BACKUP_SCHEDULE: '0 2 * * *', NETOPS_RUNNERS: 'nobody' }, clock, timers });
  try {
    const schedule = rig.app.backupSchedule!;
    assert.ok(schedule, 'the schedule runs in the embedded default');
    for (let day = 0; day < 2; day++) {
      timers.fire();
      await schedule.idle();
    }
    await rig.app.audit.flush();
    const requested = await rig.app.audit.query({ action: 'job.requested' });
    assert.equal(requested.length, 2);
    assert.ok(requested.every((r) => r.actor.id === SCHEDULE_ACTOR.id && r.actor.via === 'system'));
    assert.deepEqual(
      requested.map((r) => r.time),
      ['2026-12-02T02:00:00.000Z', '2026-12-03T02:00:00.000Z'],
    );
    const results = await rig.app.audit.query({ action: 'device.result' });
    assert.equal(results.length, 2 * specs.length);
    assert.ok(results.every((r) => r.outcome === 'ok'));
    const outcome = (r: (typeof results)[number]) => (r.detail?.['parsed'] as { result: string }[] | undefined)?.[0]?.result;
    assert.deepEqual(results.map(outcome).sort(), [...Array(5).fill('stored v1'), ...Array(5).fill('unchanged since v1')]);
    for (const s of specs) {
      const index = JSON.parse(await readFile(join(rig.dir, 'backups', s.name, 'index.json'), 'utf8')) as {
        versions: { actor: { id: string } }[];
      };
      assert.deepEqual(
        index.versions.map((v) => v.actor.id),
        [SCHEDULE_ACTOR.id],
      );
    }
  } finally {
    await rig.close();
  }
});

test('in-process schedule: a tick during a change waits for the device, and backs up the configuration the change left', async () => {
  const time = { t: Date.UTC(2026, 11, 2, 1, 0) };
  const timers = new ManualTimers(time);
  // Slow answers: the change is still on the device when the tick comes.
  const specs = labSpecs(1, () => ({ latencyMs: 150 }));
  const device = specs[0]!.name;
  const rig = await startRig(specs, {
    env: { NETOPS_BACKUP_SCHEDULE: '0 2 * * *', NETOPS_APPROVERS: 'bob' },
    clock: { now: () => time.t },
    timers,
  });
  try {
    const started: Promise<JobSummary>[] = [];
    rig.app.service.onChangeApproved((h) => started.push(h.start()));
    // Twenty lines at 150 ms each: seconds on the device, far longer than a login and a read.
    const servers = Array.from({ length: 20 }, (_, i) => `192.0.2.${51 + i}`);
    const sub = await rig.app.service.submit(`config device=${device} template=ntp server=${servers.join(',')}`, consoleActor);
    assert.equal(sub.kind, 'change');
    if (sub.kind !== 'change') return;
    await rig.app.service.approve(sub.change.id, { id: 'bob', name: 'bob', via: 'console' });
    await until('the first change line on the device', () =>
      rig.lab.configModeLog().actions.some((a) => a.device === device && a.kind === 'config-line'),
    );
    timers.fire();
    await rig.app.backupSchedule!.idle();
    assert.equal((await started[0]!).state, 'succeeded');
    const text = await readFile(join(rig.dir, 'backups', device, 'v1.cfg'), 'utf8');
    for (const s of servers) assert.match(text, new RegExp(`^ntp server ${s.replaceAll('.', '\\.')}$`, 'm'), 'read after the change');
  } finally {
    await rig.close();
  }
});
