/**
 * Junos parsers for the everyday topics. BGP, LLDP, ARP and OSPF are checked against the
 * captures; `show route <prefix>`, `show ethernet-switching table` and `show interfaces
 * terse` have no capture in the fixtures and follow Juniper's documented output format.
 */
import { macOrRaw, normaliseMac } from './addresses.js';
import { IP } from './cisco-style-topics.js';
import { type Fields, lines } from './common.js';

const rows = (out: Fields[]): Fields[] | undefined => (out.length ? out : undefined);

/**
 * `show bgp summary`: `Peer AS InPkt OutPkt OutQ Flaps Last Up/Dwn State|#Active/Received/...`;
 * an Established peer shows its tables' counts (inline, or as `  inet.0: a/r/acc/d` lines
 * below). Fields: neighbor (ntc peer_ip), as (peer_as), state (Establ -> Established),
 * prefixes (received, summed over tables), uptime (up_down).
 */
export function parseJunosBgpSummary(raw: string): Fields[] | undefined {
  const peer = new RegExp(`^(${IP})\\s+(\\d+(?:\\.\\d+)?)\\s+\\d+\\s+\\d+\\s+\\d+\\s+\\d+\\s+(.+?)\\s*$`);
  const out: Fields[] = [];
  for (const line of lines(raw)) {
    const m = peer.exec(line);
    if (m) {
      const t = m[3]!.split(/\s+/);
      const counts = t.filter((w) => /^\d+\/\d+\/\d+\/\d+$/.test(w));
      const words = t.filter((w) => !counts.includes(w));
      const state = counts.length ? 'Established' : (words.pop() ?? '');
      const received = counts.reduce((n, c) => n + Number(c.split('/')[1]), 0);
      out.push({
        neighbor: m[1]!,
        as: m[2]!,
        state: /^Establ/.test(state) ? 'Established' : state,
        prefixes: counts.length ? String(received) : '',
        uptime: words.join(' '),
      });
      continue;
    }
    const table = /^\s+\S+: (\d+)\/(\d+)\/(\d+)\/(\d+)\s*$/.exec(line);
    const last = out.at(-1);
    if (table && last) last.prefixes = String(Number(last.prefixes || 0) + Number(table[2]));
  }
  return rows(out);
}

/** `show lldp neighbors`: columns Local Interface, Parent Interface, Chassis Id, Port info, System Name. */
export function parseJunosLldp(raw: string): Fields[] | undefined {
  const all = lines(raw);
  const h = all.findIndex((l) => /^Local Interface\s+Parent Interface/.test(l));
  if (h < 0) return undefined;
  const portAt = all[h]!.indexOf('Port info');
  const nameAt = all[h]!.indexOf('System Name');
  const out: Fields[] = [];
  for (const line of all.slice(h + 1)) {
    const t = line.trim().split(/\s+/);
    if (t.length < 4 || line.startsWith('{')) continue;
    out.push({ localPort: t[0]!, neighbor: line.slice(nameAt).trim(), neighborPort: line.slice(portAt, nameAt).trim(), platform: '' });
  }
  return rows(out);
}

/** `show arp no-resolve`: `MAC Address  Address  Interface  Flags`. Fields as the Cisco ARP ones; age ''. */
export function parseJunosArp(raw: string): Fields[] | undefined {
  const re = new RegExp(`^(\\S+)\\s+(${IP})\\s+(.+?)\\s+(\\S+)\\s*$`);
  const out: Fields[] = [];
  for (const line of lines(raw)) {
    const m = re.exec(line);
    if (m && normaliseMac(m[1]!)) out.push({ ip: m[2]!, mac: macOrRaw(m[1]!), interface: m[3]!.trim(), age: '' });
  }
  return rows(out);
}

/** `show ospf neighbor`: `Address Interface State ID Pri Dead`. */
export function parseJunosOspfNeighbors(raw: string): Fields[] | undefined {
  const re = new RegExp(`^(${IP})\\s+(\\S+)\\s+(\\S+)\\s+(${IP})\\s+\\d+\\s+\\d+\\s*$`);
  const out: Fields[] = [];
  for (const line of lines(raw)) {
    const m = re.exec(line);
    if (m) out.push({ neighborId: m[4]!, state: m[3]!, address: m[1]!, interface: m[2]! });
  }
  return rows(out);
}

/** `show ethernet-switching table` (ELS): `Vlan name  MAC address  MAC flags  Age  Logical interface ...`. */
export function parseJunosMacTable(raw: string): Fields[] | undefined {
  const out: Fields[] = [];
  for (const line of lines(raw)) {
    const t = line.trim().split(/\s+/);
    if (t.length >= 5 && normaliseMac(t[1]!) && t[1]!.includes(':')) {
      out.push({ vlan: t[0]!, mac: macOrRaw(t[1]!), type: t[2] === 'S' ? 'static' : 'dynamic', port: t[4]!.replace(/\.0$/, '') });
    }
  }
  return rows(out);
}

/**
 * `show interfaces terse`: `Interface Admin Link Proto Local Remote`; physical ports only
 * (no `.unit`). Fields: port, status (link; `disabled` when admin down), the rest ''.
 */
export function parseJunosPortStatus(raw: string): Fields[] | undefined {
  const out: Fields[] = [];
  for (const line of lines(raw)) {
    const m = /^([a-z]{2,4}-\d+\/\d+\/\d+(?::\d+)?|ae\d+)\s+(up|down)\s+(up|down)\b/.exec(line);
    if (m)
      out.push({
        port: m[1]!,
        description: '',
        status: m[2] === 'down' ? 'disabled' : m[3] === 'up' ? 'connected' : 'notconnect',
        vlan: '',
        duplex: '',
        speed: '',
        type: '',
      });
  }
  return rows(out);
}

/** `show route <prefix>`: `10.0.0.0/24  *[OSPF/10] 00:01:02, metric 2` then `  > to 10.1.1.2 via ge-0/0/0.0`. */
export function parseJunosRoutes(raw: string): Fields[] | undefined {
  const out: Fields[] = [];
  const hop = (f: Fields, key: 'nextHop' | 'interface', v: string) => {
    if (!f[key]!.split(', ').includes(v)) f[key] = f[key] ? `${f[key]}, ${v}` : v;
  };
  for (const line of lines(raw)) {
    const head = /^(\d+\.\d+\.\d+\.\d+\/\d+)\s+[*+-]?\[(\w+)\/\d+\]/.exec(line);
    if (head) {
      out.push({ prefix: head[1]!, protocol: head[2]!, nextHop: '', interface: '' });
      continue;
    }
    const via = /^\s+>?\s*(?:to (\d+\.\d+\.\d+\.\d+) )?via (\S+)/.exec(line);
    const last = out.at(-1);
    if (!via || !last) continue;
    if (via[1]) hop(last, 'nextHop', via[1]);
    hop(last, 'interface', via[2]!);
  }
  return rows(out);
}
