/**
 * Neighbour tables of the Cisco-style CLIs: LLDP (IOS, NX-OS, IOS-XR, EOS) and CDP (IOS,
 * NX-OS). Fields: localPort (ntc local_interface), neighbor (neighbor_name), neighborPort
 * (neighbor_interface), platform (CDP only; '' for LLDP, whose summary names none).
 */
import { type Fields, lines } from './common.js';

const rows = (out: Fields[]): Fields[] | undefined => (out.length ? out : undefined);

/** Words after the hold time: capability codes (if any), then the neighbour's port. */
function splitCapability(rest: string): string {
  const t = rest.trim().split(/\s+/);
  const isCap = (w: string) => /^[RBTCWPSO](?:,[RBTCWPSO])*$|^[RBTCWPSO]{2,}$/.test(w);
  return (t.length > 1 && isCap(t[0]!) ? t.slice(1) : t).join(' ');
}

/** The hold-time number of a neighbour row: the first number right of where the Local Intf column starts. */
function holdTime(line: string, localAt: number): { index: number; rest: string } | undefined {
  for (const m of line.matchAll(/\s(\d+)(?=\s)/g)) {
    if (m.index >= localAt) return { index: m.index, rest: line.slice(m.index + m[0].length) };
  }
  return undefined;
}

/**
 * What precedes the hold time: the device id then the local port. One word on an indented
 * line is the port of the device named on the line above; one word at the margin is a device
 * id that ran into its port, cut where the Local Intf column starts.
 */
function deviceAndPort(before: string, localAt: number, pending: string): [string, string] {
  const t = before.trim().split(/\s+/);
  if (t.length >= 2)
    return [
      before
        .trim()
        .slice(0, before.trim().lastIndexOf(t.at(-1)!))
        .trim(),
      t.at(-1)!,
    ];
  if (/^\s/.test(before)) return [pending, t[0]!];
  return [before.slice(0, localAt).trim(), before.slice(localAt).trim()];
}

/**
 * `show lldp neighbors` of IOS, NX-OS and IOS-XR: `Device ID  Local Intf  Hold-time  Capability  Port ID`.
 * The device id is the text left of the Local Intf column (it may hold spaces, or run into the
 * port when long); NX-OS puts a long one on a line of its own. Fields: localPort (ntc
 * local_interface), neighbor (neighbor_name), neighborPort (neighbor_interface), platform ('').
 */
export function parseCiscoLldp(raw: string): Fields[] | undefined {
  const all = lines(raw);
  const h = all.findIndex((l) => /^Device ID\s+Local Intf/.test(l));
  if (h < 0) return undefined;
  const localAt = all[h]!.indexOf('Local Intf');
  const out: Fields[] = [];
  let pending = '';
  for (const line of all.slice(h + 1)) {
    if (/^Total entries/.test(line) || !line.trim()) continue;
    const hold = holdTime(line, localAt);
    if (!hold) {
      if (!/^\s/.test(line)) pending = line.trim();
      continue;
    }
    const [device, localPort] = deviceAndPort(line.slice(0, hold.index), localAt, pending);
    pending = '';
    out.push({ localPort, neighbor: device, neighborPort: splitCapability(hold.rest), platform: '' });
  }
  return rows(out);
}

/** EOS `show lldp neighbors`: `Port  Neighbor Device ID  Neighbor Port ID  TTL`. Fields as for Cisco's. */
export function parseEosLldp(raw: string): Fields[] | undefined {
  const all = lines(raw);
  const h = all.findIndex((l) => /^Port\s+Neighbor Device ID/.test(l));
  if (h < 0) return undefined;
  const out: Fields[] = [];
  for (const line of all.slice(h + 1)) {
    const m = /^(\S+)\s+(.+?)\s+(\S+)\s+(\d+)\s*$/.exec(line);
    if (m) out.push({ localPort: m[1]!, neighbor: m[2]!, neighborPort: m[3]!, platform: '' });
  }
  return rows(out);
}

const CDP_CAPS = /^[A-Za-z]$/;

/** A row that starts at the local port (`Gig 1/0/1 134 ...`, `mgmt0 177 ...`): its device id was on the line above. */
const startsWithPort = (t: string[]): boolean =>
  (/^\d+$/.test(t[1] ?? '') && /\d/.test(t[0]!)) ||
  (/^[A-Za-z]+$/.test(t[0]!) && /^\d+(?:\/\d+)*$/.test(t[1] ?? '') && /^\d+$/.test(t[2] ?? ''));

/** A CDP port: `Gig 1/0/10` and `Port 1` are two words, `Eth1/1` one. */
function cdpPortSplit(t: string[]): [string[], string[]] {
  const n = t.length;
  if (n >= 2 && /^\d+(?:\/[\w]+)*$/.test(t[n - 1]!) && /^[A-Za-z][\w-]*$/.test(t[n - 2]!)) return [t.slice(0, n - 2), t.slice(n - 2)];
  return [t.slice(0, n - 1), t.slice(n - 1)];
}

/**
 * `show cdp neighbors` of IOS and NX-OS: `Device ID  Local Intrfce  Holdtme  Capability  Platform  Port ID`;
 * a long device id stands on a line of its own. Fields as for LLDP, with platform.
 */
export function parseCiscoCdp(raw: string): Fields[] | undefined {
  const all = lines(raw);
  const h = all.findIndex((l) => /^Device[ -]ID\s+Local Intrfce/.test(l));
  if (h < 0) return undefined;
  const out: Fields[] = [];
  let pending = '';
  for (const line of all.slice(h + 1)) {
    if (!line.trim() || /^Total /.test(line)) continue;
    let t = line.trim().split(/\s+/);
    if (t.length === 1 && !/^\s/.test(line)) {
      pending = t[0]!;
      continue;
    }
    // After a device id on a line of its own, the next line is its row, indented or not.
    const continues = /^\s/.test(line) || (pending !== '' && startsWithPort(t));
    const device = continues ? pending : t[0]!;
    if (!continues) t = t.slice(1);
    pending = '';
    const localWords = /^[A-Za-z]+$/.test(t[0] ?? '') && /^\d+(?:\/\d+)*$/.test(t[1] ?? '') ? 2 : 1;
    const hold = t[localWords];
    if (!hold || !/^\d+$/.test(hold)) continue;
    let i = localWords + 1;
    while (i < t.length && CDP_CAPS.test(t[i]!)) i++;
    const [platform, port] = cdpPortSplit(t.slice(i));
    out.push({ localPort: t.slice(0, localWords).join(' '), neighbor: device, neighborPort: port.join(' '), platform: platform.join(' ') });
  }
  return rows(out);
}
