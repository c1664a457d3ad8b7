import type { PendingChangeRecord } from '../core/ports.js';
import type { Actor } from '../core/types.js';
import { displayId } from '../core/change-desk.js';
import type { Inventory } from '../inventory/inventory.js';
import type { ChangeRequestView } from './views.js';

/** A change request as both renderers draw it; identical line sets are shown once with their devices. */
export function toChangeView(
  c: PendingChangeRecord,
  inventory: Inventory,
  state: ChangeRequestView['state'] = 'pending-approval',
  by?: Actor,
  approvals?: ChangeRequestView['approvals'],
): ChangeRequestView {
  const groups = new Map<string, { devices: string[]; lines: string[] }>();
  for (const p of c.plan) {
    const key = p.lines.join('\n');
    const g = groups.get(key) ?? { devices: [], lines: p.lines };
    g.devices.push(p.device);
    groups.set(key, g);
  }
  const redundancy = new Set(c.plan.map((p) => inventory.get(p.device)?.group).filter(Boolean));
  const canary = c.plan[0]?.device ?? '';
  const before = c.plan.filter((p) => p.notes?.length).map((p) => ({ device: p.device, notes: p.notes! }));
  return {
    id: displayId(c.id),
    description: c.description,
    commandLine: c.commandLine,
    requesterName: c.actor.name,
    requesterId: c.actor.id,
    requesterVia: c.actor.via,
    devices: c.plan.length,
    plan: [...groups.values()],
    ...(before.length ? { before } : {}),
    rollout: `canary ${canary} first, then the rest; one member of each redundancy group at a time${redundancy.size ? ` (${redundancy.size} group${redundancy.size === 1 ? '' : 's'})` : ''}; stops at the first failure; each device verified, rolled back if verification fails`,
    // The requester rejecting their own request withdraws it.
    state: state === 'rejected' && by?.id === c.actor.id ? 'withdrawn' : state,
    by: by?.name,
    expiresAt: new Date(c.expiresAt).toISOString(),
    ...(approvals ? { approvals } : {}),
  };
}
