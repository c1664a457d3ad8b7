/**
 * The seams between the core and the outside world. Adapters (console, Slack, lowdb, SSH)
 * implement these; nothing in core imports an adapter library.
 */
import type { Device, DeviceResult, JobSummary } from './types.js';

/** An open CLI session on one device. */
export interface DeviceSession {
  /** Run one command; resolves with the output (echo and prompt stripped) or rejects with a DeviceError. */
  run(command: string, options: { timeoutMs: number; signal: AbortSignal }): Promise<string>;
  close(): Promise<void>;
}

/** Opens sessions; rejects with a DeviceError (unreachable, auth_failed, host_key_rejected, timeout...). */
export interface DeviceConnector {
  open(device: Device, signal: AbortSignal): Promise<DeviceSession>;
}

export interface AuditEntry {
  actor: { id: string; name: string; via: string; team?: string; channel?: string };
  action: string;
  jobId?: string;
  targets?: string[];
  outcome?: string;
  detail?: Record<string, unknown>;
}

export interface AuditRecord extends AuditEntry {
  seq: number;
  time: string;
  prevHash: string;
  hash: string;
}

/** Append-only audit trail; `append` resolves only once the record is on disk. */
export interface AuditSink {
  append(entry: AuditEntry): Promise<AuditRecord>;
  /** Resolves once every append issued so far is durable. */
  flush(): Promise<void>;
}

export type JobEvent =
  | { type: 'started'; job: JobSummary }
  | { type: 'device-done'; job: JobSummary; result: DeviceResult }
  | { type: 'finished'; job: JobSummary };

/** Receives a job's progress; what chat surfaces stream from. */
export type JobObserver = (event: JobEvent) => void;

/** Time, injected so tests and benchmarks control it. */
export interface Clock {
  now(): number;
}

/** Persisted state that must survive a restart (job numbering now; pending approvals later). */
export interface StateStore {
  /** Reserves the next job number; durable before it resolves, so ids never repeat. */
  nextJobNumber(): Promise<number>;
}
