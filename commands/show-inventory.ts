import { defineCommand } from '../src/core/command.js';
import { parseIosShowInventory } from '../src/devices/parsers/cisco-ios.js';
import { parseNxosShowInventory } from '../src/devices/parsers/cisco-nxos.js';
import { parseXrShowInventory } from '../src/devices/parsers/cisco-xr.js';
import { parseEosShowInventory } from '../src/devices/parsers/arista-eos.js';
import { parseJunosShowChassisHardware } from '../src/devices/parsers/juniper-junos.js';

/** One row per hardware item (chassis, modules, power supplies, optics); Junos calls it chassis hardware. */
export default defineCommand({
  name: 'show-inventory',
  kind: 'read',
  summary: 'Hardware inventory of each target: name, description, part number, serial',
  usage: ['show-inventory site=east', 'show-inventory role=core'],
  cli: {
    cisco_ios: () => ['show inventory'],
    cisco_nxos: () => ['show inventory'],
    cisco_xr: () => ['show inventory'],
    arista_eos: () => ['show inventory'],
    juniper_junos: () => ['show chassis hardware'],
  },
  parse: {
    cisco_ios: parseIosShowInventory,
    cisco_nxos: parseNxosShowInventory,
    cisco_xr: parseXrShowInventory,
    arista_eos: parseEosShowInventory,
    juniper_junos: parseJunosShowChassisHardware,
  },
  columns: [
    { key: 'name', label: 'Name' },
    { key: 'description', label: 'Description' },
    { key: 'pid', label: 'Part' },
    { key: 'serial', label: 'Serial' },
  ],
});
