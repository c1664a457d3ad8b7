/**
 * IOS / IOS-XE outputs made from the lab's network, in the formats of the captures in
 * ../shared/fixtures/devices/cisco_ios/ (show ip bgp summary, show lldp neighbors, show ip
 * arp, show mac address-table, show interfaces status, show ip ospf neighbor) and Cisco's
 * documented `show ip route <address>` and `ping` wording (no capture of those).
 */
import type { DeviceView, RouteRow } from './device-view.js';
import { RTT, cols, pingFor, right, routeFor, statusDescriptions } from './render-kit.js';
import type { DailyRenderers } from './renderers.js';
import { iosInterfaces } from './cisco-ios-interfaces.js';

export const LLDP_HEAD = [
  'Capability codes:',
  '    (R) Router, (B) Bridge, (T) Telephone, (C) DOCSIS Cable Device',
  '    (W) WLAN Access Point, (P) Repeater, (S) Station, (O) Other',
  '',
];

export function ciscoBgpRows(v: DeviceView, spk: string): string[] {
  return v.bgp.map((b) => {
    const state = b.up ? right(b.prefixes, 12) : ` ${b.state}`;
    return `${b.neighbor.padEnd(15)} ${right(spk, 1)} ${right(b.as, 12)} ${right(b.up ? 4211 : 0, 7)} ${right(b.up ? 4198 : 0, 7)} ${right(b.up ? 42 : 0, 8)}    0    0 ${b.uptime.padStart(8)}${state}`;
  });
}

/** `Routing entry for` and its descriptor block: the detail form IOS and IOS-XR print for one route. */
export function routeDetail(r: RouteRow, xr: boolean): string {
  const proto = r.protocol === 'ospf' ? 'ospf 1' : r.protocol === 'local' ? 'local' : 'connected';
  const head = [
    `Routing entry for ${r.prefix}`,
    `  Known via "${proto}", distance ${r.distance}, metric ${r.metric}${r.protocol === 'ospf' ? ', type intra area' : ' (connected, via interface)'}`,
  ];
  const block = xr
    ? [
        `  Routing Descriptor Blocks`,
        `    ${r.nextHop ?? 'directly connected'}${r.nextHop ? `, from ${r.nextHop}` : ''}, via ${r.port?.full}`,
        `      Route metric is ${r.metric}`,
      ]
    : [
        `  Routing Descriptor Blocks:`,
        `  * ${r.nextHop ? `${r.nextHop}, from ${r.nextHop}, 3d04h ago` : 'directly connected'}, via ${r.port?.full}`,
        `      Route metric is ${r.metric}, traffic share count is 1`,
      ];
  return [...head, ...block, ''].join('\n');
}

/** IOS and IOS-XR: `!!!!!` and the success rate. */
export function ciscoPing(v: DeviceView, words: string[]): string {
  const p = pingFor(v, words);
  const got = p.ok ? p.count : 0;
  return [
    'Type escape sequence to abort.',
    `Sending ${p.count}, 100-byte ICMP Echos to ${p.address}, timeout is 2 seconds:`,
    (p.ok ? '!' : '.').repeat(p.count),
    `Success rate is ${Math.round((100 * got) / p.count)} percent (${got}/${p.count})${p.ok ? `, round-trip min/avg/max = ${RTT.min}/${RTT.avg}/${RTT.max} ms` : ''}`,
    '',
  ].join('\n');
}

/** `show cdp neighbors` as IOS and NX-OS print it: the neighbour's model under Platform. */
export function ciscoCdp(v: DeviceView, o: { head: string; port: (p: string) => string }): string {
  return [
    'Capability Codes: R - Router, T - Trans Bridge, B - Source Route Bridge',
    '                  S - Switch, H - Host, I - IGMP, r - Repeater, P - Phone',
    '',
    o.head,
    ...v.lldp.map((n) =>
      cols(
        [n.neighbor, 17],
        [o.port(n.local.short), 18],
        ['150', 11],
        ['R S I', 12],
        [n.model.slice(0, 9) || 'unknown', 10],
        [o.port(n.neighborPort.short), 0],
      ),
    ),
    '',
    `Total cdp entries displayed : ${v.lldp.length}`,
    '',
  ].join('\n');
}

/** IOS writes `Gi0/1` as `Gig 0/1` in CDP. */
const iosCdpPort = (p: string) =>
  p
    .replace(/^Gi(?=\d)/, 'Gig ')
    .replace(/^Te(?=\d)/, 'Ten ')
    .replace(/^Eth(?=\d)/, 'Eth ');

export const ciscoIosOutputs: DailyRenderers = {
  cdp: (v) => ciscoCdp(v, { head: 'Device ID        Local Intrfce     Holdtme    Capability  Platform  Port ID', port: iosCdpPort }),
  bgp: (v) =>
    [
      `BGP router identifier ${v.loopback}, local AS number ${v.as}`,
      'BGP table version is 42, main routing table version 42',
      '',
      'Neighbor        V           AS MsgRcvd MsgSent   TblVer  InQ OutQ Up/Down  State/PfxRcd',
      ...ciscoBgpRows(v, '4'),
      '',
    ].join('\n'),
  lldp: (v) =>
    [
      ...LLDP_HEAD,
      'Device ID           Local Intf     Hold-time  Capability      Port ID',
      ...v.lldp.map((n) => cols([n.neighbor, 20], [n.local.short, 15], ['120', 11], ['R', 16], [n.neighborPort.short, 0])),
      '',
      `Total entries displayed: ${v.lldp.length}`,
      '',
    ].join('\n'),
  arp: (v) =>
    [
      'Protocol  Address          Age (min)  Hardware Addr   Type   Interface',
      ...v.arp.map((a) => cols(['Internet', 10], [a.ip, 17], [right(3, 9), 11], [a.mac, 16], ['ARPA', 7], [a.port.full, 0])),
      '',
    ].join('\n'),
  mac: (v) =>
    [
      '          Mac Address Table',
      '-------------------------------------------',
      '',
      'Vlan    Mac Address       Type        Ports',
      '----    -----------       --------    -----',
      ...v.mac.map((m) => cols([right(m.vlan, 4), 8], [m.mac, 18], ['DYNAMIC', 12], [m.port.short, 0])),
      `Total Mac Addresses for this criterion: ${v.mac.length}`,
      '',
    ].join('\n'),
  ports: (v) =>
    [
      'Port      Name               Status       Vlan       Duplex  Speed Type',
      ...v.ports.map((p) =>
        cols(
          [p.port.short, 10],
          [p.description.slice(0, 18), 19],
          [p.shut ? 'disabled' : p.up ? 'connected' : 'notconnect', 13],
          [p.vlan, 11],
          [right('a-full', 6), 7],
          [right('a-1000', 6), 7],
          ['10/100/1000BaseTX', 0],
        ),
      ),
      '',
    ].join('\n'),
  // Cisco's documented `show interfaces description`: the description in full, from its column on.
  descriptions: (v) => statusDescriptions(v, 9),
  ospf: (v) =>
    [
      'Neighbor ID     Pri   State           Dead Time   Address         Interface',
      ...v.ospf.map((o) =>
        cols([o.neighborId, 16], [right(1, 3), 6], ['FULL/DR', 16], ['00:00:35', 12], [o.address, 16], [o.port.full, 0]),
      ),
      '',
    ].join('\n'),
  route: (v, words) => {
    const { route } = routeFor(v, words);
    return route ? routeDetail(route, false) : '% Network not in table\n';
  },
  ping: ciscoPing,
  interfaces: iosInterfaces,
};
