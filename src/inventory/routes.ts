import type { Device } from '../core/types.js';
import type { DeviceRoute, JumpHost } from '../devices/ssh-route.js';

export interface RouteTable {
  jumpHosts: Record<string, { host: string; port: number; credentials: string; maxSessions?: number }>;
  sites: Record<string, { jumpHost?: string }>;
}

/**
 * How to reach each device: its own jump host, else its site's, else direct; legacy
 * algorithms only where the inventory marks the device. Names were checked at load.
 */
export function routeResolver(table: RouteTable): (device: Device) => DeviceRoute {
  return (device) => {
    const name = device.jumpHost ?? table.sites[device.site]?.jumpHost;
    const bastion = name ? table.jumpHosts[name] : undefined;
    const jumpHost: JumpHost | undefined = bastion && name ? { name, ...bastion } : undefined;
    return { ...(jumpHost ? { jumpHost } : {}), ...(device.legacy ? { legacy: true } : {}) };
  };
}
