/**
 * The interface word tables of every platform against every shared capture
 * (../shared/fixtures/devices): each status and protocol the devices print is one the
 * platform's table knows, so the normalised columns are never left in a device's words.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { captures } from './fixture-cases.js';
import { IOS_INTERFACE_STATES, parseIosShowInterfaces } from '../../src/devices/parsers/cisco-ios.js';
import { NXOS_INTERFACE_STATES, parseNxosShowInterface } from '../../src/devices/parsers/cisco-nxos.js';
import { XR_INTERFACE_STATES, parseXrShowInterfaces } from '../../src/devices/parsers/cisco-xr.js';
import { EOS_INTERFACE_STATES, parseEosShowInterfaces } from '../../src/devices/parsers/arista-eos.js';
import { JUNOS_INTERFACE_STATES, parseJunosShowInterfaces } from '../../src/devices/parsers/juniper-junos-interfaces.js';
import { normaliseInterfaces, type InterfaceStates } from '../../src/devices/parsers/normalise.js';
import type { Fields } from '../../src/devices/parsers/common.js';

const PLATFORMS: [string, string, (raw: string) => Fields[] | undefined, InterfaceStates][] = [
  ['cisco_ios', 'show_interfaces', parseIosShowInterfaces, IOS_INTERFACE_STATES],
  ['cisco_nxos', 'show_interface', parseNxosShowInterface, NXOS_INTERFACE_STATES],
  ['cisco_xr', 'show_interfaces', parseXrShowInterfaces, XR_INTERFACE_STATES],
  ['arista_eos', 'show_interfaces', parseEosShowInterfaces, EOS_INTERFACE_STATES],
  ['juniper_junos', 'show_interfaces', parseJunosShowInterfaces, JUNOS_INTERFACE_STATES],
];

for (const [platform, command, parse, states] of PLATFORMS) {
  for (const c of captures(platform, command)) {
    test(`${platform} word tables know every state in ${c.id}`, () => {
      const records = normaliseInterfaces(parse(c.raw), states);
      assert.ok(records?.length, 'recognised');
      for (const r of records) {
        assert.ok(['up', 'down', 'admin-down'].includes(r.status!), `${r.interface}: status "${r.device_status}"`);
        if (r.device_protocol) assert.ok(['up', 'down'].includes(r.protocol!), `${r.interface}: protocol "${r.device_protocol}"`);
      }
    });
  }
}
