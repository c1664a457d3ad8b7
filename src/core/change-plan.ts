import type { ChangeCommand, DeviceChangePlan } from './command.js';
import { displayId } from './change-desk.js';
import { UserError } from './errors.js';
import type { PendingChangeRecord } from './ports.js';
import type { Device } from './types.js';
import type { Inventory } from '../inventory/inventory.js';
import type { Surveyed } from './change-survey.js';

/** Works out every device's lines before anything is proposed; a platform the change has no form for is refused now. */
export function planChange(
  command: ChangeCommand,
  args: Record<string, unknown>,
  devices: Device[],
  surveyed?: Surveyed,
): Map<string, DeviceChangePlan> {
  const plans = new Map<string, DeviceChangePlan>();
  for (const d of devices) {
    const read = surveyed?.get(d.name);
    const plan = command.plan(args, d, read?.facts);
    if (!plan)
      throw new UserError(
        'bad_argument',
        `${command.describe(args)} has no form for ${d.platform} (${d.name})`,
        `narrow the targets, e.g. platform!=${d.platform}`,
      );
    plans.set(d.name, read ? { ...plan, ...read } : plan);
  }
  return plans;
}

/**
 * The run of an approved request: re-planned from today's inventory and templates, and
 * refused unless it is exactly what was shown (same devices, platforms and lines).
 */
export function replanApproved(
  change: PendingChangeRecord,
  command: ChangeCommand,
  inventory: Inventory,
): { devices: Device[]; plans: Map<string, DeviceChangePlan> } {
  const stale = (why: string) =>
    new UserError('bad_argument', `${displayId(change.id)} no longer matches what was proposed: ${why}`, 'reject it and propose it again');
  const devices: Device[] = [];
  const plans = new Map<string, DeviceChangePlan>();
  for (const p of change.plan) {
    const d = inventory.get(p.device);
    if (!d) throw stale(`${p.device} is no longer in the inventory`);
    if (d.platform !== p.platform) throw stale(`${p.device} is now ${d.platform}, not ${p.platform}`);
    // Planned from what the survey found when it was proposed: the approved lines, not a new look.
    const plan = command.plan(change.args, d, p.facts);
    if (!plan || plan.lines.join('\n') !== p.lines.join('\n')) throw stale(`the lines for ${p.device} changed`);
    devices.push(d);
    plans.set(d.name, plan);
  }
  return { devices, plans };
}

/** One device's part of a persisted request: its lines, and what its survey read (when it had one). */
export function planRecord(d: Device, plan: DeviceChangePlan): PendingChangeRecord['plan'][number] {
  const { facts, notes } = plan;
  return { device: d.name, platform: d.platform, lines: plan.lines, ...(facts ? { facts } : {}), ...(notes ? { notes } : {}) };
}
