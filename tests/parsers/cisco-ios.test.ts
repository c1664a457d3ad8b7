/** Cisco IOS / IOS-XE parsers against every real capture; the ntc -> product mapping is the one in cisco-ios.ts. */
import { ciscoInventory, fixtureTests, garbageTests, text, versionFrom, withPrefix } from './fixture-cases.js';
import { parseIosShowInterfaces, parseIosShowInventory, parseIosShowVersion } from '../../src/devices/parsers/cisco-ios.js';

fixtureTests({
  platform: 'cisco_ios',
  command: 'show_version',
  parse: parseIosShowVersion,
  expect: versionFrom('Cisco', { hostname: 'hostname', model: 'hardware', version: 'version', serial: 'serial', uptime: 'uptime' }),
});

fixtureTests({
  platform: 'cisco_ios',
  command: 'show_interfaces',
  parse: parseIosShowInterfaces,
  expect: (records) =>
    records.map((r) => ({
      interface: text(r.interface),
      status: text(r.link_status),
      protocol: text(r.protocol_status),
      address: withPrefix(r.ip_address, r.prefix_length),
      description: text(r.description),
    })),
});

fixtureTests({ platform: 'cisco_ios', command: 'show_inventory', parse: parseIosShowInventory, expect: ciscoInventory });

garbageTests({ parseIosShowVersion, parseIosShowInterfaces, parseIosShowInventory });
