import { defineCommand } from '../src/core/command.js';
import { ARP } from '../src/devices/parsers/daily-parsers.js';
import { cliFrom } from '../src/devices/platforms/daily-cli.js';

/** ARP tables; MAC addresses shown as aaaa.bbbb.cccc whatever the platform prints. */
export default defineCommand({
  name: 'show-arp',
  kind: 'read',
  summary: 'ARP table of each target: address, MAC, interface, age',
  usage: ['show-arp device=east-core-1', 'show-arp role=core'],
  cli: cliFrom((d) => d.arp),
  parse: ARP,
  columns: [
    { key: 'ip', label: 'Address' },
    { key: 'mac', label: 'MAC' },
    { key: 'interface', label: 'Interface' },
    { key: 'age', label: 'Age' },
  ],
});
