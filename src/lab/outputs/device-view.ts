/**
 * What one simulated device knows of the lab's network (topology.ts), in neutral rows the
 * per-platform renderers print in their platform's own format: BGP sessions, LLDP neighbours,
 * ARP and MAC entries, port status, OSPF adjacencies, the route to a prefix, a ping.
 */
import { ipv4ToNumber, parseIpv4Prefix, prefixContains } from '../../devices/parsers/addresses.js';
import { endsOf, labMac, liveTopology, paths, type LabLink, type LabTopology } from '../topology.js';

export interface PortName {
  full: string;
  short: string;
}

export interface BgpRow {
  neighbor: string;
  as: number;
  up: boolean;
  /**
   * Its state as the BGP tables print it: the session down on purpose keeps trying (Active);
   * one over a link that is down has no route to its peer and tries nothing (Idle).
   */
  state: 'Established' | 'Active' | 'Idle';
  prefixes: number;
  uptime: string;
}
export interface LldpRow {
  local: PortName;
  neighbor: string;
  neighborPort: PortName;
  /** The neighbour's model, as CDP names it. */
  model: string;
}
export interface ArpRow {
  ip: string;
  mac: string;
  port: PortName;
}
export interface MacRow {
  vlan: string;
  mac: string;
  port: PortName;
}
export interface PortRow {
  port: PortName;
  description: string;
  up: boolean;
  /** Shut in the device's configuration (admin down): tables print it disabled, not just down. */
  shut: boolean;
  vlan: string;
  /** The port's own MAC address (aaaa.bbbb.cccc). */
  mac: string;
  /** The link's address on a routed port (`10.1.3.1/30`); none on a switch port. */
  address?: string;
}
export interface OspfRow {
  neighborId: string;
  address: string;
  port: PortName;
}
export interface RouteRow {
  prefix: string;
  protocol: 'connected' | 'local' | 'ospf';
  nextHop?: string;
  port?: PortName;
  distance: number;
  metric: number;
}

export interface DeviceView {
  name: string;
  loopback: string;
  as: number;
  bgp: BgpRow[];
  lldp: LldpRow[];
  arp: ArpRow[];
  mac: MacRow[];
  ports: PortRow[];
  ospf: OspfRow[];
  /** The longest match for a prefix or address in the device's table, or undefined. */
  route(prefix: string): RouteRow | undefined;
  /** Whether an address answers pings from this device. */
  reaches(address: string): boolean;
}

/** How names are printed: a platform's port naming, by device. */
export type PortNamer = (device: string, full: string) => PortName;

/** What a device's configuration says of one of its ports now: shut, and its own description. */
export interface PortConfig {
  shut: boolean;
  description?: string;
}

/** The configuration of a port, by device and full name (none configured: up, the cabling's description). */
export type PortConfigs = (device: string, full: string) => PortConfig;

const UNCONFIGURED: PortConfigs = () => ({ shut: false });

const UPTIMES = ['3w2d', '1d04h', '5d17h', '2w0d', '00:42:17'];

function routesOf(t: LabTopology, device: string, name: PortNamer): RouteRow[] {
  const out: RouteRow[] = [];
  for (const e of endsOf(t, device)) {
    out.push({ prefix: e.link.subnet, protocol: 'connected', port: name(device, e.own.port), distance: 0, metric: 0 });
    out.push({ prefix: `${e.own.ip}/32`, protocol: 'local', port: name(device, e.own.port), distance: 0, metric: 0 });
  }
  out.push({
    prefix: `${t.loopback.get(device)}/32`,
    protocol: 'connected',
    port: { full: 'Loopback0', short: 'Lo0' },
    distance: 0,
    metric: 0,
  });
  const reach = paths(t, device);
  const learned = (owner: string, prefix: string) => {
    const p = reach.get(owner);
    if (!p?.via || out.some((r) => r.prefix === prefix)) return;
    out.push({
      prefix,
      protocol: 'ospf',
      nextHop: p.via.far.ip,
      port: name(device, p.via.own.port),
      distance: 110,
      metric: 10 * p.hops + 1,
    });
  };
  for (const l of t.links) learned(l.a.device, l.subnet);
  for (const [d, ip] of t.loopback) learned(d, `${ip}/32`);
  for (const h of t.hosts) learned(h.device, `${h.ip.split('.').slice(0, 3).join('.')}.0/24`);
  return out;
}

