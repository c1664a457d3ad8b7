/**
 * The everyday-topic parsers (BGP, neighbours, ARP, MAC, port status, OSPF, routes) against
 * every capture of those topics in ../shared/fixtures/devices/. Each table names the ntc ->
 * product field mapping; `comparable` keeps the product fields ntc also has.
 */
import { fixtureTests, garbageTests, text, type NtcRecord } from './fixture-cases.js';
import type { Fields } from '../../src/devices/parsers/common.js';
import {
  bgpState,
  arpParser,
  parseCiscoBgpSummary,
  parseCiscoMacTable,
  parseCiscoOspfNeighbors,
  parseCiscoPortStatus,
  parseEosBgpSummary,
  parsePing,
} from '../../src/devices/parsers/cisco-style-topics.js';
import { parseCiscoCdp, parseCiscoLldp, parseEosLldp } from '../../src/devices/parsers/cisco-style-neighbors.js';
import { parseCiscoRoutes, parseNxosRoutes } from '../../src/devices/parsers/cisco-style-routes.js';
import {
  parseJunosArp,
  parseJunosBgpSummary,
  parseJunosLldp,
  parseJunosOspfNeighbors,
  parseJunosRoutes,
} from '../../src/devices/parsers/juniper-junos-topics.js';
import { macOrRaw } from '../../src/devices/parsers/addresses.js';
import { lldpWithCdp } from '../../src/devices/parsers/daily-parsers.js';
import { captures } from './fixture-cases.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';

type Pick = (r: NtcRecord) => Fields;
const only = (keys: string[]) => (got: Fields[]) => got.map((g) => Object.fromEntries(keys.map((k) => [k, g[k] ?? ''])));

function table(platform: string, command: string, parse: (raw: string) => Fields[] | undefined, pick: Pick): void {
  const keys = Object.keys(pick({}));
  fixtureTests({ platform, command, parse, comparable: only(keys), expect: (records) => records.map(pick) });
}

// BGP: bgp_neighbor/peer_ip -> neighbor, neighbor_as/peer_as -> as, state_or_prefixes_received (or state + prefixes) -> state.
const ciscoBgp: Pick = (r) => ({
  neighbor: text(r.bgp_neighbor ?? r.bgp_neigh),
  as: text(r.neighbor_as ?? r.neigh_as),
  state: bgpState(text(r.state_or_prefixes_received) || text(r.state) || text(r.state_pfxrcd)).state,
});
for (const p of ['cisco_ios', 'cisco_nxos', 'cisco_xr']) table(p, 'show_ip_bgp_summary', parseCiscoBgpSummary, ciscoBgp);
table('cisco_xr', 'show_bgp_instance_all_summary', parseCiscoBgpSummary, ciscoBgp);
table('arista_eos', 'show_ip_bgp_summary', parseEosBgpSummary, ciscoBgp);
table('juniper_junos', 'show_bgp_summary', parseJunosBgpSummary, (r) => ({ neighbor: text(r.peer_ip), as: text(r.peer_as) }));

// Neighbours: local_interface -> localPort, neighbor_name -> neighbor, neighbor_interface -> neighborPort.
const lldp: Pick = (r) => ({
  localPort: text(r.local_interface),
  neighbor: text(r.neighbor_name),
  neighborPort: text(r.neighbor_interface),
});
for (const p of ['cisco_ios', 'cisco_xr']) table(p, 'show_lldp_neighbors', parseCiscoLldp, lldp);
/** The device ids ntc loses in the NX-OS multiline capture, as the capture prints them. */
const LOST_NAMES: Record<string, string> = {
  'Eth1/5': 'fw1-clinical-partner',
  'Eth1/6': 'fw1-clinical-partner',
  'Eth1/7': 'fw2-clinical-partner',
  'Eth1/8': 'fw2-clinical-partner',
  'Eth4/1': 'cr-park.org.local',
};
fixtureTests({
  platform: 'cisco_nxos',
  command: 'show_lldp_neighbors',
  parse: parseCiscoLldp,
  comparable: only(Object.keys(lldp({}))),
  expect: (records) => records.map(lldp),
  corrections: {
    cisco_nxos_show_lldp_neighbors_multiline: {
      why: 'ntc loses a device id printed with a trailing space on a line of its own; the product keeps it',
      apply: (e) => e.map((r) => ({ ...r, neighbor: r.neighbor || (LOST_NAMES[r.localPort!] ?? '') })),
    },
  },
});
table('arista_eos', 'show_lldp_neighbors', parseEosLldp, lldp);
table('juniper_junos', 'show_lldp_neighbors', parseJunosLldp, lldp);
const cdp: Pick = (r) => ({ ...lldp(r), platform: text(r.platform) });
for (const p of ['cisco_ios', 'cisco_nxos']) table(p, 'show_cdp_neighbors', parseCiscoCdp, cdp);

