import { defineCommand } from '../src/core/command.js';
import { parseIosShowInterfaces } from '../src/devices/parsers/cisco-ios.js';
import { parseNxosShowInterface } from '../src/devices/parsers/cisco-nxos.js';
import { parseXrShowInterfaces } from '../src/devices/parsers/cisco-xr.js';
import { parseEosShowInterfaces } from '../src/devices/parsers/arista-eos.js';
import { parseJunosShowInterfaces } from '../src/devices/parsers/juniper-junos-interfaces.js';

/** One row per interface: name, link status, protocol, address and description where the platform gives them. */
export default defineCommand({
  name: 'show-interfaces',
  kind: 'read',
  summary: 'Interfaces of each target: status, protocol, address, description',
  usage: ['show-interfaces device=east-core-1', 'show-interfaces site=west role=edge'],
  cli: {
    cisco_ios: () => ['show interfaces'],
    cisco_nxos: () => ['show interface'],
    cisco_xr: () => ['show interfaces'],
    arista_eos: () => ['show interfaces'],
    juniper_junos: () => ['show interfaces'],
  },
  parse: {
    cisco_ios: parseIosShowInterfaces,
    cisco_nxos: parseNxosShowInterface,
    cisco_xr: parseXrShowInterfaces,
    arista_eos: parseEosShowInterfaces,
    juniper_junos: parseJunosShowInterfaces,
  },
  columns: [
    { key: 'interface', label: 'Interface' },
    { key: 'status', label: 'Status' },
    { key: 'protocol', label: 'Protocol' },
    { key: 'address', label: 'Address' },
    { key: 'description', label: 'Description' },
  ],
});
