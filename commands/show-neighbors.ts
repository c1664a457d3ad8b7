import { defineCommand } from '../src/core/command.js';
import { LLDP } from '../src/devices/parsers/daily-parsers.js';
import { cliFrom } from '../src/devices/platforms/daily-cli.js';

/** LLDP neighbours: what is plugged into each port. */
export default defineCommand({
  name: 'show-neighbors',
  kind: 'read',
  summary: 'LLDP neighbours of each target: local port, neighbour device, neighbour port',
  usage: ['show-neighbors device=east-core-1', 'show-neighbors site=east role=access'],
  cli: cliFrom((d) => d.neighbors),
  parse: LLDP,
  columns: [
    { key: 'localPort', label: 'Local port' },
    { key: 'neighbor', label: 'Neighbour' },
    { key: 'neighborPort', label: 'Neighbour port' },
    { key: 'platform', label: 'Platform' },
  ],
});
