/** The job of an approved change request, as the service runs it (here or through workers). */
import { afterChangeBackup } from './after-change-backup.js';
import { CHANGE_COLUMNS, runChange } from './change-job.js';
import { replanApproved } from './change-plan.js';
import type { Exclusion } from './exclusion.js';
import type { JobSpec } from './job-types.js';
import type { PendingChangeRecord } from './ports.js';
import { remoteChangeStep } from './remote-specs.js';
import { who } from './job-audit.js';
import type { ServiceDeps } from './service.js';
import type { Actor } from './types.js';

/**
 * The run of an approved request: re-planned from today's inventory and templates, and
 * refused unless it is exactly what was shown (same devices, platforms and lines). `approver`
 * (whose approval started it) is who asked for the backup each device keeps after it.
 */
export function approvedChangeSpec(deps: ServiceDeps, exclusion: Exclusion, change: PendingChangeRecord, approver: Actor): JobSpec {
  const command = deps.registry.get(change.command);
  if (command.kind !== 'change') throw new Error(`${change.command} is not a change command`);
  const { devices, plans } = replanApproved(change, command, deps.inventory);
  const { connector, clock, redact, limits } = deps;
  const spec: JobSpec = {
    command: change.command,
    line: change.commandLine,
    actor: { ...change.actor, via: change.actor.via as Actor['via'] },
    devices,
    selector: change.description,
    columns: CHANGE_COLUMNS,
    attachOutput: true,
    run: ({ job, signal, observer }) =>
      runChange({
        job,
        devices,
        plans,
        connector,
        concurrency: limits.concurrency,
        deviceTimeoutMs: limits.deviceTimeoutMs,
        commandTimeoutMs: limits.commandTimeoutMs,
        signal,
        observer,
        clock,
        redact,
        exclusion: exclusion,
        confirmMinutes: 5,
        markChanging: (device, on) => deps.state.markChanging(job.id, device, on),
        backup: afterChangeBackup(deps.registry, deps.backups, job.id, who(approver)),
        step: deps.remote && remoteChangeStep(deps.remote, { job, change, devices, signal, confirmMinutes: 5, approver: who(approver) }),
      }),
    resultsAudited: deps.remote !== undefined,
  };
  return spec;
}
