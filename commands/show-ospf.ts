import { defineCommand } from '../src/core/command.js';
import { OSPF } from '../src/devices/parsers/daily-parsers.js';
import { cliFrom } from '../src/devices/platforms/daily-cli.js';

export default defineCommand({
  name: 'show-ospf',
  kind: 'read',
  summary: 'OSPF neighbours of each target and their state',
  usage: ['show-ospf role=core', 'show-ospf device=west-edge-*'],
  cli: cliFrom((d) => d.ospf),
  parse: OSPF,
  columns: [
    { key: 'neighborId', label: 'Neighbour ID' },
    { key: 'state', label: 'State' },
    { key: 'address', label: 'Address' },
    { key: 'interface', label: 'Interface' },
  ],
});
