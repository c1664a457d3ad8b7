/**
 * A worker's view of one work item: the operation rebuilt from its own command registry
 * (never code or lines taken on trust from the queue: a change's lines must equal what this
 * worker plans for the device from today's templates, or it is refused).
 */
import { afterChangeBackup } from '../core/after-change-backup.js';
import { changeKeys, changeOperation } from '../core/change-job.js';
import { DeviceError } from '../core/errors.js';
import { deviceKey } from '../core/exclusion.js';
import type { DeviceOperation } from '../core/job-engine.js';
import { dryRunOperation, readOperation } from '../core/job-operations.js';
import { surveyLines, surveyOperation } from '../core/change-survey.js';
import { UserError } from '../core/errors.js';
import type { Registry } from '../core/registry.js';
import type { DeviceWork } from '../core/remote-work.js';
import type { Device } from '../core/types.js';
import type { Backups } from '../core/backups.js';

export interface BuiltWork {
  operation: DeviceOperation;
  /** Exclusion keys: the device; for a change also its redundancy group. */
  keys: string[];
  /** A change: once the session is open it runs to its end (each command has its own timeout). */
  guard: boolean;
}

/** The operation for `work` on `device`, or a DeviceError saying why this worker will not run it. */
export function buildWork(work: DeviceWork, device: Device, registry: Registry, backups?: Backups): BuiltWork {
  const command = registry.get(work.command);
  if (work.kind === 'read' && !work.dryRun && !work.survey) {
    if (command.kind !== 'read') throw new DeviceError('unsupported', `${work.command} is not a read command here`);
    return { operation: readOperation(command, work.args, backups), keys: [deviceKey(device.name)], guard: false };
  }
  if (command.kind !== 'change') throw new DeviceError('unsupported', `${work.command} is not a change command here`);
  if (work.survey)
    return { operation: surveyOperation(surveyLinesOf(command, work, device)), keys: [deviceKey(device.name)], guard: false };
  const plan = command.plan(work.args, device, work.facts);
  if (!plan || plan.lines.join('\n') !== (work.plan ?? []).join('\n')) {
    throw new DeviceError('command_rejected', `the lines for ${device.name} differ from what was approved; nothing was sent`);
  }
  const plans = new Map([[device.name, plan]]);
  if (work.dryRun) return { operation: dryRunOperation(plans), keys: [deviceKey(device.name)], guard: false };
  // The backup after the change is kept here, where the device was read (the unmasked text stays on this worker).
  const backup = afterChangeBackup(registry, backups, work.jobId, work.approver ?? work.actor);
  return { operation: changeOperation(plans, work.jobId, work.confirmMinutes ?? 5, backup), keys: changeKeys(device), guard: true };
}

/** A survey's read-only lines, from this worker's own registry (never taken from the queue). */
function surveyLinesOf(command: Parameters<typeof surveyLines>[0], work: DeviceWork, device: Device): string[] {
  try {
    return surveyLines(command, work.args, device);
  } catch (err) {
    if (err instanceof UserError) throw new DeviceError('unsupported', err.message);
    throw err;
  }
}
