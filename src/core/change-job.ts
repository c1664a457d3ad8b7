import { keepAfterChange, type AfterChangeBackup } from './after-change-backup.js';
import { OrderedSlots } from './ordered-slots.js';
import type { DeviceChangePlan } from './command.js';
import { DeviceError } from './errors.js';
import { cancelledBeforeStart, runOnDevice, type DeviceOperation, type FanOutOptions } from './job-engine.js';
import { deviceKey, groupKey, type Exclusion, type Hold } from './exclusion.js';
import type { Device, DeviceResult, JobState, JobSummary } from './types.js';

export interface ChangeRunOptions extends Omit<FanOutOptions, 'operation'> {
  /** Devices in the order the change runs; the first is the canary. */
  devices: Device[];
  plans: Map<string, DeviceChangePlan>;
  /** Shared by every job: no two operations on one device, no two members of one group, at once. */
  exclusion: Exclusion;
  /** Junos-style platforms commit with an automatic revert, confirmed once the commit went through. */
  confirmMinutes: number;
  /** Notes durably that a device is being changed (true) or done (false), so a crash can name it. */
  markChanging?: (device: string, changing: boolean) => Promise<void>;
  /**
   * Runs the change on one device while its hold is held. Default: here, over SSH. Scale-out:
   * the front sends it to a worker (which takes the leases) and waits for its result.
   */
  step?: (device: Device, hold: Hold) => Promise<DeviceResult>;
  /** Where a change that went through keeps the device's configuration as a version (none: keeps nothing). */
  backup?: AfterChangeBackup;
}

/** What a change on `device` holds: the device, and its redundancy group when it has one. */
export function changeKeys(device: Device): string[] {
  return device.group ? [deviceKey(device.name), groupKey(device.group)] : [deviceKey(device.name)];
}

export const CHANGE_COLUMNS = [
  { key: 'change', label: 'Change' },
  { key: 'lines', label: 'Lines' },
  { key: 'verify', label: 'Verified' },
  { key: 'backup', label: 'Backup' },
];

/** Says that a change was cut off part-way, so nobody reads "failed" as "nothing happened". */
function interrupted(err: unknown, device: string, stage: string): DeviceError {
  const e = err instanceof DeviceError ? err : new DeviceError('connection_lost', String((err as Error)?.message ?? err));
  return new DeviceError(e.code, `${e.message}, during ${stage}: the change may be partly applied; check ${device}`, { cause: err });
}

/**
 * Commit (without saving), verify, and only then save: a change that fails verification is
 * rolled back before it ever reaches the startup configuration. Once saved, the running
 * configuration is kept as a backup version (`backup`), so drift is counted from this change.
 */
export function changeOperation(
  plans: Map<string, DeviceChangePlan>,
  label: string,
  confirmMinutes: number,
  backup?: AfterChangeBackup,
): DeviceOperation {
  return async (session, device, o) => {
    const plan = plans.get(device.name);
    if (!plan) throw new DeviceError('unsupported', 'no plan for this device');
    const deadline = { timeoutMs: o.commandTimeoutMs, signal: o.signal };
    const result = await session
      .configure(plan.lines, { ...deadline, mode: 'commit', label, confirmMinutes, save: false })
      .catch((err: unknown) => {
        throw interrupted(err, device.name, 'the commit');
      });
    if (result.error) {
      const left = result.partlyApplied
        ? `the change is partly applied: check ${device.name}`
        : 'the device refused the change and it was discarded';
      throw new DeviceError('command_rejected', `${result.error.message}; ${left}`, { cause: result.error });
    }
    if (!result.committed) throw new DeviceError('command_rejected', `the device did not commit the change; check ${device.name}`);
    const raw = `${result.diff}\n`;
    /** Saved: the change is done; what is kept after it only adds a cell (and a warning line) to its row. */
    const done = async (verify: string) => {
      const kept = backup && (await keepAfterChange(session, device, deadline, backup));
      const cells = { change: 'committed', lines: String(plan.lines.length), verify, ...(kept ? { backup: kept } : {}) };
      const warned = kept?.startsWith('warning:') ? `${raw}backup ${kept}\n` : raw;
      return { raw: warned, parsed: [cells] };
    };
    const save = () =>
      session.save(deadline).catch((err: unknown) => {
        throw interrupted(err, device.name, 'the save');
      });
    if (!plan.verify) {
      await save();
      return done('n/a');
    }
    const output = await session.run(plan.verify.command, deadline).catch((err: unknown) => {
      throw interrupted(err, device.name, 'the verification');
    });
    const problem = plan.verify.check(output);
    if (!problem) {
      await save();
      return done('ok');
    }
    if (!result.rollback)
      throw new DeviceError(
        'command_rejected',
        `verification failed (${problem}) and there is no rollback: the change is applied; check ${device.name}`,
      );
    await session.rollback(result.rollback, deadline).catch((err: unknown) => {
      throw new DeviceError(
        'command_rejected',
        `verification failed (${problem}); the rollback failed too (${(err as Error).message}): the change is applied; check ${device.name}`,
        { cause: err },
      );
    });
    throw new DeviceError('command_rejected', `verification failed (${problem}); rolled back, never saved`);
  };
}

