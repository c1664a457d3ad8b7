/**
 * Which parser reads each everyday topic on each platform: the command modules take their
 * `parse` maps from here, so a platform's parser is named once.
 */
import type { PlatformId } from '../../core/types.js';
import { parseCiscoRoutes, parseNxosRoutes } from './cisco-style-routes.js';
import { portKey } from './addresses.js';
import { parseCiscoCdp, parseCiscoLldp, parseEosLldp } from './cisco-style-neighbors.js';
import {
  arpParser,
  parseCiscoBgpSummary,
  parseCiscoMacTable,
  parseCiscoOspfNeighbors,
  parseCiscoPortStatus,
  parseEosBgpSummary,
  parsePing,
} from './cisco-style-topics.js';
import { parseXrInterfacesBrief } from './cisco-xr-topics.js';
import type { Fields } from './common.js';
import {
  parseJunosArp,
  parseJunosBgpSummary,
  parseJunosLldp,
  parseJunosMacTable,
  parseJunosOspfNeighbors,
  parseJunosPortStatus,
  parseJunosRoutes,
} from './juniper-junos-topics.js';

export type TableParser = (raw: string) => Fields[] | undefined;
type PerPlatform<T> = Record<PlatformId, T>;

/** Sessions that are not Established first: what an engineer on call looks for. */
const downFirst =
  (parse: TableParser): TableParser =>
  (raw) =>
    parse(raw)?.sort((a, b) => Number(a.state === 'Established') - Number(b.state === 'Established'));

/** A table the device printed with no row in it (no BGP peer, no neighbour): understood, and empty. */
const orEmpty =
  (parse: TableParser, header: RegExp): TableParser =>
  (raw) =>
    parse(raw) ?? (header.test(raw) ? [] : undefined);

const CISCO_BGP_HEAD = /^\s*Neighbor\s+(?:V|Spk)\s+AS\s/m;
const EOS_BGP_HEAD = /^\s*(?:Description\s+)?Neighbor\s+V\s+AS\s/m;

export const BGP: PerPlatform<TableParser> = {
  cisco_ios: downFirst(orEmpty(parseCiscoBgpSummary, CISCO_BGP_HEAD)),
  cisco_nxos: downFirst(orEmpty(parseCiscoBgpSummary, CISCO_BGP_HEAD)),
  cisco_xr: downFirst(orEmpty(parseCiscoBgpSummary, CISCO_BGP_HEAD)),
  arista_eos: downFirst(orEmpty(parseEosBgpSummary, EOS_BGP_HEAD)),
  juniper_junos: downFirst(orEmpty(parseJunosBgpSummary, /^Peer\s+AS\s+InPkt/m)),
};

/**
 * `show lldp neighbors` then `show cdp neighbors` (IOS, NX-OS): the LLDP rows with the platform
 * CDP names on the same port, and CDP's rows for ports LLDP does not list (LLDP off).
 */
export function lldpWithCdp(raw: string): Fields[] | undefined {
  const at = raw.search(/^Capability Codes:/m);
  const lldp = parseCiscoLldp(at < 0 ? raw : raw.slice(0, at)) ?? [];
  const cdp = at < 0 ? [] : (parseCiscoCdp(raw.slice(at)) ?? []);
  const cdpOn = (port: string) => cdp.find((c) => portKey(c.localPort!) === portKey(port));
  const rows = [
    ...lldp.map((l) => ({ ...l, platform: cdpOn(l.localPort!)?.platform ?? '' })),
    ...cdp.filter((c) => !lldp.some((l) => portKey(l.localPort!) === portKey(c.localPort!))),
  ];
  if (rows.length) return rows;
  return /^Device[ -]ID\s+Local/m.test(raw) ? [] : undefined;
}

// A table with its header and no row: a port shut or a link down can empty each of these.
const CISCO_ARP_HEAD = /^\s*(?:Protocol\s+)?Address\s+Age\b/m;
const CISCO_MAC_HEAD = /^\s*Vlan\s+Mac Address\s+Type\b/im;

