/** Cisco IOS-XR parsers against every real capture; the ntc -> product mapping is the one in cisco-xr.ts. */
import { ciscoInventory, fixtureTests, garbageTests, text, versionFrom } from './fixture-cases.js';
import { parseXrShowInterfaces, parseXrShowInventory, parseXrShowVersion } from '../../src/devices/parsers/cisco-xr.js';

/**
 * ntc parses no hostname from XR's show version; these are read off each capture's
 * `<host> uptime is` line (`System uptime is` names no host).
 */
const HOSTNAMES: Record<string, string> = {
  cisco_xr_show_version: '',
  cisco_xr_show_version_01: 'gemini',
  cisco_xr_show_version_crs: 'router',
  cisco_xr_show_version_label: '',
};

fixtureTests({
  platform: 'cisco_xr',
  command: 'show_version',
  parse: parseXrShowVersion,
  // XR's show version prints no serial number: none is named, so ''.
  expect: (ntc, capture) => ({
    ...versionFrom('Cisco', { model: 'hardware', version: 'version', uptime: 'uptime' })(ntc),
    hostname: HOSTNAMES[capture.id] ?? 'capture missing from HOSTNAMES',
  }),
});

fixtureTests({
  platform: 'cisco_xr',
  command: 'show_interfaces',
  parse: parseXrShowInterfaces,
  expect: (records) =>
    records.map((r) => ({
      interface: text(r.interface),
      status: text(r.link_status),
      protocol: text(r.admin_state),
      // `Internet address is Unknown` means no address.
      address: text(r.ip_address) === 'Unknown' ? '' : text(r.ip_address),
      description: text(r.description),
    })),
});

fixtureTests({ platform: 'cisco_xr', command: 'show_inventory', parse: parseXrShowInventory, expect: ciscoInventory });

garbageTests({ parseXrShowVersion, parseXrShowInterfaces, parseXrShowInventory });
