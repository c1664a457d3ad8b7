/**
 * The seams between the core and the outside world. Adapters (console, Slack, lowdb, SSH)
 * implement these; nothing in core imports an adapter library.
 */
import type { Device, DeviceResult, JobSummary } from './types.js';
import type { ErrorView, JobView, ReplyView } from '../render/views.js';

/** How a configuration change is applied. */
export interface ConfigOptions {
  /** Deadline of each command of the change (not of the whole change). */
  timeoutMs: number;
  signal: AbortSignal;
  /** `check`: show the diff (and validate where the platform can), then discard; nothing changes. */
  mode?: 'commit' | 'check';
  /** Ask for a commit the device reverts by itself unless confirmed (Junos `commit confirmed N`), then confirm it. */
  confirmMinutes?: number;
  /** Names the change on the device (EOS session, checkpoint file); letters, digits and dashes. */
  label?: string;
  /** Write the running configuration to startup after the commit. Default true. */
  save?: boolean;
}

/** How to undo a committed change: device commands, so a later session can run them too. */
export interface RollbackPlan {
  device: string;
  steps: { command: string; asks?: RegExp; answer?: string }[];
}

/** The outcome of `DeviceSession.configure`. A device refusing a line is a value here, not a throw. */
export interface ConfigResult {
  /** What the change does: the device's own diff of its candidate, or the planned lines (`+ line`). */
  diff: string;
  diffSource: 'device' | 'planned';
  committed: boolean;
  /** Present once committed: how to undo it. */
  rollback?: RollbackPlan;
  /** The device refused a line, the check or the commit; the candidate was discarded (per-line: restored). */
  error?: import('./errors.js').DeviceError;
  /** A per-line platform refused a line and then refused the checkpoint restore: earlier lines stay applied. */
  partlyApplied?: boolean;
}

