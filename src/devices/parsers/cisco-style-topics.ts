/**
 * Table parsers the Cisco-style CLIs share (IOS, NX-OS, IOS-XR, EOS) for the everyday
 * topics: BGP summary, LLDP/CDP neighbours, ARP, MAC table, port status, OSPF neighbours,
 * ping. Each returns the product's fields (named below) or undefined when the text holds
 * no row of the table, so the engine keeps the output raw and flags it.
 */
import { macOrRaw, normaliseMac } from './addresses.js';
import { type Fields, joinValues, lines } from './common.js';

export const IP = String.raw`(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-fA-F]*:[0-9a-fA-F:.]+)`;
const rows = (out: Fields[]): Fields[] | undefined => (out.length ? out : undefined);

/**
 * A BGP state column: a number means Established with that many prefixes received; Estab and
 * Establ are Established; anything else (Idle, Active, Idle (Admin)) is the state as printed.
 */
export function bgpState(stateOrPrefixes: string, prefixes = ''): { state: string; prefixes: string } {
  const s = stateOrPrefixes.trim();
  if (/^\d+$/.test(s)) return { state: 'Established', prefixes: s };
  if (/^Estab/i.test(s)) return { state: 'Established', prefixes };
  return { state: s, prefixes: '' };
}

/** Rows a device wrapped after the AS (NX-OS): `10.0.0.11  4  65010` then the counters on the next line. */
function unwrapBgp(raw: string): string[] {
  const out: string[] = [];
  for (const line of lines(raw)) {
    const prev = out.at(-1);
    if (prev !== undefined && new RegExp(`^${IP}\\s+\\d+\\s+\\S+\\s*$`).test(prev) && /^\s+\d/.test(line)) {
      out[out.length - 1] = `${prev} ${line.trim()}`;
    } else out.push(line);
  }
  return out;
}

/**
 * IOS, NX-OS and IOS-XR: `Neighbor V|Spk AS MsgRcvd MsgSent TblVer InQ OutQ Up/Down State/PfxRcd`.
 * Fields: neighbor (ntc bgp_neighbor), as (neighbor_as), state, prefixes (state_or_prefixes_received), uptime (up_down).
 */
export function parseCiscoBgpSummary(raw: string): Fields[] | undefined {
  const re = new RegExp(`^(${IP})\\s+\\d+\\s+(\\S+)\\s+\\d+\\s+\\d+\\s+\\d+\\s+\\d+\\s+\\d+\\s+(\\S+)\\s+(.+?)\\s*$`);
  const out: Fields[] = [];
  for (const line of unwrapBgp(raw)) {
    const m = re.exec(line);
    if (m) out.push({ neighbor: m[1]!, as: m[2]!, ...bgpState(m[4]!), uptime: m[3]! });
  }
  return rows(out);
}

/** EOS: `[Description] Neighbor V AS MsgRcvd MsgSent InQ OutQ Up/Down State [PfxRcd PfxAcc]`, no TblVer. */
export function parseEosBgpSummary(raw: string): Fields[] | undefined {
  const re = new RegExp(
    `^\\s*(?:.*?\\s)?(${IP})\\s+\\d\\s+(\\S+)\\s+\\d+\\s+\\d+\\s+\\d+\\s+\\d+\\s+(\\S+)\\s+(\\S+)(?:\\s+(\\d+))?(?:\\s+\\d+)?\\s*$`,
  );
  const out: Fields[] = [];
  for (const line of lines(raw)) {
    const m = re.exec(line);
    if (m) out.push({ neighbor: m[1]!, as: m[2]!, ...bgpState(m[4]!, m[5] ?? ''), uptime: m[3]! });
  }
  return rows(out);
}

/**
 * ARP tables: an IPv4 address, an age, a MAC, then `skip` words (IOS `ARPA`, XR `Dynamic ARPA`)
 * and the interface (EOS: `Vlan101, Port-Channel2`). Fields: ip (ntc ip_address), mac
 * (mac_address, normalised), interface, age. A line with a MAC but no interface keeps ''.
 */
