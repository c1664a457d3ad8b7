import type { ChangeCommand, DeviceChangePlan } from './command.js';
import type { JobObserver, PendingChangeRecord } from './ports.js';
import type { Actor, Device, JobSummary } from './types.js';
import type { Column, ReplyView } from '../render/views.js';

/** What a job runs, whatever kind of command asked for it. */
export interface JobSpec {
  command: string;
  line: string;
  actor: Actor;
  devices: Device[];
  selector: string;
  columns: Column[];
  attachOutput: boolean;
  run: (o: { job: JobSummary; signal: AbortSignal; observer: JobObserver }) => Promise<JobSummary>;
  /** Scale-out: workers record each device result in the trail themselves; the job records the rest. */
  resultsAudited?: boolean;
}

/** A validated request: an immediate reply, a job ready to be created, or a change to propose. Nothing has run yet. */
export type Prepared =
  | { kind: 'reply'; view: ReplyView }
  | { kind: 'job'; spec: JobSpec }
  | {
      kind: 'change';
      command: ChangeCommand;
      args: Record<string, unknown>;
      devices: Device[];
      plans: Map<string, DeviceChangePlan>;
      line: string;
      actor: Actor;
    };

/** A job that has an id but has not started: the adapter posts its message first, then starts it. */
export interface JobHandle {
  job: JobSummary;
  columns: Column[];
  attachOutput: boolean;
  devices: Device[];
  cancel: () => void;
  /** Starts the job; resolves once every result and the job's end are in the audit trail. */
  start(o?: { messageRef?: Record<string, string>; observer?: JobObserver }): Promise<JobSummary>;
}

/** What a command line turned into (the one-call form used by the console). */
export type Submission =
  | { kind: 'reply'; view: ReplyView }
  | { kind: 'change'; change: PendingChangeRecord }
  | {
      kind: 'job';
      job: JobSummary;
      columns: Column[];
      attachOutput: boolean;
      devices: Device[];
      done: Promise<JobSummary>;
      cancel: () => void;
    };

/** Called with an approved change's job, not yet started: the adapter that shows it starts it. */
export type ChangeApprovedListener = (handle: JobHandle, change: PendingChangeRecord, approver: Actor) => void;
