/**
 * IOS-XR outputs made from the lab's network, in the formats of the captures in
 * ../shared/fixtures/devices/cisco_xr/ (show bgp summary, show lldp neighbors, show arp,
 * show ospf neighbor, show route <prefix> in its `Routing entry for` form); `ping` in
 * Cisco's documented wording. XR routers have no MAC table and no `show interfaces status`:
 * `show interfaces brief` stands in for the port list (documented format, no capture).
 */
import { LLDP_HEAD, ciscoBgpRows, ciscoPing, routeDetail } from './cisco-ios.js';
import { adminWords, cols, right, routeFor } from './render-kit.js';
import type { DailyRenderers } from './renderers.js';
import { xrInterfaces } from './cisco-xr-interfaces.js';

export const ciscoXrOutputs: DailyRenderers = {
  bgp: (v) =>
    [
      `BGP router identifier ${v.loopback}, local AS number ${v.as}`,
      'BGP generic scan interval 60 secs',
      'BGP table state: Active',
      'BGP main routing table version 42',
      'BGP scan interval 60 secs',
      '',
      'BGP is operating in STANDALONE mode.',
      '',
      'Process       RcvTblVer   bRIB/RIB   LabelVer  ImportVer  SendTblVer  StandbyVer',
      'Speaker              42         42         42         42          42           0',
      '',
      'Neighbor        Spk    AS MsgRcvd MsgSent   TblVer  InQ OutQ  Up/Down  St/PfxRcd',
      ...ciscoBgpRows(v, '0').map((l) => l.replace(/^(\S+\s+)0\s{9}/, '$1  0 ')),
      '',
    ].join('\n'),
  lldp: (v) =>
    [
      ...LLDP_HEAD.map((l) => l.replace(/^ {4}/, '        ')),
      'Device ID       Local Intf          Hold-time  Capability     Port ID',
      ...v.lldp.map((n) => cols([n.neighbor, 16], [n.local.short, 20], ['120', 11], ['R', 16], [n.neighborPort.short, 0])),
      '',
      `Total entries displayed: ${v.lldp.length}`,
      '',
    ].join('\n'),
  arp: (v) =>
    [
      '',
      '-------------------------------------------------------------------------------',
      '0/0/CPU0',
      '-------------------------------------------------------------------------------',
      'Address         Age        Hardware Addr   State      Type  Interface',
      ...v.arp.map((a) => cols([a.ip, 16], ['01:25:23', 11], [a.mac, 16], ['Dynamic', 11], ['ARPA', 6], [a.port.full, 0])),
      '',
    ].join('\n'),
  ports: (v) =>
    [
      '',
      '               Intf       Intf        LineP              Encap  MTU        BW',
      '               Name       State       State               Type (byte)    (Kbps)',
      '--------------------------------------------------------------------------------',
      ...v.ports.map(
        (p) =>
          `${right(p.port.short, 19)} ${right(p.shut ? 'admin-down' : p.up ? 'up' : 'down', 10)} ${right(p.shut ? 'admin-down' : p.up ? 'up' : 'down', 11)} ${right('ARPA', 18)}  ${right(1514, 5)}  ${right(1000000, 8)}`,
      ),
      '',
    ].join('\n'),
  // Cisco's documented IOS-XR `show interfaces description`: both states admin-down when shut.
  descriptions: (v) =>
    [
      '',
      cols(['Interface', 19], ['Status', 12], ['Protocol', 12], ['Description', 0]),
      '-'.repeat(80),
      ...v.ports.map((p) => {
        const [status, protocol] = adminWords(p, 'admin-down');
        return cols([p.port.short, 19], [status, 12], [p.shut ? 'admin-down' : protocol, 12], [p.description, 0]);
      }),
      '',
    ].join('\n'),
  ospf: (v) =>
    [
      '',
      '* Indicates MADJ interface',
      '# Indicates Neighbor awaiting BFD session up',
      '',
      'Neighbors for OSPF 1',
      '',
      'Neighbor ID     Pri   State           Dead Time   Address         Interface',
      ...v.ospf.flatMap((o) => [
        cols([o.neighborId, 16], ['1', 6], ['FULL/DR', 16], ['00:00:35', 12], [o.address, 16], [o.port.full, 0]),
        '    Neighbor is up for 3d04h',
      ]),
      '',
      `Total neighbor count: ${v.ospf.length}`,
      '',
    ].join('\n'),
  route: (v, words) => {
    const { route } = routeFor(v, words);
    return route ? routeDetail(route, true) : '\n% Network not in table\n';
  },
  ping: ciscoPing,
  interfaces: xrInterfaces,
};
