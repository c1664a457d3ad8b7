import pLimit from 'p-limit';
import { DeviceError } from './errors.js';
import type { DeviceConnector, DeviceSession, JobObserver } from './ports.js';
import type { Clock } from './ports.js';
import { deviceKey, type Exclusion, type Hold } from './exclusion.js';
import type { Device, DeviceResult, DeviceStatus, JobState, JobSummary } from './types.js';
import type { WorkObserver } from './work-observer.js';

/** What a job does on one device once a session is open. */
export type DeviceOperation = (
  session: DeviceSession,
  device: Device,
  o: { signal: AbortSignal; commandTimeoutMs: number; job: Pick<JobSummary, 'id' | 'actor'> },
) => Promise<Pick<DeviceResult, 'raw' | 'parsed' | 'unparsed'>>;

export interface FanOutOptions {
  job: JobSummary;
  devices: Device[];
  operation: DeviceOperation;
  connector: DeviceConnector;
  concurrency: number;
  /** Whole-device deadline: connect, log in and every command. */
  deviceTimeoutMs: number;
  commandTimeoutMs: number;
  signal: AbortSignal;
  observer: JobObserver;
  clock: Clock;
  /** Masks secrets in device output before it is kept anywhere. */
  redact: (text: string) => string;
  /**
   * Once the session is open, let the operation finish whatever happens: a configuration
   * change must not be cut off half-applied by the device deadline or a cancel. Each of its
   * commands still has its own timeout.
   */
  guardOperation?: boolean;
  /**
   * Held per device across its operation (`device:<name>`), so no two operations ever run on
   * one device at once; taken before the p-limit slot. Absent: the caller holds it.
   */
  exclusion?: Exclusion;
  /** Who holds the exclusion (job id, or worker identity). */
  holder?: string;
  /** Aborts when the device's hold is lost: no further command is sent (even to a guarded change). */
  lost?: AbortSignal;
  /** Scale-out fronts: the device runs on a worker (which holds it); this waits for its result. */
  remote?: (device: Device, signal: AbortSignal) => Promise<DeviceResult>;
  /** Told how long each device waited for its slot (a worker tells its own queue wait instead). */
  workObserver?: Partial<Pick<WorkObserver, 'queueWait'>>;
}

const STATUS_OF: Partial<Record<DeviceError['code'], DeviceStatus>> = { timeout: 'timeout', cancelled: 'cancelled' };

/**
 * Fans an operation out over devices with p-limit. Every device ends with a result:
 * failures are values, and one device's failure never touches another's result.
 */
export async function fanOut(o: FanOutOptions): Promise<JobSummary> {
  const limit = pLimit(o.concurrency);
  const { job } = o;
  job.state = 'running';
  o.observer({ type: 'started', job });
  const done = (result: DeviceResult) => {
    job.results.push(result);
    o.observer({ type: 'device-done', job, result });
  };
  await Promise.all(
    o.devices.map(async (device) => {
      // The device first, then the slot: a slot never waits for a device another job holds.
      const hold = await holdDevice(device, o);
      if (!hold) return done(cancelledBeforeStart(device.name));
      const queuedAt = performance.now();
      try {
        await limit(async () => {
          if (!o.remote) o.workObserver?.queueWait?.((performance.now() - queuedAt) / 1000);
          job.devicesStarted = (job.devicesStarted ?? 0) + 1;
          job.lastDeviceStartedAt = o.clock.now();
          done(await (o.remote ? o.remote(device, o.signal) : runOnDevice(device, { ...o, lost: hold.lost })));
        });
      } finally {
        await hold.release();
      }
    }),
  );
  job.finishedAt = o.clock.now();
  job.state = finalState(job);
  o.observer({ type: 'finished', job });
  return job;
}

const NO_HOLD: Hold = { tokens: {}, lost: new AbortController().signal, release: async () => undefined };

/** The device's hold, or undefined when the job was cancelled while waiting for it. */
async function holdDevice(device: Device, o: FanOutOptions): Promise<Hold | undefined> {
  if (!o.exclusion || o.remote) return NO_HOLD;
  try {
    return await o.exclusion.hold([deviceKey(device.name)], { holder: o.holder ?? o.job.id, signal: o.signal });
  } catch {
    return undefined;
  }
}

export function cancelledBeforeStart(device: string): DeviceResult {
  return { device, status: 'cancelled', durationMs: 0, error: { code: 'cancelled', reason: 'cancelled before it started' } };
}