export function arpParser(o: { skip: number; lead?: RegExp }) {
  const re = new RegExp(`^\\s*${o.lead?.source ?? ''}(${IP})\\s+(\\S+)\\s+(\\S+)\\s*(.*)$`);
  return (raw: string): Fields[] | undefined => {
    const out: Fields[] = [];
    for (const line of lines(raw)) {
      const m = re.exec(line);
      // An entry still resolving (`INCOMPLETE`) is kept as printed.
      if (!m || !(normaliseMac(m[3]!) || /^incomplete$/i.test(m[3]!))) continue;
      const after = m[4]!.trim().split(/\s+/).filter(Boolean);
      out.push({
        ip: m[1]!,
        mac: macOrRaw(m[3]!),
        interface: after
          .slice(o.skip)
          .join(' ')
          .replace(/\s+[*+#D]$/, ''),
        age: m[2]!,
      });
    }
    return rows(out);
  };
}

/**
 * MAC address tables in their many Cisco-style layouts (IOS `vlan mac type [protocols] port`,
 * `Destination Address  Address Type  VLAN  Destination Port`, Catalyst 6500 and NX-OS with a
 * flag column, EOS with Moves/Last Move after the port). Fields: vlan (ntc vlan_id), mac
 * (normalised), type, port (destination_port / ports).
 */
export function parseCiscoMacTable(raw: string): Fields[] | undefined {
  const portAfterType = /\bMoves\b/.test(raw);
  const out: Fields[] = [];
  for (const line of lines(raw)) {
    // Multicast entries list the ports a group floods to, not where a host lives.
    if (/^Multicast Entries/.test(line)) break;
    const t = line.trim().split(/\s+/);
    // Dotted like a MAC: a mangled one (EOS `jenn.3057.8423`) is still a row, kept as printed.
    const at = t.findIndex((w) => /^\w{4}\.\w{4}\.\w{4}$/.test(w));
    if (at < 0 || at > 3 || t.length < at + 3) continue;
    const before = t[at - 1];
    const vlanBefore = before !== undefined && /^(?:\d+|All|N\/A|-+)$/i.test(before);
    const vlan = vlanBefore ? before! : (t.slice(at + 1).find((w) => /^\d+$/.test(w)) ?? '');
    // EOS: the ports (several on a multicast row) run up to the Moves count.
    const eosPorts = t.slice(at + 2);
    const moves = eosPorts.findIndex((w) => /^\d+$/.test(w));
    const last = portAfterType ? joinValues(moves < 0 ? eosPorts : eosPorts.slice(0, moves)) : t.at(-1)!;
    // A row that ends at the age column (`static  Yes  -`) names no port.
    out.push({ vlan, mac: macOrRaw(t[at]!), type: t[at + 1]!, port: last === '-' ? '' : last });
  }
  return rows(out);
}

const PORT_STATES =
  'connected|notconnect|notconnec|disabled|err-disabled|errdisabled|inactive|suspended|suspnd|monitoring|sfpAbsent|xcvrAbsen|noOperMem|down|up|linkFlapE|faulty|channelDo';

/**
 * `show interfaces status` (IOS, EOS; NX-OS `show interface status`): `Port Name Status Vlan
 * Duplex Speed Type`. The name may hold spaces, so the status word anchors the row. Fields:
 * port, description (ntc name; NX-OS `--` is ''), status, vlan (vlan_id), duplex, speed, type.
 * Fibre Channel lines (`fc2/1 is up    Port mode is NP`) give port and status.
 */
export function parseCiscoPortStatus(raw: string): Fields[] | undefined {
  const re = new RegExp(
    `^(\\S+)\\s+(?:(.*?)\\s+)??(${PORT_STATES})(?::(?: [A-Z]+)?)?\\s+(in \\S+|pvlan \\S+|\\S+)\\s+(\\S+)\\s+(\\S+)\\s*(.*?)\\s*$`,
  );
  const fc = /^(fc\S+) is (\S+)/;
  // NX-OS tunnels come in a table of their own: `Interface  Name  Status  Reason  Reason description`.
  const reason = new RegExp(`^(\\S+)\\s+(.*?)\\s+(${PORT_STATES})\\s+\\S`);
  let reasons = false;
  const out: Fields[] = [];
  for (const line of lines(raw)) {
    if (/^(?:Port|Interface)\s+Name\s+Status/.test(line)) {
      reasons = /^Interface/.test(line);
      continue;
    }
    const r = reasons ? reason.exec(line) : null;
    if (r) {
      out.push({ port: r[1]!, description: r[2]!.trim(), status: r[3]!, vlan: '', duplex: '', speed: '', type: '' });
      continue;
    }
    const f = fc.exec(line);
    if (f) {
      out.push({ port: f[1]!, description: '', status: f[2]!, vlan: '', duplex: '', speed: '', type: '' });
      continue;
    }
    const m = re.exec(line);
    if (m) {
      const name = (m[2] ?? '').trim();
      out.push({
        port: m[1]!,
        description: name === '--' ? '' : name,
        status: m[3]!,
        vlan: m[4]!.replace(/^in /, ''),
        duplex: m[5]!,
        speed: m[6]!,
        type: m[7]!,
      });
    }
  }
  return rows(out);
}

/**
 * OSPF neighbours: `Neighbor ID [Instance VRF] Pri State Dead Time|Up Time Address Interface`
 * (IOS, IOS-XR, EOS; NX-OS with Up Time). Fields: neighborId (ntc neighbor_id), state
 * (`FULL/  -` closed up to `FULL/-`), address (ip_address), interface.
 */
export function parseCiscoOspfNeighbors(raw: string): Fields[] | undefined {
  const state = String.raw`[A-Z0-9][A-Za-z0-9-]*(?:\/\s*(?:[A-Z]+|-))?`;
  const re = new RegExp(`^\\s*(${IP})\\s+(?:\\S+\\s+){0,2}?\\d+\\s+(${state})\\s+(\\S+)\\s+(${IP})\\s+(\\S+)\\s*$`);
  const out: Fields[] = [];
  for (const line of lines(raw)) {
    const m = re.exec(line);
    if (m) out.push({ neighborId: m[1]!, state: m[2]!.replace(/\/\s+/, '/'), address: m[4]!, interface: m[5]! });
  }
  return rows(out);
}

/**
 * Ping summaries: Cisco's `Success rate is 100 percent (5/5), round-trip min/avg/max = 1/2/4 ms`
 * (IOS, IOS-XR) and the BSD/Linux wording (NX-OS, EOS, Junos): `5 packets transmitted, 5
 * [packets] received, 0.00% packet loss` then `min/avg/max[/...] = a/b/c[/d] ms`.
 * Fields: sent, received, loss (percent), min, avg, max (ms; '' when nothing came back).
 */
export function parsePing(raw: string): Fields | undefined {
  const rtt = /min\/avg\/max\S*\s*=\s*([\d.]+)\/([\d.]+)\/([\d.]+)/.exec(raw);
  const times = { min: rtt?.[1] ?? '', avg: rtt?.[2] ?? '', max: rtt?.[3] ?? '' };
  const cisco = /Success rate is (\d+) percent \((\d+)\/(\d+)\)/.exec(raw);
  if (cisco) return { sent: cisco[3]!, received: cisco[2]!, loss: `${100 - Number(cisco[1])}%`, ...times };
  const bsd = /(\d+) packets transmitted, (\d+) (?:packets )?received,(?: \+\d+ errors,)? ([\d.]+)% packet loss/.exec(raw);
  if (bsd) return { sent: bsd[1]!, received: bsd[2]!, loss: `${Number(bsd[3])}%`, ...times };
  return undefined;
}
