import { defineCommand } from '../src/core/command.js';
import { IOS_INTERFACE_STATES, parseIosShowInterfaces } from '../src/devices/parsers/cisco-ios.js';
import { NXOS_INTERFACE_STATES, parseNxosShowInterface } from '../src/devices/parsers/cisco-nxos.js';
import { XR_INTERFACE_STATES, parseXrShowInterfaces } from '../src/devices/parsers/cisco-xr.js';
import { EOS_INTERFACE_STATES, parseEosShowInterfaces } from '../src/devices/parsers/arista-eos.js';
import { JUNOS_INTERFACE_STATES, parseJunosShowInterfaces } from '../src/devices/parsers/juniper-junos-interfaces.js';
import { normaliseInterfaces } from '../src/devices/parsers/normalise.js';

/**
 * One row per interface: name, status (`up`, `down`, `admin-down`), protocol (`up`,
 * `down`), address and description where the platform gives them; the device's own words
 * stay in the data as device_status and device_protocol.
 */
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
    cisco_ios: (raw) => normaliseInterfaces(parseIosShowInterfaces(raw), IOS_INTERFACE_STATES),
    cisco_nxos: (raw) => normaliseInterfaces(parseNxosShowInterface(raw), NXOS_INTERFACE_STATES),
    cisco_xr: (raw) => normaliseInterfaces(parseXrShowInterfaces(raw), XR_INTERFACE_STATES),
    arista_eos: (raw) => normaliseInterfaces(parseEosShowInterfaces(raw), EOS_INTERFACE_STATES),
    juniper_junos: (raw) => normaliseInterfaces(parseJunosShowInterfaces(raw), JUNOS_INTERFACE_STATES),
  },
  columns: [
    { key: 'interface', label: 'Interface' },
    { key: 'status', label: 'Status' },
    { key: 'protocol', label: 'Protocol' },
    { key: 'address', label: 'Address' },
    { key: 'description', label: 'Description' },
  ],
});
