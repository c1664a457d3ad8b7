/**
 * Routing table parsers. IOS, IOS-XR and EOS print one line per route with a protocol code
 * (`O IA 10.1.0.0/24 [110/2] via 10.0.0.1, 00:01:02, Gi0/1`), more next hops on the lines
 * below, and prefix lengths from `is subnetted` headers when a line has none; NX-OS prints the
 * prefix on one line and each next hop on a `*via` line. Fields: prefix (ntc network/
 * prefix_length), protocol (the code, or NX-OS's protocol name), nextHop (every next hop,
 * joined), interface (every interface, joined; `is directly connected, X` gives X).
 */
import { type Fields, lines } from './common.js';

interface Route {
  prefix: string;
  protocol: string;
  hops: string[];
  interfaces: string[];
}

const toFields = (r: Route): Fields => ({
  prefix: r.prefix,
  protocol: r.protocol,
  nextHop: [...new Set(r.hops)].join(', '),
  interface: [...new Set(r.interfaces)].join(', '),
});

const ROUTE = /^\s?([A-Za-z][A-Za-z+%]?\*?(?: ?[A-Z][A-Z0-9]?)?)\s+(\d+\.\d+\.\d+\.\d+)(?:\/(\d+))?\s*(.*)$/;
const MORE = /^\s+\[\d+\/\d+\] via (\S+?),?(?:\s|$)(.*)$/;
const SUBNETTED = /^\s+\d+\.\d+\.\d+\.\d+\/(\d+) is (?:variably )?subnetted/;
const INTERFACE = /(?:^|,\s*)([A-Za-z][\w./:-]*\d[\w./:-]*|Null0)\s*$/;

/** Where a route's text after the prefix sends traffic: its next hop and interface, where given. */
function readHop(r: Route, rest: string): void {
  const via = /via (\d+\.\d+\.\d+\.\d+)/.exec(rest);
  if (via) r.hops.push(via[1]!);
  const direct = /directly connected, (?:.*?, )?(\S+)\s*$/.exec(rest);
  const iface = direct?.[1] ?? (via ? INTERFACE.exec(rest.slice(via.index + via[0].length))?.[1] : INTERFACE.exec(rest)?.[1]);
  if (iface && !/^\d/.test(iface)) r.interfaces.push(iface);
}

/** IOS, IOS-XR and EOS `show ip route` (and `show route` on XR); a single route's detail form too. */
export function parseCiscoRoutes(raw: string): Fields[] | undefined {
  if (/^Routing entry for /m.test(raw)) return parseRouteDetail(raw);
  const out: Route[] = [];
  let length = '';
  for (const line of lines(raw)) {
    if (/^(?:Codes|Gateway|\s{2,}[A-Za-z0-9*]+ - )/.test(line) || /^VRF|^Routing Table/.test(line)) continue;
    const sub = SUBNETTED.exec(line);
    if (sub) {
      length = sub[1]!;
      continue;
    }
    const m = ROUTE.exec(line);
    // A long line wraps after the prefix: its next hop comes on the line below.
    if (m && (m[4] === '' || /\[|via|connected|Null/.test(m[4]!))) {
      const r: Route = { prefix: `${m[2]}/${m[3] ?? length}`, protocol: m[1]!.replace(/\*$/, ''), hops: [], interfaces: [] };
      readHop(r, m[4]!);
      out.push(r);
      continue;
    }
    const more = MORE.exec(line);
    const last = out.at(-1);
    if (more && last) readHop(last, `via ${more[1]} ${more[2]}`);
  }
  return out.length ? out.map(toFields) : undefined;
}

/** NX-OS: `10.0.0.0/24, ubest/mbest: 1/0` then `*via 10.1.1.1, Eth1/1, [110/41], 3w2d, ospf-1, intra`. */
export function parseNxosRoutes(raw: string): Fields[] | undefined {
  const out: Route[] = [];
  for (const line of lines(raw)) {
    const head = /^(\d+\.\d+\.\d+\.\d+\/\d+), ubest\/mbest/.exec(line);
    if (head) {
      out.push({ prefix: head[1]!, protocol: '', hops: [], interfaces: [] });
      continue;
    }
    const via = /^\s+\*{0,2}via (.*)$/.exec(line);
    const last = out.at(-1);
    if (!via || !last) continue;
    const parts = via[1]!.split(/,\s*/);
    const metric = parts.findIndex((p) => p.startsWith('['));
    last.hops.push(parts[0]!.replace(/%.*$/, ''));
    if (metric > 1) last.interfaces.push(parts[1]!);
    if (!last.protocol && metric >= 0) last.protocol = parts[metric + 2]?.replace(/-.*$/, '') ?? '';
  }
  return out.length ? out.map(toFields) : undefined;
}

/**
 * The detail form IOS and IOS-XR print for one prefix (`show ip route <a.b.c.d>`, XR `show route
 * <prefix>`): `Routing entry for 10.0.0.0/8`, `Known via "ospf 1", ...`, then the descriptor
 * blocks, one next hop per line (`* 10.1.1.1, from 10.2.2.2, 00:01:02 ago, via Gi0/1`; XR
 * `172.16.16.73, from 172.16.0.53, via Hu0/0/0/30`; directly connected: `* directly connected, via Gi0/1`).
 */
function parseRouteDetail(raw: string): Fields[] | undefined {
  const out: Route[] = [];
  let blocks = false;
  for (const line of lines(raw)) {
    const head = /^Routing entry for (\S+)/.exec(line);
    if (head) {
      out.push({ prefix: head[1]!, protocol: '', hops: [], interfaces: [] });
      blocks = false;
      continue;
    }
    const last = out.at(-1);
    if (!last) continue;
    const known = /^\s+Known via "([^"]+)"/.exec(line);
    if (known) last.protocol = known[1]!.split(' ')[0]!;
    if (/Routing Descriptor Blocks/.test(line)) blocks = true;
    const hop = blocks ? /^\s+\*?\s*(\d+\.\d+\.\d+\.\d+|directly connected)(?:,|\s*$)(.*)$/.exec(line) : null;
    if (!hop) continue;
    if (hop[1] !== 'directly connected') last.hops.push(hop[1]!);
    const via = /via (\S+?),?\s*$/.exec(hop[2]!) ?? /via (\S+?)(?:,|\s|$)/.exec(hop[2]!);
    if (via) last.interfaces.push(via[1]!);
  }
  return out.length ? out.map(toFields) : undefined;
}