/** One device from connect to close, always ending in a result (failures are values). */
export async function runOnDevice(device: Device, o: Omit<FanOutOptions, 'devices' | 'concurrency' | 'observer'>): Promise<DeviceResult> {
  const started = o.clock.now();
  const base = { device: device.name };
  if (o.signal.aborted) return cancelledBeforeStart(device.name);
  const ctrl = new AbortController();
  const timer = setTimeout(
    () => ctrl.abort(new DeviceError('timeout', `no result within ${o.deviceTimeoutMs / 1000} s`)),
    o.deviceTimeoutMs,
  );
  const onJobAbort = () => ctrl.abort(new DeviceError('cancelled', 'cancelled while running'));
  o.signal.addEventListener('abort', onJobAbort, { once: true });
  let session: DeviceSession | undefined;
  // The session listens to its own signal, which follows the deadline until a guarded operation starts.
  const sessionCtrl = new AbortController();
  const forward = () => sessionCtrl.abort(ctrl.signal.reason);
  ctrl.signal.addEventListener('abort', forward, { once: true });
  // A lost hold stops the session at once, guarded change or not: another worker may own the device now.
  const onLost = () => {
    const e = new DeviceError('lease_lost', `lost the lease on ${device.name}; stopped sending commands: check ${device.name}`);
    ctrl.abort(e);
    sessionCtrl.abort(e);
  };
  if (o.lost?.aborted) onLost();
  else o.lost?.addEventListener('abort', onLost, { once: true });
  const opening = o.connector.open(device, sessionCtrl.signal);
  // If the deadline passes while the connector is still opening, close what it opens later.
  opening.then(
    (s) => {
      if (ctrl.signal.aborted) void s.close().catch(() => undefined);
    },
    () => undefined,
  );
  try {
    // Raced against the deadline: a connector or device that ignores the signal still cannot hold the slot.
    session = guarded(await untilAborted(opening, ctrl.signal), device, o.lost);
    let out: Awaited<ReturnType<DeviceOperation>>;
    const opts = { signal: sessionCtrl.signal, commandTimeoutMs: o.commandTimeoutMs, job: { id: o.job.id, actor: o.job.actor } };
    if (o.guardOperation) {
      clearTimeout(timer);
      o.signal.removeEventListener('abort', onJobAbort);
      ctrl.signal.removeEventListener('abort', forward);
      out = await o.operation(session, device, opts);
    } else {
      out = await untilAborted(o.operation(session, device, opts), ctrl.signal);
    }
    return {
      ...base,
      status: 'ok',
      durationMs: o.clock.now() - started,
      unparsed: out.unparsed,
      raw: out.raw === undefined ? undefined : o.redact(out.raw),
      // Parsed fields come from device output too (descriptions, names): masked like the raw text.
      parsed: out.parsed?.map((rec) => Object.fromEntries(Object.entries(rec).map(([k, v]) => [k, o.redact(v)]))),
    };
  } catch (err) {
    const e =
      err instanceof DeviceError ? err : new DeviceError('connection_lost', `unexpected: ${(err as Error).message}`, { cause: err });
    // A device that was aborted reports why it was aborted (timeout or cancel), not the symptom.
    const why = ctrl.signal.aborted && ctrl.signal.reason instanceof DeviceError ? ctrl.signal.reason : e;
    return {
      ...base,
      status: STATUS_OF[why.code] ?? 'failed',
      durationMs: o.clock.now() - started,
      error: { code: why.code, reason: o.redact(why.message) },
    };
  } finally {
    clearTimeout(timer);
    ctrl.signal.removeEventListener('abort', forward);
    o.signal.removeEventListener('abort', onJobAbort);
    o.lost?.removeEventListener('abort', onLost);
    await session?.close().catch(() => undefined);
  }
}

/**
 * A session that sends nothing once the hold is lost: another worker may own the device by
 * then. The command in flight finishes; the next one is refused.
 */
function guarded(s: DeviceSession, device: Device, lost: AbortSignal | undefined): DeviceSession {
  if (!lost) return s;
  const check = () => {
    if (lost.aborted)
      throw new DeviceError('lease_lost', `lost the lease on ${device.name}; stopped before the next command: check ${device.name}`);
  };
  return {
    run: async (c, opt) => {
      check();
      return s.run(c, opt);
    },
    configure: async (l, opt) => {
      check();
      return s.configure(l, opt);
    },
    rollback: async (p, opt) => {
      check();
      return s.rollback(p, opt);
    },
    save: async (opt) => {
      check();
      return s.save(opt);
    },
    close: () => s.close(),
  };
}

/** Resolves or rejects with `p`, or rejects with the signal's reason as soon as it aborts. */
function untilAborted<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function finalState(job: JobSummary): JobState {
  const ok = job.results.filter((r) => r.status === 'ok').length;
  if (job.results.some((r) => r.status === 'cancelled')) return 'cancelled';
  if (ok === job.results.length) return 'succeeded';
  return ok === 0 ? 'failed' : 'partially-failed';
}
