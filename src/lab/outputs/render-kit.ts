/** What the per-platform renderers share: fixed-width columns, the lab's MAC forms, the route and ping arguments typed. */
import { ipv4ToNumber, isIpv4, parseIpv4Prefix, portKey } from '../../devices/parsers/addresses.js';

const lengthOfMask = (mask: string): number => ipv4ToNumber(mask).toString(2).replace(/0+$/, '').length;
import type { DeviceView, PortRow, RouteRow } from './device-view.js';

/** Columns padded to their widths (the last one as it is), as the devices print their tables. */
export const cols = (...c: [string, number][]): string =>
  c
    .map(([t, w], i) => (i === c.length - 1 ? t : t.padEnd(w - 1) + ' '))
    .join('')
    .trimEnd();

/** Right-aligned in its width. */
export const right = (t: string | number, w: number): string => String(t).padStart(w);

/** aaaa.bbbb.cccc as aa:bb:cc:dd:ee:ff (Junos). */
export const colonMac = (mac: string): string => mac.replace(/\./g, '').replace(/(..)(?!$)/g, '$1:');

/** The words typed after the command: the address or prefix, and a VRF other than the default. */
export function target(words: string[]): { address?: string; vrf?: string; count: number } {
  const at = (k: string) => {
    const i = words.findIndex((w) => w === k);
    return i >= 0 ? words[i + 1] : undefined;
  };
  const vrf = at('vrf') ?? at('routing-instance') ?? at('table')?.replace(/\.inet\.0$/, '');
  const at0 = words.findIndex((w) => parseIpv4Prefix(w) !== undefined);
  // IOS takes `network mask`: the mask gives the length.
  const mask = at0 >= 0 && isIpv4(words[at0 + 1] ?? '') ? lengthOfMask(words[at0 + 1]!) : undefined;
  const address = at0 < 0 ? undefined : mask === undefined ? words[at0] : `${words[at0]}/${mask}`;
  const count = Number(at('count') ?? at('repeat') ?? 5);
  return { address, vrf: vrf && vrf !== 'default' && vrf !== 'inet.0' ? vrf : undefined, count };
}

/** The route a device would show for the typed words (none in another VRF: the lab has only the default one). */
export function routeFor(v: DeviceView, words: string[]): { asked: string; route?: RouteRow } {
  const t = target(words);
  return { asked: t.address ?? '', route: t.address && !t.vrf ? v.route(t.address) : undefined };
}

/** Whether the ping's target answers, how many were sent, and to where. */
export function pingFor(v: DeviceView, words: string[]): { address: string; count: number; ok: boolean } {
  const t = target(words);
  const address = t.address && isIpv4(t.address) ? t.address : (words.find((w) => !/^\d+$/.test(w)) ?? '');
  return { address, count: t.count, ok: !t.vrf && isIpv4(address) && v.reaches(address) };
}

/** The lab's round-trip times: small, fixed, min <= avg <= max. */
export const RTT = { min: 1, avg: 2, max: 4 } as const;

/** A port's status and protocol as the Cisco-style description tables print them (`admin down` on IOS and EOS, `admin-down` on IOS-XR). */
export const adminWords = (p: PortRow, admin: string): [string, string] =>
  p.shut ? [admin, 'down'] : p.up ? ['up', 'up'] : ['down', 'down'];

/** `show interfaces description` as IOS and EOS print it (Cisco's and Arista's documented form); `protocol`: that column's width. */
export function statusDescriptions(v: DeviceView, protocol: number): string {
  return [
    cols(['Interface', 31], ['Status', 15], ['Protocol', protocol], ['Description', 0]),
    ...v.ports.map((p) => {
      const [status, line] = adminWords(p, 'admin down');
      return cols([p.port.short, 31], [status, 15], [line, protocol], [p.description, 0]);
    }),
    '',
  ].join('\n');
}

/** A port's state for `show interfaces`: up, down (its link is: the far end shut), or shut here (admin down). */
export const portState = (p: PortRow): 'up' | 'down' | 'shut' => (p.shut ? 'shut' : p.up ? 'up' : 'down');

/**
 * The ports `show interfaces <words>` asks for: every port without a name, the one a name
 * gives in full or short form (NX-OS also `ethernet 1/1`, Junos' `.0` unit), undefined when
 * the device has no such port. `skip`: the words that are no name (Junos `terse`).
 */
export function askedPorts(v: DeviceView, words: string[] = [], skip: string[] = []): PortRow[] | undefined {
  const typed = words.filter((w) => !skip.includes(w.toLowerCase())).join('');
  if (!typed) return v.ports;
  const key = portKey(typed);
  const found = v.ports.filter((p) => portKey(p.port.full) === key || portKey(p.port.short) === key);
  return found.length ? found : undefined;
}
