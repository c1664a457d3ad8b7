/**
 * Junos outputs made from the lab's network, in the formats of the captures in
 * ../shared/fixtures/devices/juniper_junos/ (show bgp summary, show lldp neighbors, show arp
 * no-resolve, show ospf neighbor) and Juniper's documented formats for what has no capture
 * (show ethernet-switching table, show interfaces terse, show route <prefix>, ping).
 */
import { bsdPing } from './cisco-nxos.js';
import { colonMac, cols, right, routeFor } from './render-kit.js';
import type { DailyRenderers } from './renderers.js';
import { labMac } from '../topology.js';
import type { DeviceView } from './device-view.js';
import { junosInterfaces } from './juniper-junos-interfaces.js';

/** `show interfaces terse`: Juniper's documented format (no capture); the unit's address where the port has one. */
function terse(v: DeviceView): string {
  return [
    'Interface               Admin Link Proto    Local                 Remote',
    ...v.ports.flatMap((p) => [
      cols([p.port.full, 24], [p.shut ? 'down' : 'up', 6], [p.up ? 'up' : 'down', 0]),
      p.address
        ? cols([`${p.port.full}.0`, 24], ['up', 6], [p.up ? 'up' : 'down', 5], ['inet', 9], [p.address, 0])
        : cols([`${p.port.full}.0`, 24], ['up', 6], [p.up ? 'up' : 'down', 5], ['eth-switch', 0]),
    ]),
    '',
  ].join('\n');
}

export const juniperJunosOutputs: DailyRenderers = {
  bgp: (v) =>
    [
      'Threading mode: BGP I/O',
      `Groups: 1 Peers: ${v.bgp.length} Down peers: ${v.bgp.filter((b) => !b.up).length}`,
      'Table          Tot Paths  Act Paths Suppressed    History Damp State    Pending',
      'inet.0',
      '                      12          8          0          0          0          0',
      'Peer                     AS      InPkt     OutPkt    OutQ   Flaps Last Up/Dwn State|#Active/Received/Accepted/Damped...',
      ...v.bgp.flatMap((b) => {
        const row = `${b.neighbor.padEnd(16)}${right(b.as, 11)}${right(b.up ? 4211 : 0, 11)}${right(b.up ? 4198 : 0, 11)}${right(0, 8)}${right(0, 8)} ${right(b.uptime, 11)} ${b.up ? 'Establ' : b.state}`;
        return b.up ? [row, `  inet.0: ${b.prefixes}/${b.prefixes}/${b.prefixes}/0`] : [row];
      }),
      '',
    ].join('\n'),
  lldp: (v) =>
    [
      'Local Interface    Parent Interface    Chassis Id          Port info          System Name',
      ...v.lldp.map((n) =>
        cols([n.local.full, 19], ['-', 20], [colonMac(labMac(n.neighbor)), 20], [n.neighborPort.short, 19], [n.neighbor, 0]),
      ),
      '',
    ].join('\n'),
  arp: (v) =>
    [
      'MAC Address       Address         Interface                Flags',
      ...v.arp.map((a) => cols([colonMac(a.mac), 18], [a.ip, 16], [`${a.port.full}.0`, 25], ['none', 0])),
      `Total entries: ${v.arp.length}`,
      '',
    ].join('\n'),
  mac: (v) =>
    [
      'MAC flags (S - static MAC, D - dynamic MAC, L - locally learned, P - Persistent static',
      '           SE - statistics enabled, NM - non configured MAC, R - remote PE MAC, O - ovsdb MAC)',
      '',
      `Ethernet switching table : ${v.mac.length} entries, ${v.mac.length} learned`,
      'Routing instance : default-switch',
      '   Vlan                MAC                 MAC         Age    Logical                NH        RTR ',
      '   name                address             flags              interface              Index     ID',
      ...v.mac.map(
        (m) =>
          `   ${cols([`vlan${m.vlan}`, 20], [colonMac(m.mac), 20], ['D', 12], ['-', 7], [`${m.port.full}.0`, 23], ['0', 10], ['0', 0])}`,
      ),
      '',
    ].join('\n'),
  ports: terse,
  interfaces: (v, words = []) => junosInterfaces(v, words, terse),
  // Juniper's documented `show interfaces descriptions`: only the interfaces that have one.
  descriptions: (v) =>
    [
      cols(['Interface', 16], ['Admin', 6], ['Link', 5], ['Description', 0]),
      ...v.ports
        .filter((p) => p.description)
        .map((p) => cols([p.port.full, 16], [p.shut ? 'down' : 'up', 6], [p.up ? 'up' : 'down', 5], [p.description, 0])),
      '',
    ].join('\n'),
  ospf: (v) =>
    [
      'Address          Interface              State           ID               Pri  Dead',
      ...v.ospf.map((o) =>
        cols([o.address, 17], [`${o.port.full}.0`, 23], ['Full', 16], [o.neighborId, 17], [right(128, 3), 5], ['37', 0]),
      ),
      '',
    ].join('\n'),
  route: (v, words) => {
    const { route } = routeFor(v, words);
    // Junos prints nothing at all for a prefix no route covers.
    if (!route) return '';
    const proto =
      route.protocol === 'ospf'
        ? `OSPF/10] 3d 04:11:02, metric ${route.metric}`
        : route.protocol === 'local'
          ? 'Local/0] 3d 04:11:02'
          : 'Direct/0] 3d 04:11:02';
    const hop = route.nextHop
      ? `                    >  to ${route.nextHop} via ${route.port?.full}.0`
      : `                    >  via ${route.port?.full}.0`;
    return [
      '',
      'inet.0: 24 destinations, 24 routes (24 active, 0 holddown, 0 hidden)',
      '+ = Active Route, - = Last Active, * = Both',
      '',
      `${route.prefix.padEnd(19)}*[${proto}`,
      hop,
      '',
    ].join('\n');
  },
  ping: (v, words) =>
    bsdPing(v, words, {
      from: (a, i) => `64 bytes from ${a}: icmp_seq=${i} ttl=64 time=${i === 0 ? '4.000' : '1.000'} ms`,
      stats: (n, got) => `${n} packets transmitted, ${got} packets received, ${n ? Math.round((100 * (n - got)) / n) : 0}% packet loss`,
    }),
};
