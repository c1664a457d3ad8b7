/** Cisco NX-OS parsers against every real capture; the ntc -> product mapping is the one in cisco-nxos.ts. */
import { ciscoInventory, fixtureTests, garbageTests, text, versionFrom, withPrefix, type Corrections } from './fixture-cases.js';
import type { Fields } from '../../src/devices/parsers/common.js';
import { parseNxosShowInterface, parseNxosShowInventory, parseNxosShowVersion } from '../../src/devices/parsers/cisco-nxos.js';

fixtureTests({
  platform: 'cisco_nxos',
  command: 'show_version',
  parse: parseNxosShowVersion,
  expect: versionFrom('Cisco', { hostname: 'hostname', model: 'platform', version: 'os', serial: 'serial', uptime: 'uptime' }),
});

/** ntc cuts `admin state is up` (no comma after it) to "u"; the product reads the whole word. */
const adminStateCut = (iface: string): Corrections<Fields[]>[string] => ({
  why: 'ntc truncates "admin state is up" without a trailing comma to "u"',
  apply: (records) => records.map((r) => (r.interface === iface ? { ...r, protocol: 'up' } : r)),
});

fixtureTests({
  platform: 'cisco_nxos',
  command: 'show_interface',
  parse: parseNxosShowInterface,
  expect: (records) =>
    records.map((r) => ({
      interface: text(r.interface),
      status: text(r.link_status),
      // ntc's admin_state holds the SVI line protocol with its flags ("down, autostate enabled"): the product keeps the state.
      protocol: text(r.admin_state).split(',')[0]!,
      address: withPrefix(r.ip_address, r.prefix_length),
      description: text(r.description),
    })),
  corrections: { cisco_nxos_show_interface6: adminStateCut('mgmt0'), cisco_nxos_show_interface8: adminStateCut('port-channel5') },
});

fixtureTests({ platform: 'cisco_nxos', command: 'show_inventory', parse: parseNxosShowInventory, expect: ciscoInventory });

garbageTests({ parseNxosShowVersion, parseNxosShowInterface, parseNxosShowInventory });
