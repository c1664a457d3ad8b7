import { defineCommand } from '../src/core/command.js';
import { PORTS } from '../src/devices/parsers/daily-parsers.js';
import { cliFrom } from '../src/devices/platforms/daily-cli.js';

/** `show interfaces status` and each platform's equivalent (IOS-XR `show interfaces brief`, Junos `show interfaces terse`). */
export default defineCommand({
  name: 'show-ports',
  kind: 'read',
  summary: 'Ports of each target: status, VLAN, speed, duplex, description',
  usage: ['show-ports device=east-access-1', 'show-ports site=west role=access'],
  cli: cliFrom((d) => d.ports),
  parse: PORTS,
  columns: [
    { key: 'port', label: 'Port' },
    { key: 'status', label: 'Status' },
    { key: 'vlan', label: 'VLAN' },
    { key: 'speed', label: 'Speed' },
    { key: 'duplex', label: 'Duplex' },
    { key: 'description', label: 'Description' },
  ],
});
