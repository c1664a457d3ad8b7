/**
 * NX-OS outputs made from the lab's network, in the formats of the captures in
 * ../shared/fixtures/devices/cisco_nxos/ (show ip bgp summary, show lldp neighbors, show ip
 * arp, show mac address-table, show interface status, show ip ospf neighbors, show ip route);
 * `ping` in the BSD wording NX-OS prints (documented, no capture).
 */
import { LLDP_HEAD, ciscoBgpRows, ciscoCdp } from './cisco-ios.js';
import type { DeviceView } from './device-view.js';
import { RTT, cols, pingFor, right, routeFor } from './render-kit.js';
import type { DailyRenderers } from './renderers.js';
import { nxosInterfaces } from './cisco-nxos-interfaces.js';

const DASHES = '--------------------------------------------------------------------------------';

export function bsdPing(
  v: DeviceView,
  words: string[],
  o: { from: (a: string, i: number) => string; stats: (n: number, got: number) => string },
): string {
  const p = pingFor(v, words);
  const got = p.ok ? p.count : 0;
  const replies = Array.from({ length: p.count }, (_, i) => (p.ok ? o.from(p.address, i) : `Request ${i} timed out`));
  return [
    `PING ${p.address} (${p.address}): 56 data bytes`,
    ...replies,
    '',
    `--- ${p.address} ping statistics ---`,
    o.stats(p.count, got),
    ...(p.ok ? [`round-trip min/avg/max = ${RTT.min}.000/${RTT.avg}.000/${RTT.max}.000 ms`] : []),
    '',
  ].join('\n');
}

export const ciscoNxosOutputs: DailyRenderers = {
  cdp: (v) => ciscoCdp(v, { head: 'Device-ID          Local Intrfce  Hldtme Capability  Platform      Port ID', port: (p) => p }),
  bgp: (v) =>
    [
      'BGP summary information for VRF default, address family IPv4 Unicast',
      `BGP router identifier ${v.loopback}, local AS number ${v.as}`,
      `BGP table version is 42, IPv4 Unicast config peers ${v.bgp.length}, capable peers ${v.bgp.filter((b) => b.up).length}`,
      '',
      'Neighbor        V    AS MsgRcvd MsgSent   TblVer  InQ OutQ Up/Down  State/PfxRcd',
      ...ciscoBgpRows(v, '4'),
      '',
    ].join('\n'),
  lldp: (v) =>
    [
      ...LLDP_HEAD.map((l) => l.replace(/^ {4}/, '  ')),
      'Device ID            Local Intf      Hold-time  Capability  Port ID',
      ...v.lldp.map((n) => cols([n.neighbor, 21], [n.local.short, 16], ['120', 11], ['BR', 12], [n.neighborPort.short, 0])),
      '',
      `Total entries displayed: ${v.lldp.length}`,
      '',
    ].join('\n'),
  arp: (v) =>
    [
      '',
      'Flags: * - Adjacencies learnt on non-active FHRP router',
      '',
      'IP ARP Table for context default',
      `Total number of entries: ${v.arp.length}`,
      'Address         Age       MAC Address     Interface',
      ...v.arp.map((a) => cols([a.ip, 16], ['00:00:57', 10], [a.mac, 16], [a.port.full, 0])),
      '',
    ].join('\n'),
  mac: (v) =>
    [
      'Legend:',
      '        * - primary entry, G - Gateway MAC, (R) - Routed MAC, O - Overlay MAC',
      '        age - seconds since last seen,+ - primary entry using vPC Peer-Link,',
      '        (T) - True, (F) - False',
      '   VLAN     MAC Address      Type      age     Secure NTFY Ports',
      '---------+-----------------+--------+---------+------+----+------------------',
      ...v.mac.map((m) => `*${right(m.vlan, 8)}     ${m.mac}   dynamic  0         F      F    ${m.port.short}`),
      '',
    ].join('\n'),
  // Cisco's documented NX-OS `show interface description`: no state, `--` for none.
  descriptions: (v) =>
    [
      '',
      DASHES.slice(1),
      cols(['Port', 14], ['Type', 7], ['Speed', 8], ['Description', 0]),
      DASHES.slice(1),
      ...v.ports.map((p) => cols([p.port.short, 14], ['eth', 7], ['1000', 8], [p.description || '--', 0])),
      '',
    ].join('\n'),
  ports: (v) =>
    [
      '',
      DASHES,
      'Port          Name               Status    Vlan      Duplex  Speed   Type',
      DASHES,
      ...v.ports.map((p) =>
        cols(
          [p.port.short, 14],
          [p.description.slice(0, 18) || '--', 19],
          [p.shut ? 'disabled' : p.up ? 'connected' : 'notconnec', 10],
          [p.vlan, 10],
          ['full', 8],
          ['1000', 8],
          ['1000base-T', 0],
        ),
      ),
      '',
    ].join('\n'),
  ospf: (v) =>
    [
      ' OSPF Process ID 1 VRF default',
      ` Total number of neighbors: ${v.ospf.length}`,
      ' Neighbor ID     Pri State            Up Time  Address         Interface',
      ...v.ospf.map(
        (o) => ` ${cols([o.neighborId, 16], [right(1, 3), 4], ['FULL/ -', 17], ['3d04h', 9], [o.address, 16], [o.port.short, 0])}`,
      ),
      '',
    ].join('\n'),
  route: (v, words) => {
    const { route } = routeFor(v, words);
    const head = [
      'IP Route Table for VRF "default"',
      "'*' denotes best ucast next-hop",
      "'**' denotes best mcast next-hop",
      "'[x/y]' denotes [preference/metric]",
      '',
    ];
    if (!route) return [...head, 'Route not found', ''].join('\n');
    const via = route.nextHop ?? route.prefix.split('/')[0];
    const tail = route.protocol === 'ospf' ? 'ospf-1, intra' : route.protocol === 'local' ? 'local' : 'direct';
    return [
      ...head,
      `${route.prefix}, ubest/mbest: 1/0, attached`,
      `    *via ${via}, ${route.port?.short}, [${route.distance}/${route.metric}], 3d04h, ${tail}`,
      '',
    ].join('\n');
  },
  ping: (v, words) =>
    bsdPing(v, words, {
      from: (a, i) => `64 bytes from ${a}: icmp_seq=${i} ttl=254 time=${i === 0 ? '4.000' : '1.000'} ms`,
      stats: (n, got) =>
        `${n} packets transmitted, ${got} packets received, ${n ? ((100 * (n - got)) / n).toFixed(2) : '0.00'}% packet loss`,
    }),
  interfaces: nxosInterfaces,
};
