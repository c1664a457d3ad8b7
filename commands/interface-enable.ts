import { defineCommand } from '../src/core/command.js';
import { stateChangeParts } from '../src/devices/interface-change.js';

/** Brings a shut port back (no shutdown; Junos: the disable deleted), verified from the port's state. */
export default defineCommand({
  name: 'interface-enable',
  summary: 'Enable an interface (no shutdown); shows its state and LLDP neighbour first; needs an approver',
  usage: ['interface-enable device=east-access-2 interface=Gi0/3', 'interface-enable device=east-edge-2 interface=Et1 --dry-run'],
  describe: (args) => `enable interface ${String(args['interface'])}`,
  ...stateChangeParts('interface-enable', 'enable'),
});
