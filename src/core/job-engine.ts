import pLimit from 'p-limit';
import { DeviceError } from './errors.js';
import type { DeviceConnector, DeviceSession, JobObserver } from './ports.js';
import type { Clock } from './ports.js';
import type { Device, DeviceResult, DeviceStatus, JobState, JobSummary } from './types.js';

/** What a job does on one device once a session is open. */
export type DeviceOperation = (
  session: DeviceSession,
  device: Device,
  o: { signal: AbortSignal; commandTimeoutMs: number },
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
  await Promise.all(
    o.devices.map((device) =>
      limit(async () => {
        job.devicesStarted = (job.devicesStarted ?? 0) + 1;
        job.lastDeviceStartedAt = o.clock.now();
        const result = await runOnDevice(device, o);
        job.results.push(result);
        o.observer({ type: 'device-done', job, result });
      }),
    ),
  );
  job.finishedAt = o.clock.now();
  job.state = finalState(job);
  o.observer({ type: 'finished', job });
  return job;
}

/** One device from connect to close, always ending in a result (failures are values). */
export async function runOnDevice(device: Device, o: Omit<FanOutOptions, 'devices' | 'concurrency' | 'observer'>): Promise<DeviceResult> {
  const started = o.clock.now();
  const base = { device: device.name };
  if (o.signal.aborted)
    return { ...base, status: 'cancelled', durationMs: 0, error: { code: 'cancelled', reason: 'cancelled before it started' } };
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
    session = await untilAborted(opening, ctrl.signal);
    let out: Awaited<ReturnType<DeviceOperation>>;
    if (o.guardOperation) {
      clearTimeout(timer);
      o.signal.removeEventListener('abort', onJobAbort);
      ctrl.signal.removeEventListener('abort', forward);
      out = await o.operation(session, device, { signal: sessionCtrl.signal, commandTimeoutMs: o.commandTimeoutMs });
    } else {
      out = await untilAborted(
        o.operation(session, device, { signal: sessionCtrl.signal, commandTimeoutMs: o.commandTimeoutMs }),
        ctrl.signal,
      );
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
    await session?.close().catch(() => undefined);
  }
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