/** An open CLI session on one device. */
export interface DeviceSession {
  /** Run one command; resolves with the output (echo and prompt stripped) or rejects with a DeviceError. */
  run(command: string, options: { timeoutMs: number; signal: AbortSignal }): Promise<string>;
  /**
   * Apply configuration lines the platform's way (config mode, diff, check, commit, save).
   * Rejects only when the session itself fails (timeout, lost connection, cancel).
   */
  configure(lines: string[], options: ConfigOptions): Promise<ConfigResult>;
  /** Undo a change `configure` committed; rejects with the device's line if it refuses. */
  rollback(plan: RollbackPlan, options: { timeoutMs: number; signal: AbortSignal }): Promise<string>;
  /** Writes the running configuration to startup the platform's way (nothing where a commit is already persistent). */
  save(options: { timeoutMs: number; signal: AbortSignal }): Promise<void>;
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

export interface AuditFilter {
  /** The newest N matching records. */
  last?: number;
  user?: string;
  device?: string;
  jobId?: string;
  action?: string;
  /** Epoch milliseconds. */
  since?: number;
}

export interface AuditVerifyReport {
  ok: boolean;
  records: number;
  /** The first broken, missing or reordered record. */
  problem?: { seq: number; problem: string; where?: string };
}

/** Reads the audit trail back: queries and chain verification. */
export interface AuditReader {
  query(filter: AuditFilter): Promise<AuditRecord[]>;
  verify(): Promise<AuditVerifyReport>;
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
  /** Notes a job as running, durably: if the process dies, the next start finds it. */
  jobStarted(job: RunningJobRecord): Promise<void>;
  jobEnded(jobId: string): Promise<void>;
  /**
   * Scale-out: records the job's end (`end`, its job.finished record) and ends it, in one
   * transaction, only while this process still owns the job; false, with nothing recorded,
   * when another front adopted it meanwhile (this one was frozen past its staleness). Stores
   * without it (embedded: one process) are ended with an append and jobEnded.
   */
  endOwnedJob?(jobId: string, end: AuditEntry): Promise<boolean>;
  /** Notes (durably) that a change is being applied to a device, or no longer is: a crash then names it. */
  markChanging(jobId: string, device: string, changing: boolean): Promise<void>;
  /** Jobs noted as running: after a start-up, the ones the previous process never finished. */
  runningJobs(): Promise<RunningJobRecord[]>;
  /**
   * Change requests waiting for approval: durable, so a restart never loses one. Saving one
   * already stored (its message ref) keeps the approvals stored with it: only decideChange
   * counts approvals, so a save from a front holding an older copy never drops one.
   */
  saveChange(change: PendingChangeRecord): Promise<void>;
  dropChange(id: string): Promise<void>;
  /**
   * Claims a pending change for approval, atomically: resolves with the record for the one caller
   * that wins; undefined if it was already approved, rejected, withdrawn or expired (a retried
   * click or a second front). The winner owns the change from then on: it is no longer pending.
   */
  claimChange(id: string, by: { approver: string }): Promise<PendingChangeRecord | undefined>;
  /**
   * issue 16: one approval, decided on the request as stored now and applied atomically with
   * every other decision on it (any front, any process): `decide` sees the approvals counted so
   * far and says whether this one is counted (still waiting) or completes the rules (the request
   * is claimed, as by claimChange, for the caller to run). If `decide` throws, nothing changes.
   * Undefined when the request is no longer pending. `recorded`: the store appended
   * `decision.record` in the same transaction; otherwise the caller appends it.
   */
  decideChange<D extends ChangeDecision>(
    id: string,
    decide: (stored: PendingChangeRecord) => D,
  ): Promise<{ change: PendingChangeRecord; decision: D; recorded: boolean } | undefined>;
  pendingChanges(): Promise<PendingChangeRecord[]>;
  /**
   * issue 16: holds a request offered behind a Confirm button under its random token, durably and
   * where every front sees it (a click may reach any front, or come after a restart). Offers
   * expired by `now` are pruned in the same step, so unclicked buttons never pile up.
   */
  saveConfirmOffer(token: string, offer: ConfirmOfferRecord, now: number): Promise<void>;
  /**
   * Takes the offer behind a click, atomically and once: of any number of claims of one token
   * (a double click, one envelope delivered to two fronts) one gets `claimed`. Only its own
   * user's claim takes it; another user's (`not-yours`) leaves it for its owner. An owner's claim
   * of an offer past its expiry removes it and answers `expired`.
   */
  claimConfirmOffer(token: string, by: { user: string; now: number }): Promise<ConfirmClaim>;
}

/** issue 16: a request the policy held back for --confirm, as offered to the one user who typed it. */
export interface ConfirmOfferRecord {
  user: string;
  userName: string;
  team?: string;
  channel: string;
  /** Exactly what runs on the click: the typed command text plus --confirm. */
  text: string;
  /** Epoch milliseconds (the injected clock). */
  expiresAt: number;
}

/** What a Confirm click's claim found. */
export type ConfirmClaim =
  | { outcome: 'claimed'; offer: ConfirmOfferRecord }
  | { outcome: 'not-yours' }
  | { outcome: 'expired' }
  | { outcome: 'missing' };

/** What one approval does to a change request: `approvals` is everyone counted, this approver included. */
export type ChangeDecision =
  /** Counted; more approvers are needed. */
  | { kind: 'count'; approvals: string[]; record: AuditEntry }
  /** The rules are met: the request leaves the pending set, claimed by `by`. */
  | { kind: 'claim'; approvals: string[]; by: string; record: AuditEntry };

/** A change request as persisted: exactly the plan that was shown, so approval approves what was seen. */
export interface PendingChangeRecord {
  id: string;
  command: string;
  commandLine: string;
  description: string;
  actor: AuditEntry['actor'];
  /** Validated arguments (JSON). */
  args: Record<string, unknown>;
  /**
   * Lines per device (with the platform they were planned for), in the order the change runs;
   * `facts` and `notes`: what the survey read there first (the plan is made from the facts again).
   */
  plan: { device: string; platform: string; lines: string[]; facts?: Record<string, string>; notes?: string[] }[];
  createdAt: number;
  expiresAt: number;
  messageRef?: MessageRef;
  /** issue 16: the approval rules it must satisfy (fixed when proposed) and who approved so far. */
  approval?: { needs: { rule: string; count: number; from: string[] }[]; approvals: string[] };
  /**
   * issue 16: asked for with --break-glass (absent: not asked, so a freeze refuses its run).
   * `audited`: the rule whose bypass was recorded when it was proposed, so the run records only a new one.
   */
  breakGlass?: { audited?: string };
}

export interface RunningJobRecord {
  id: string;
  command: string;
  actor: AuditEntry['actor'];
  targets: string[];
  startedAt: number;
  /** Devices a change was being applied to: after a crash, their state is unknown. */
  changing?: string[];
}

/** Where a job's message lives on a chat surface (Slack: channel + ts). */
export interface MessageRef {
  channel: string;
  ts: string;
}

/**
 * A chat surface a job streams to. Slack implements it over the Web API; tests use a
 * recording fake. Views are the neutral view models of src/render.
 */
export interface ChatSurface {
  postJob(view: JobView): Promise<MessageRef>;
  /** Redraws the job message; a finished view is the summary (and may attach what does not fit). */
  updateJob(ref: MessageRef, view: JobView, full: () => string): Promise<void>;
  /** Posts in the job's thread. */
  reply(ref: MessageRef, view: ReplyView): Promise<void>;
  /** Shows something only to one user. */
  tellUser(user: string, view: ReplyView | ErrorView): Promise<void>;
  /** Attaches a text file in the job's thread. */
  attach(ref: MessageRef, name: string, content: string): Promise<void>;
}
