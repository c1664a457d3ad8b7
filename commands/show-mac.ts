import { z } from 'zod';
import { defineCommand } from '../src/core/command.js';
import { MAC } from '../src/devices/parsers/daily-parsers.js';
import { cliFrom } from '../src/devices/platforms/daily-cli.js';

/** A VLAN id as the devices take it: 1-4094, digits only. */
export const vlanId = z
  .string()
  .regex(/^[1-9]\d{0,3}$/, 'expected a VLAN id (1-4094)')
  .refine((v) => Number(v) <= 4094, 'expected a VLAN id (1-4094)');

/** MAC address tables, optionally of one VLAN (IOS-XR routers have none: reported per device). */
export default defineCommand({
  name: 'show-mac',
  kind: 'read',
  summary: 'MAC address table of each target (optionally one VLAN): VLAN, MAC, type, port',
  usage: ['show-mac role=access', 'show-mac device=east-access-2 vlan=10'],
  args: z.object({ vlan: vlanId.optional() }),
  cli: cliFrom(
    (d, a) => [d.mac!(a.vlan as string | undefined)],
    (d) => d.mac !== undefined,
  ),
  parse: MAC,
  columns: [
    { key: 'vlan', label: 'VLAN' },
    { key: 'mac', label: 'MAC' },
    { key: 'type', label: 'Type' },
    { key: 'port', label: 'Port' },
  ],
});
