import type { z } from 'zod';
import type { Column, ReplyView } from '../render/views.js';
import { PLATFORM_IDS, type Actor, type Device, type PlatformId } from './types.js';
import type { Inventory } from '../inventory/inventory.js';
import type { ParsedCommandLine } from './command-line.js';
import type { JobSummary } from './types.js';
import type { Registry } from './registry.js';
import type { AuditEntry, AuditReader, Clock, PendingChangeRecord } from './ports.js';
import type { Backups } from './backups.js';
import type { Policy } from './policy.js';

/** What an `info` command may look at: never a device. */
export interface InfoContext {
  actor: Actor;
  request: ParsedCommandLine;
  inventory: Inventory;
  registry: Registry;
  jobs: () => JobSummary[];
  audit: AuditReader;
  clock: Clock;
  /** Cancels a running job as this actor (rights checked); returns it. */
  cancel: (jobId: string) => Promise<JobSummary>;
  pendingChanges: () => PendingChangeRecord[];
  /** Approves / rejects a change request as this actor (rights checked). */
  /** `waiting` is set when the approval counted but the policy needs more approvers. */
  approve: (id: string) => Promise<PendingChangeRecord & { waiting?: string }>;
  reject: (id: string) => Promise<PendingChangeRecord>;
  /** The policy the core decides with (whoami, policy check). */
  policy: Policy;
}

interface CommandBase {
  /** The word after /net. */
  name: string;
  /** One line for /net help. */
  summary: string;
  /** Example invocations shown by /net help <name>. */
  usage: string[];
  /** Schema of the key=value arguments that are not target selectors; unknown keys are refused. */
  args?: z.ZodObject<z.ZodRawShape>;
  /** The --flags the command understands; any other is refused (a mistyped --dry-run must not run for real). */
  flags?: string[];
}

/** Answers from the inventory, the registry or the job list; touches no device. */
export interface InfoCommand extends CommandBase {
  kind: 'info';
  /** Whether the command accepts target selectors (site=..., role=...). */
  acceptsTargets: boolean;
  execute(ctx: InfoContext, args: Record<string, unknown>): Promise<ReplyView> | ReplyView;
}

/** Runs CLI commands on every selected device and parses what they answer. */
export interface ReadCommand extends CommandBase {
  kind: 'read';
  /** The CLI lines per platform, from validated arguments only. A platform missing here is reported per device. */
  cli: Partial<Record<PlatformId, (args: Record<string, unknown>) => string[]>>;
  /**
   * Parsers per platform: one record (show-version) or several (one per interface), or
   * undefined when the output is not understood (then it is kept raw and flagged).
   */
  parse: Partial<Record<PlatformId, (raw: string) => Record<string, string> | Record<string, string>[] | undefined>>;
  /**
   * What the schema cannot say alone (one of two keys, not both): checked after it, before any
   * job starts; throws UserError.
   */
  checkArgs?(args: Record<string, unknown>): void;
  /** Columns of the summary table, in order. */
  columns: Column[];
  /** The raw output is the point (configurations): always attach it in full, not only when the summary overflows. */
  attachOutput?: boolean;
  /**
   * Reads that keep their output (backup) or compare it with what was kept (diff-config): given
   * the device's output before any masking, answers what to show instead of `parse`; the engine
   * masks that like any output. Runs where the device is run (on a worker when scaled out).
   */
  withBackups?: (backups: Backups, read: BackupRead) => Promise<{ raw: string; parsed: Record<string, string>[] }>;
}

/** One device's share of a backup-aware read. */
export interface BackupRead {
  device: Device;
  /** The output of the command's CLI lines, unmasked: it must not leave the Backups desk unmasked. */
  raw: string;
  args: Record<string, unknown>;
  job: { id: string; actor: AuditEntry['actor'] };
}

/**
 * What a change read from one device before it was planned (the survey): flat strings, so
 * they persist with the request and travel to workers; the plan is made from them again at
 * approval and on the worker, and must give the same lines.
 */
export type SurveyFacts = Record<string, string>;

/**
 * A read-only look at each target before the plan is shown (its interface list, what is
 * plugged in where): the lines per platform, and what their outputs mean for the change.
 */
export interface ChangeSurvey {
  /** The read-only CLI lines per platform, from validated arguments only. */
  cli: Partial<Record<PlatformId, (args: Record<string, unknown>) => string[]>>;
  /**
   * The facts the plan is made from and the notes the approver reads, from the outputs (one
   * per line, in order). Throws UserError when the device cannot take the change (a name it lacks).
   */
  facts(outputs: string[], device: Device, args: Record<string, unknown>): { facts: SurveyFacts; notes: string[] };
}

/** What a change does on one device, worked out before anyone approves it. */
export interface DeviceChangePlan {
  lines: string[];
  /** After the commit: a command whose output must satisfy `check` (which returns the problem, or undefined). */
  verify?: { command: string; check: (output: string) => string | undefined };
  /** What the survey read on this device (set when planned from a survey): persisted with the request, sent to workers. */
  facts?: SurveyFacts;
  /** The survey's notes for the approver. */
  notes?: string[];
}

/**
 * Changes configuration: planned from validated arguments only, proposed as a change
 * request, run after an approver (never the requester) approves, canary first, never two
 * members of a redundancy group at once, verified, rolled back when verification fails.
 */
export interface ChangeCommand extends CommandBase {
  kind: 'change';
  /** Validates the key=value arguments (the template decides which exist); throws UserError. */
  parseArgs(raw: Record<string, string>): Record<string, unknown>;
  /**
   * What the arguments mean for each target's platform (a description one platform cannot
   * quote), checked before any device is read; throws UserError.
   */
  checkTargets?(args: Record<string, unknown>, devices: Device[]): void;
  /** Read before planning, on every target; its facts are what `plan` is given. */
  survey?: ChangeSurvey;
  /**
   * The plan for one device, or undefined when the change has no form for its platform.
   * `facts`: what the survey found on this device (present exactly when the command has a survey).
   */
  plan(args: Record<string, unknown>, device: Device, facts?: SurveyFacts): DeviceChangePlan | undefined;
  /** One line saying what the change does, for the change request. */
  describe(args: Record<string, unknown>): string;
}

export type CommandModule = InfoCommand | ReadCommand | ChangeCommand;

/** The same value for every platform (a command whose CLI or parser does not differ). */
export function onEveryPlatform<T>(value: T): Record<PlatformId, T> {
  return Object.fromEntries(PLATFORM_IDS.map((p) => [p, value])) as Record<PlatformId, T>;
}

/** Identity helper that gives command modules their type. */
export function defineCommand<T extends CommandModule>(module: T): T {
  return module;
}
