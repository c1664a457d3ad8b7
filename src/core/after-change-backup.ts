/**
 * The backup an approved change leaves behind (issue 15, "drift since the last approved
 * change"): once a change committed, verified and saved on a device, its running configuration
 * is kept as a new version, read on the change's own session (here, or on the worker that ran
 * it: the unmasked text never travels), with the approver as who asked. Taking it is a
 * courtesy of the change, never part of it: a failure is a warning on the device's row.
 */
import { DeviceError } from './errors.js';
import type { AuditEntry } from './ports.js';
import type { Backups } from './backups.js';
import { displayId } from './change-desk.js';
import type { ReadCommand } from './command.js';
import type { DeviceOperation } from './job-engine.js';
import type { Registry } from './registry.js';

export interface AfterChangeBackup {
  backups: Backups;
  /** The read that `backup` makes (its CLI lines per platform): what a version is made of. */
  read: ReadCommand;
  /** Who asked: the approver whose approval started the change. */
  actor: AuditEntry['actor'];
  /** The change's job: the version's job id. */
  jobId: string;
  /** `after-change CR-12`. */
  reason: string;
}

/**
 * What the change's job keeps after it; undefined where this process has no backup desk or no
 * `backup` command (a registry made for a test), so a change there simply keeps none.
 */
export function afterChangeBackup(
  registry: Registry,
  backups: Backups | undefined,
  jobId: string,
  actor: AuditEntry['actor'],
): AfterChangeBackup | undefined {
  if (!backups || !registry.all().some((c) => c.name === 'backup')) return undefined;
  const read = registry.get('backup');
  if (read.kind !== 'read') return undefined;
  return { backups, read, actor, jobId, reason: `after-change ${displayId(jobId)}` };
}

type Session = Parameters<DeviceOperation>[0];
type Device = Parameters<DeviceOperation>[1];
type Deadline = { timeoutMs: number; signal: AbortSignal };

/** The device row's Backup cell: `v4`, `unchanged since v3`, or a warning saying why none was kept. Never throws. */
export async function keepAfterChange(session: Session, device: Device, o: Deadline, a: AfterChangeBackup): Promise<string> {
  try {
    const lines = a.read.cli[device.platform]?.({});
    if (!lines) return `warning: not taken (no backup read on ${device.platform})`;
    const outputs: string[] = [];
    for (const line of lines) outputs.push(await session.run(line, o));
    const kept = await a.backups.keep({
      device: device.name,
      platform: device.platform,
      raw: outputs.join('\n'),
      job: { id: a.jobId, actor: a.actor },
      reason: a.reason,
    });
    return kept.stored ? `v${kept.version.version}` : `unchanged since v${kept.version.version}`;
  } catch (err) {
    return `warning: not taken (${whyNot(err)})`;
  }
}

/**
 * A device's own line says what went wrong on it; a store's error is named by its code only,
 * for its message carries server paths that have no place in a chat.
 */
function whyNot(err: unknown): string {
  if (err instanceof DeviceError) return err.message.split('\n')[0]!;
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' ? `the backup store failed: ${code}` : 'the backup store failed';
}