// ARP: ip_address -> ip, mac_address -> mac (normalised), interface.
const arp: Pick = (r) => ({ ip: text(r.ip_address), mac: macOrRaw(text(r.mac_address)), interface: text(r.interface) });
table('cisco_ios', 'show_ip_arp', arpParser({ skip: 1, lead: /Internet\s+/ }), arp);
table('cisco_nxos', 'show_ip_arp', arpParser({ skip: 0 }), arp);
table('arista_eos', 'show_ip_arp', arpParser({ skip: 0 }), arp);
table('cisco_xr', 'show_arp', arpParser({ skip: 2 }), arp);
table('juniper_junos', 'show_arp_no-resolve', parseJunosArp, arp);

// MAC table: vlan_id -> vlan, mac_address/destination_address -> mac, destination_port/ports -> port.
const mac: Pick = (r) => ({
  vlan: text(r.vlan_id),
  mac: macOrRaw(text(r.mac_address ?? r.destination_address)),
  port: text(r.destination_port ?? r.ports),
});
table('cisco_ios', 'show_mac-address-table', parseCiscoMacTable, mac);
table('cisco_nxos', 'show_mac_address-table', parseCiscoMacTable, mac);
table('arista_eos', 'show_mac_address-table', parseCiscoMacTable, mac);

// Ports: port, status, vlan_id -> vlan, name -> description.
// NX-OS prints `--` for no name: the product shows ''.
const ports: Pick = (r) => ({
  port: text(r.port),
  status: text(r.status),
  vlan: text(r.vlan_id),
  description: text(r.name).replace(/^--$/, ''),
});
table('cisco_ios', 'show_interfaces_status', parseCiscoPortStatus, ports);
table('arista_eos', 'show_interfaces_status', parseCiscoPortStatus, ports);
table('cisco_nxos', 'show_interface_status', parseCiscoPortStatus, ports);

// OSPF: neighbor_id -> neighborId, ip_address -> address.
const ospf: Pick = (r) => ({ neighborId: text(r.neighbor_id), address: text(r.ip_address) });
for (const p of ['cisco_ios', 'cisco_nxos', 'arista_eos']) table(p, 'show_ip_ospf_neighbor', parseCiscoOspfNeighbors, ospf);
table('cisco_xr', 'show_ospf_neighbor', parseCiscoOspfNeighbors, ospf);
table('juniper_junos', 'show_ospf_neighbor', parseJunosOspfNeighbors, ospf);

// Routes: network/prefix_length -> prefix (ntc has one record per next hop; the product one per prefix).
const routeParsers = { cisco_ios: parseCiscoRoutes, cisco_xr: parseCiscoRoutes, arista_eos: parseCiscoRoutes, cisco_nxos: parseNxosRoutes };
for (const [p, parse] of Object.entries(routeParsers)) {
  fixtureTests({
    platform: p,
    command: 'show_ip_route',
    parse,
    comparable: (got) => [...new Set(got.map((g) => g.prefix!))].map((prefix) => ({ prefix })),
    // ntc writes a VRF with no route (`Route not found`) as a record with no network: no route, for the product.
    expect: (records) =>
      [...new Set(records.filter((r) => text(r.network)).map((r) => `${text(r.network)}/${text(r.prefix_length)}`))].map((prefix) => ({
        prefix,
      })),
  });
}

garbageTests({
  parseCiscoBgpSummary,
  parseEosBgpSummary,
  parseJunosBgpSummary,
  parseCiscoLldp,
  parseCiscoCdp,
  parseJunosLldp,
  parseCiscoMacTable,
  parseCiscoPortStatus,
  parseCiscoOspfNeighbors,
  parseJunosOspfNeighbors,
  parseCiscoRoutes,
  parseNxosRoutes,
  parseJunosRoutes,
  parsePing,
  parseJunosArp,
});

// IOS and NX-OS run `show lldp neighbors` then `show cdp neighbors`: with LLDP off, CDP's rows
// answer; with both, the LLDP rows get the platform CDP names on the same port.
for (const p of ['cisco_ios', 'cisco_nxos']) {
  const cdpCapture = captures(p, 'show_cdp_neighbors')[0]!;
  test(`${p}: LLDP off, the CDP neighbours answer`, () => {
    const rows = lldpWithCdp(`% LLDP is not enabled\n${cdpCapture.raw}`);
    assert.deepEqual(
      rows?.map((r) => r.neighbor),
      cdpCapture.expected.map((r) => text(r.neighbor_name)),
    );
  });
}

test('cisco_ios: LLDP rows take the platform CDP names on the same port', () => {
  const lldp =
    'Capability codes:\n\nDevice ID           Local Intf     Hold-time  Capability      Port ID\nR1-PBX              Gi1/0/10       120        R               Fa0/0\n';
  const cdp = captures('cisco_ios', 'show_cdp_neighbors')[0]!.raw;
  const rows = lldpWithCdp(`${lldp}\n${cdp}`)!;
  assert.deepEqual(rows[0], { localPort: 'Gi1/0/10', neighbor: 'R1-PBX', neighborPort: 'Fa0/0', platform: '2811' });
  // The CDP neighbours on ports LLDP does not list are kept.
  assert.equal(rows.length, captures('cisco_ios', 'show_cdp_neighbors')[0]!.expected.length);
});