export const LLDP: PerPlatform<TableParser> = {
  cisco_ios: lldpWithCdp,
  cisco_nxos: lldpWithCdp,
  cisco_xr: orEmpty(parseCiscoLldp, /^Device ID\s+Local Intf/m),
  arista_eos: orEmpty(parseEosLldp, /^Port\s+Neighbor Device ID\s/m),
  juniper_junos: orEmpty(parseJunosLldp, /^Local Interface\s+Parent Interface\s/m),
};

export const ARP: PerPlatform<TableParser> = {
  cisco_ios: orEmpty(arpParser({ skip: 1, lead: /Internet\s+/ }), CISCO_ARP_HEAD),
  cisco_nxos: orEmpty(arpParser({ skip: 0 }), CISCO_ARP_HEAD),
  cisco_xr: orEmpty(arpParser({ skip: 2 }), CISCO_ARP_HEAD),
  arista_eos: orEmpty(arpParser({ skip: 0 }), CISCO_ARP_HEAD),
  juniper_junos: orEmpty(parseJunosArp, /^MAC Address\s+Address\s+Interface\b/m),
};

export const MAC: Partial<PerPlatform<TableParser>> = {
  cisco_ios: orEmpty(parseCiscoMacTable, CISCO_MAC_HEAD),
  cisco_nxos: orEmpty(parseCiscoMacTable, CISCO_MAC_HEAD),
  arista_eos: orEmpty(parseCiscoMacTable, CISCO_MAC_HEAD),
  juniper_junos: orEmpty(parseJunosMacTable, /^Ethernet switching table : 0 entries/m),
};

export const PORTS: PerPlatform<TableParser> = {
  cisco_ios: parseCiscoPortStatus,
  cisco_nxos: parseCiscoPortStatus,
  cisco_xr: parseXrInterfacesBrief,
  arista_eos: parseCiscoPortStatus,
  juniper_junos: parseJunosPortStatus,
};

const CISCO_OSPF_HEAD = /^\s*Neighbor ID\s+(?:VRF\s+)?Pri\s+State\b/m;

export const OSPF: PerPlatform<TableParser> = {
  cisco_ios: orEmpty(parseCiscoOspfNeighbors, CISCO_OSPF_HEAD),
  cisco_nxos: orEmpty(parseCiscoOspfNeighbors, CISCO_OSPF_HEAD),
  cisco_xr: orEmpty(parseCiscoOspfNeighbors, CISCO_OSPF_HEAD),
  arista_eos: orEmpty(parseCiscoOspfNeighbors, CISCO_OSPF_HEAD),
  juniper_junos: orEmpty(parseJunosOspfNeighbors, /^Address\s+Interface\s+State\s+ID\s+Pri\s+Dead/m),
};

/** What the route parsers answer when the device has no route for the prefix. */
export const NO_ROUTE: Fields = { prefix: 'no route', protocol: '', nextHop: '', interface: '' };

/**
 * The device says it has no route (IOS/XR `% Network not in table`, NX-OS `Route not found`,
 * EOS a table with no line, Junos nothing at all): one row saying so, not unparsed output.
 */
const orNoRoute =
  (parse: TableParser, none: RegExp): TableParser =>
  (raw) =>
    parse(raw) ?? (none.test(raw) ? [NO_ROUTE] : undefined);

export const ROUTE: PerPlatform<TableParser> = {
  cisco_ios: orNoRoute(parseCiscoRoutes, /% (?:Network|Subnet) not in table/),
  cisco_nxos: orNoRoute(parseNxosRoutes, /Route not found/),
  cisco_xr: orNoRoute(parseCiscoRoutes, /% Network not in table/),
  arista_eos: orNoRoute(parseCiscoRoutes, /^Gateway of last resort/m),
  juniper_junos: orNoRoute(parseJunosRoutes, /^\s*$/),
};

export const PING = parsePing;
