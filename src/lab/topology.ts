/**
 * The lab's network: which simulated devices are cabled to which, on which ports, with which
 * addresses, BGP sessions, OSPF adjacencies and hosts. Derived from the expanded lab
 * definition alone, so both ends of every link, session and adjacency agree, and the same
 * definition gives the same network on every run.
 *
 * Cabling per site: core-1 -- core-2, core-n -- edge-n, core-n -- access-n; between sites,
 * the first sites' core-1s. Every link is a /30 (10.1.<link>.1 and .2) in OSPF area 0; BGP
 * runs on every link without an access switch (core pair iBGP, core-edge and the two sites
 * eBGP), and the session on the last core-edge link is down on purpose (Active at both ends).
 * Hosts sit on the access switches' spare ports in VLAN 10, 10.20.<access>.0/24.
 */
import { createHash } from 'node:crypto';
import type { LabDeviceSpec } from './lab-definition.js';

export interface LinkEnd {
  device: string;
  port: string;
  ip: string;
  mac: string;
}

export interface LabLink {
  a: LinkEnd;
  b: LinkEnd;
  subnet: string;
  bgp: 'up' | 'down' | 'none';
}

export interface LabHost {
  ip: string;
  mac: string;
  /** The access switch and port it is plugged into. */
  device: string;
  port: string;
  vlan: string;
}

export interface LabTopology {
  links: LabLink[];
  hosts: LabHost[];
  loopback: Map<string, string>;
  as: Map<string, number>;
  specs: LabDeviceSpec[];
}

/** A locally administered MAC of the lab's own (02xx...), the same for the same name on every run. */
export function labMac(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  return `02${h.slice(0, 2)}.${h.slice(2, 6)}.${h.slice(6, 10)}`;
}

const named = (specs: LabDeviceSpec[], name: string) => specs.find((s) => s.name === name);

/** The device pairs that are cabled, in a fixed order. */
function cabling(specs: LabDeviceSpec[], sites: string[]): [LabDeviceSpec, LabDeviceSpec][] {
  const pairs: [LabDeviceSpec, LabDeviceSpec][] = [];
  const add = (a?: LabDeviceSpec, b?: LabDeviceSpec) => a && b && pairs.push([a, b]);
  for (const site of sites) {
    add(named(specs, `${site}-core-1`), named(specs, `${site}-core-2`));
    for (const n of [1, 2]) {
      add(named(specs, `${site}-core-${n}`), named(specs, `${site}-edge-${n}`));
      add(named(specs, `${site}-core-${n}`), named(specs, `${site}-access-${n}`));
    }
  }
  if (sites.length > 1) add(named(specs, `${sites[0]}-core-1`), named(specs, `${sites[1]}-core-1`));
  return pairs;
}

/**
 * The network of a lab. `portsOf` names a device's ports in the order links take them (its own
 * interfaces first, then more of its platform's form).
 */
export function buildTopology(specs: LabDeviceSpec[], portsOf: (spec: LabDeviceSpec) => string[]): LabTopology {
  const sites = [...new Set(specs.map((s) => s.site))];
  const next = new Map<string, number>();
  const takePort = (s: LabDeviceSpec) => {
    const i = next.get(s.name) ?? 0;
    next.set(s.name, i + 1);
    return portsOf(s)[i]!;
  };
  const pairs = cabling(specs, sites);
  const downAt = pairs.map(([a, b]) => a.role === 'core' && b.role === 'edge').lastIndexOf(true);
  const links = pairs.map(([a, b], i): LabLink => {
    const end = (s: LabDeviceSpec, host: number): LinkEnd => {
      const port = takePort(s);
      return { device: s.name, port, ip: `10.1.${i + 1}.${host}`, mac: labMac(`${s.name} ${port}`) };
    };
    const bgp = a.role === 'access' || b.role === 'access' ? 'none' : i === downAt ? 'down' : 'up';
    return { a: end(a, 1), b: end(b, 2), subnet: `10.1.${i + 1}.0/30`, bgp };
  });
  const hosts: LabHost[] = [];
  specs.forEach((s, i) => {
    if (s.role !== 'access') return;
    for (const k of [1, 2, 3]) {
      const port = takePort(s);
      hosts.push({ ip: `10.20.${i + 1}.${10 + k}`, mac: labMac(`host ${s.name} ${k}`), device: s.name, port, vlan: '10' });
    }
  });
  const loopback = new Map(specs.map((s, i) => [s.name, `10.255.0.${i + 1}`]));
  const siteAs = (s: LabDeviceSpec) => 65000 + sites.indexOf(s.site) + 1;
  const as = new Map(specs.map((s) => [s.name, s.role === 'edge' ? siteAs(s) + 100 + Number(s.name.split('-').at(-1)) * 10 : siteAs(s)]));
  return { links, hosts, loopback, as, specs };
}

/**
 * The network as it carries traffic now: a link with either end shut is down (gone for
 * routing, BGP, OSPF and ARP at both ends, its addresses unreachable), and a host on a shut
 * port is cut off. Cabling is unchanged: the ports are still there, down.
 */
export function liveTopology(t: LabTopology, shut: (device: string, port: string) => boolean): LabTopology {
  return {
    ...t,
    links: t.links.filter((l) => !shut(l.a.device, l.a.port) && !shut(l.b.device, l.b.port)),
    hosts: t.hosts.filter((h) => !shut(h.device, h.port)),
  };
}

/** The link ends of a device: its own end and the far end, per link it is on. */
export function endsOf(t: LabTopology, device: string): { own: LinkEnd; far: LinkEnd; link: LabLink }[] {
  return t.links.flatMap((link) => {
    if (link.a.device === device) return [{ own: link.a, far: link.b, link }];
    if (link.b.device === device) return [{ own: link.b, far: link.a, link }];
    return [];
  });
}

/** Devices in hop order from `from` (breadth first), each with the first hop that reaches it. */
export function paths(t: LabTopology, from: string): Map<string, { hops: number; via?: { own: LinkEnd; far: LinkEnd } }> {
  const seen = new Map<string, { hops: number; via?: { own: LinkEnd; far: LinkEnd } }>([[from, { hops: 0 }]]);
  const queue = [from];
  while (queue.length) {
    const d = queue.shift()!;
    for (const e of endsOf(t, d)) {
      if (seen.has(e.far.device)) continue;
      seen.set(e.far.device, { hops: seen.get(d)!.hops + 1, via: d === from ? e : seen.get(d)!.via });
      queue.push(e.far.device);
    }
  }
  return seen;
}
