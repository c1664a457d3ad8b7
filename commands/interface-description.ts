import { defineCommand } from '../src/core/command.js';
import { INTERFACE_SURVEY, checkDescription, interfaceArgs, interfacePlan } from '../src/devices/interface-change.js';

/** Sets a port's description; the text is checked against each target platform's quoting rules first. */
export default defineCommand({
  name: 'interface-description',
  kind: 'change',
  flags: ['dry-run'],
  summary: 'Set an interface description; checked for each platform; needs an approver',
  usage: [
    'interface-description device=east-access-2 interface=Gi0/3 text="printer, room 4.12"',
    'interface-description device=west-core-2 interface=Gi0/0/0/1 text="to west-access-2" --dry-run',
  ],
  parseArgs: (raw) => interfaceArgs(raw, 'interface-description', ['text']),
  checkTargets: (args, devices) => checkDescription(String(args['text']), devices),
  survey: INTERFACE_SURVEY,
  plan: (args, device, facts) => interfacePlan('describe', device, facts, String(args['text'])),
  describe: (args) => `set the description of interface ${String(args['interface'])} to "${String(args['text'])}"`,
});