function longestMatch(routes: RouteRow[], text: string): RouteRow | undefined {
  const want = parseIpv4Prefix(text);
  if (!want) return undefined;
  const covering = routes.filter((r) => {
    const p = parseIpv4Prefix(r.prefix)!;
    return p.length <= want.length && prefixContains(p, want.address);
  });
  return covering.sort((a, b) => parseIpv4Prefix(b.prefix)!.length - parseIpv4Prefix(a.prefix)!.length)[0];
}

/** Every address in the lab that answers: link ends, loopbacks, hosts. */
function addresses(t: LabTopology): Map<string, string> {
  const m = new Map<string, string>();
  for (const l of t.links) for (const e of [l.a, l.b]) m.set(e.ip, e.device);
  for (const [d, ip] of t.loopback) m.set(ip, d);
  for (const h of t.hosts) m.set(h.ip, h.device);
  return m;
}

export function deviceView(
  t: LabTopology,
  device: string,
  name: PortNamer,
  modelOf: (device: string) => string = () => '',
  configs: PortConfigs = UNCONFIGURED,
): DeviceView {
  const ends = endsOf(t, device);
  // What carries traffic now: a link with either end shut is down for everything the lab
  // answers (LLDP, BGP, OSPF, ARP, routes, ping) at both ends; its ports stay, down.
  const net = liveTopology(t, (d, p) => configs(d, p).shut);
  const live = endsOf(net, device);
  const isLive = (e: { link: LabLink }) => net.links.includes(e.link);
  const port = (full: string, description: string, vlan: string, mac: string, address?: string): PortRow => {
    const c = configs(device, full);
    const row = { port: name(device, full), description: c.description ?? description, up: !c.shut, shut: c.shut, vlan, mac };
    return address ? { ...row, address } : row;
  };
  const hostsHere = net.hosts.filter((h) => h.device === device);
  // Hosts behind a cabled access switch are in the ARP table of the core it hangs off.
  const hostsBehind = live.flatMap((e) =>
    net.hosts.filter((h) => h.device === e.far.device && e.far.device.includes('-access-')).map((h) => ({ h, e })),
  );
  const routes = routesOf(net, device, name);
  const everyone = addresses(net);
  const reach = paths(net, device);
  return {
    name: device,
    loopback: t.loopback.get(device)!,
    as: t.as.get(device)!,
    bgp: ends
      .filter((e) => e.link.bgp !== 'none')
      .map((e, i) => {
        // A session over a link that is down is not Established, whatever its configuration says.
        const up = e.link.bgp === 'up' && isLive(e);
        return {
          neighbor: e.far.ip,
          as: t.as.get(e.far.device)!,
          up,
          state: up ? 'Established' : isLive(e) ? 'Active' : 'Idle',
          prefixes: up ? 3 + ((ipv4ToNumber(e.far.ip) % 7) + i) : 0,
          uptime: UPTIMES[ipv4ToNumber(e.far.ip) % UPTIMES.length]!,
        };
      }),
    lldp: live.map((e) => ({
      local: name(device, e.own.port),
      neighbor: e.far.device,
      neighborPort: name(e.far.device, e.far.port),
      model: modelOf(e.far.device),
    })),
    arp: [
      ...live.map((e) => ({ ip: e.far.ip, mac: e.far.mac, port: name(device, e.own.port) })),
      ...hostsBehind.map(({ h, e }) => ({ ip: h.ip, mac: h.mac, port: name(device, e.own.port) })),
    ],
    mac: [
      ...live.map((e) => ({ vlan: '1', mac: e.far.mac, port: name(device, e.own.port) })),
      ...hostsHere.map((h) => ({ vlan: h.vlan, mac: h.mac, port: name(device, h.port) })),
    ],
    ports: [
      ...ends.map((e) => {
        const length = e.link.subnet.split('/')[1];
        const p = port(
          e.own.port,
          `to ${e.far.device} ${name(e.far.device, e.far.port).short}`,
          'routed',
          e.own.mac,
          `${e.own.ip}/${length}`,
        );
        // The far end shut: this end is up in its configuration, but its line is down.
        return isLive(e) ? p : { ...p, up: false };
      }),
      ...t.hosts.filter((h) => h.device === device).map((h, i) => port(h.port, `host ${i + 1}`, h.vlan, labMac(`${device} ${h.port}`))),
    ],
    ospf: live.map((e) => ({ neighborId: t.loopback.get(e.far.device)!, address: e.far.ip, port: name(device, e.own.port) })),
    route: (prefix) => longestMatch(routes, prefix),
    reaches: (address) => {
      const owner = everyone.get(address);
      return owner !== undefined && reach.has(owner);
    },
  };
}
