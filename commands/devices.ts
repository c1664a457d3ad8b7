import { defineCommand } from '../src/core/command.js';
import { compileSelector } from '../src/inventory/selector.js';

export default defineCommand({
  name: 'devices',
  kind: 'info',
  acceptsTargets: true,
  summary: 'List inventory devices, optionally filtered by a selector',
  usage: ['devices', 'devices site=east', 'devices role=core platform=cisco_ios'],
  execute({ inventory, request }) {
    const match = compileSelector(request.selector, inventory);
    const devices = inventory.devices.filter(match);
    return {
      title: `${devices.length} device${devices.length === 1 ? '' : 's'}`,
      blocks: [
        {
          type: 'table',
          columns: [
            { key: 'name', label: 'Device' },
            { key: 'platform', label: 'Platform' },
            { key: 'site', label: 'Site' },
            { key: 'role', label: 'Role' },
            { key: 'group', label: 'Group' },
            { key: 'address', label: 'Address' },
          ],
          rows: devices.map((d) => ({
            name: d.name,
            platform: d.platform,
            site: d.site,
            role: d.role,
            group: d.group ?? '',
            address: `${d.host}:${d.port}`,
          })),
        },
      ],
    };
  },
});
