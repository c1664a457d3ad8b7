import { defineCommand } from '../src/core/command.js';
import { stateChangeParts } from '../src/devices/interface-change.js';

/** Shuts one port: its name checked against each device's own list, its neighbour shown to the approver first. */
export default defineCommand({
  name: 'interface-shutdown',
  summary: 'Shut an interface (admin down); shows its state and LLDP neighbour first; needs an approver',
  usage: ['interface-shutdown device=east-access-2 interface=Gi0/3', 'interface-shutdown device=west-edge-1 interface=ge-0/0/0 --dry-run'],
  describe: (args) => `shut down interface ${String(args['interface'])}`,
  ...stateChangeParts('interface-shutdown', 'shutdown'),
});
