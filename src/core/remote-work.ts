/**
 * Scale-out: the device work a front hands to workers, as a port. The front keeps the job
 * (waves, canary, progress, summary); a worker runs one device of it and writes its result.
 */
import type { AuditEntry } from './ports.js';
import type { DeviceResult } from './types.js';

/** One device's share of a job, as it travels through the queue (JSON only). */
export interface DeviceWork {
  jobId: string;
  kind: 'read' | 'change';
  /** The command module's name; the worker rebuilds the operation from its own registry. */
  command: string;
  /** Validated arguments (JSON). */
  args: Record<string, unknown>;
  device: string;
  /** The device's site: which queue the work goes to (site-local workers). */
  site: string;
  /** A change (or a dry run): the exact lines shown and approved; the worker refuses others. */
  plan?: string[];
  /** A change's dry run: a read of the candidate, never committed. */
  dryRun?: boolean;
  /** A change command's survey (read-only, before it is planned): its lines' outputs come back. */
  survey?: boolean;
  /** What the survey found on this device: the worker plans from it again and must get the same lines. */
  facts?: Record<string, string>;
  /** Who asked (the device result's audit actor). */
  actor: AuditEntry['actor'];
  /** A change: whose approval started it, who asked for the backup the worker keeps after it. */
  approver?: AuditEntry['actor'];
  /** Junos-style commit confirmed minutes (changes). */
  confirmMinutes?: number;
}

/** Sends device work to workers and waits for the result; failures (a worker that died, a cancel) are values. */
export interface RemoteDevices {
  /**
   * Resolves with the device's result once a worker wrote it. An abort of `signal` cancels the
   * work: work not yet taken never runs; work running is told to stop (and reports how it ended).
   */
  run(work: DeviceWork, signal: AbortSignal): Promise<DeviceResult>;
  /** Tells every process a job is cancelled (its workers stop; the front running it stops sending work). */
  cancel(jobId: string): Promise<void>;
  /** Called when a cancel of a job this process follows arrives from any process. */
  onCancelled(listener: (jobId: string) => void): void;
}
