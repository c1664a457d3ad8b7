/**
 * EOS outputs made from the lab's network, in the formats of the captures in
 * ../shared/fixtures/devices/arista_eos/ (show ip bgp summary, show lldp neighbors, show ip
 * arp, show mac address-table, show interfaces status, show ip ospf neighbor, show ip route);
 * `ping` in the Linux wording EOS prints (documented, no capture).
 */
import { bsdPing } from './cisco-nxos.js';
import { cols, right, routeFor, statusDescriptions } from './render-kit.js';
import type { DailyRenderers } from './renderers.js';
import { eosInterfaces } from './arista-eos-interfaces.js';

export const aristaEosOutputs: DailyRenderers = {
  bgp: (v) =>
    [
      'BGP summary information for VRF default',
      `Router identifier ${v.loopback}, local AS number ${v.as}`,
      'Neighbor Status Codes: m - Under maintenance',
      '  Neighbor         V  AS           MsgRcvd   MsgSent  InQ OutQ  Up/Down State   PfxRcd PfxAcc',
      ...v.bgp.map(
        (b) =>
          `  ${b.neighbor.padEnd(16)} 4  ${String(b.as).padEnd(12)} ${right(b.up ? 4211 : 0, 7)} ${right(b.up ? 4198 : 0, 9)} ${right(0, 4)} ${right(0, 4)} ${right(b.uptime, 8)} ${b.up ? `Estab   ${String(b.prefixes).padEnd(6)} ${b.prefixes}` : b.state}`,
      ),
      '',
    ].join('\n'),
  lldp: (v) =>
    [
      'Last table change time   : 0:12:02 ago',
      `Number of table inserts  : ${v.lldp.length}`,
      'Number of table deletes  : 0',
      'Number of table drops    : 0',
      'Number of table age-outs : 0',
      '',
      'Port          Neighbor Device ID       Neighbor Port ID    TTL',
      '---------- ------------------------ ---------------------- ---',
      ...v.lldp.map((n) => cols([n.local.short, 14], [n.neighbor, 25], [n.neighborPort.full, 20], ['120', 0])),
      '',
    ].join('\n'),
  arp: (v) =>
    [
      'Address         Age (sec)  Hardware Addr   Interface',
      ...v.arp.map((a) => cols([a.ip, 16], [right('0:00:12', 9), 11], [a.mac, 16], [a.port.full, 0])),
      '',
    ].join('\n'),
  mac: (v) =>
    [
      '          Mac Address Table',
      '------------------------------------------------------------------',
      '',
      'Vlan    Mac Address       Type        Ports      Moves   Last Move',
      '----    -----------       ----        -----      -----   ---------',
      ...v.mac.map((m) => cols([right(m.vlan, 4), 8], [m.mac, 18], ['DYNAMIC', 12], [m.port.short, 11], ['1', 8], ['0:08:16 ago', 0])),
      `Total Mac Addresses for this criterion: ${v.mac.length}`,
      '',
    ].join('\n'),
  ports: (v) =>
    [
      'Port       Name                   Status       Vlan        Duplex  Speed Type',
      ...v.ports.map((p) =>
        cols(
          [p.port.short, 11],
          [p.description.slice(0, 22), 23],
          [p.shut ? 'disabled' : p.up ? 'connected' : 'notconnect', 13],
          [p.vlan, 12],
          ['full', 8],
          ['1G', 6],
          ['1000BASE-T', 0],
        ),
      ),
      '',
    ].join('\n'),
  // Arista's documented `show interfaces description`.
  descriptions: (v) => statusDescriptions(v, 19),
  ospf: (v) =>
    [
      'Neighbor ID     VRF      Pri State                  Dead Time   Address         Interface',
      ...v.ospf.map((o) =>
        cols([o.neighborId, 16], ['default', 9], ['1', 4], ['FULL/DR', 23], ['00:00:35', 12], [o.address, 16], [o.port.full, 0]),
      ),
      '',
    ].join('\n'),
  route: (v, words) => {
    const { route } = routeFor(v, words);
    const head = [
      'VRF: default',
      'Codes: C - connected, S - static, K - kernel,',
      '       O - OSPF, IA - OSPF inter area, B - BGP',
      '',
      'Gateway of last resort is not set',
      '',
    ];
    if (!route) return head.join('\n');
    const line =
      route.protocol === 'ospf'
        ? ` O        ${route.prefix} [${route.distance}/${route.metric}] via ${route.nextHop}, ${route.port?.full}`
        : ` C        ${route.prefix} is directly connected, ${route.port?.full}`;
    return [...head, line, ''].join('\n');
  },
  ping: (v, words) =>
    bsdPing(v, words, {
      from: (a, i) => `80 bytes from ${a}: icmp_seq=${i + 1} ttl=64 time=${i === 0 ? '4.00' : '1.00'} ms`,
      stats: (n, got) => `${n} packets transmitted, ${got} received, ${n ? Math.round((100 * (n - got)) / n) : 0}% packet loss, time 4ms`,
    }),
  interfaces: eosInterfaces,
};