const skipped = (device: string, reason: string): DeviceResult => ({
  device,
  status: 'skipped',
  durationMs: 0,
  error: { code: 'skipped', reason },
});

/**
 * Runs an approved change: the canary alone first; if it fails nothing else is touched.
 * Then the rest, at most `concurrency` at once and one member of a redundancy group at a
 * time; the first failure halts the change (devices not yet started are skipped).
 */
export async function runChange(o: ChangeRunOptions): Promise<JobSummary> {
  const { job } = o;
  const operation = changeOperation(o.plans, job.id, o.confirmMinutes, o.backup);
  const deviceRun = { ...o, operation, guardOperation: true };
  let halted: string | undefined;
  const record = (r: DeviceResult) => {
    job.results.push(r);
    o.observer({ type: 'device-done', job, result: r });
    if (r.status !== 'ok' && !halted) halted = r.device;
  };
  const step = o.step ?? ((device: Device, hold: Hold) => runOnDevice(device, { ...deviceRun, lost: hold.lost }));
  /** The hold first, then the slot: a slot is never held while waiting for a device or a group. */
  const one = async (device: Device, slot: <T>(fn: () => Promise<T>) => Promise<T>) => {
    let hold: Hold;
    try {
      hold = await o.exclusion.hold(changeKeys(device), { holder: o.holder ?? job.id, signal: o.signal });
    } catch {
      // Cancelled while waiting for another job's device or group: it never started.
      return record(cancelledBeforeStart(device.name));
    }
    try {
      await slot(async () => {
        if (o.signal.aborted) return record(cancelledBeforeStart(device.name));
        if (halted) return record(skipped(device.name, `halted: ${halted} failed`));
        await o.markChanging?.(device.name, true);
        const result = await step(device, hold);
        await o.markChanging?.(device.name, false);
        record(result);
      });
    } finally {
      await hold.release();
    }
  };
  job.state = 'running';
  o.observer({ type: 'started', job });
  const [canary, ...rest] = o.devices;
  if (canary) await one(canary, (fn) => fn());
  if (halted) {
    for (const d of rest) record(skipped(d.name, `canary ${canary!.name} failed; nothing else was changed`));
  } else {
    const slots = new OrderedSlots(o.concurrency);
    await Promise.all(rest.map((d, i) => one(d, (fn) => slots.run(i, fn))));
  }
  job.finishedAt = o.clock.now();
  job.state = changeState(job);
  o.observer({ type: 'finished', job });
  return job;
}

function changeState(job: JobSummary): JobState {
  const ok = job.results.filter((r) => r.status === 'ok').length;
  if (job.results.some((r) => r.status === 'cancelled')) return 'cancelled';
  if (ok === job.results.length) return 'succeeded';
  return ok === 0 ? 'failed' : 'partially-failed';
}
