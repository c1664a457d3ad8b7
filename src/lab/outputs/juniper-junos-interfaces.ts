/**
 * Junos `show interfaces` for the lab's ports, in the format of the capture
 * ../shared/fixtures/devices/juniper_junos/show_interfaces/juniper_junos_show_interfaces.raw
 * (ge-0/0/0 and its logical unit): the physical interface's header, description and MAC made
 * from the port, and its unit 0 with the link's address (`family inet`) on a routed port or
 * `eth-switch` on a switch port. Logical flags follow the link: Device-Down when it is down.
 */
import { ipv4ToNumber, numberToIpv4 } from '../../devices/parsers/addresses.js';
import type { DeviceView, PortRow } from './device-view.js';
import { askedPorts, colonMac, portState } from './render-kit.js';

const HEAD = {
  up: 'Enabled, Physical link is Up',
  down: 'Enabled, Physical link is Down',
  shut: 'Administratively down, Physical link is Down',
} as const;

/** `Destination: 10.1.2.0/30, Local: 10.1.2.2, Broadcast: 10.1.2.3`, as Junos lists an inet address. */
function inetLine(address: string): string {
  const [ip, len] = address.split('/') as [string, string];
  const size = 2 ** (32 - Number(len));
  const net = ipv4ToNumber(ip) - (ipv4ToNumber(ip) % size);
  return `        Destination: ${numberToIpv4(net)}/${len}, Local: ${ip}, Broadcast: ${numberToIpv4(net + size - 1)}`;
}

function unit(p: PortRow, index: number): string[] {
  const family = p.address
    ? [
        '    Protocol inet, MTU: 1500',
        '      Flags: Sendbcast-pkt-to-re',
        '      Addresses, Flags: Is-Preferred Is-Primary',
        inetLine(p.address),
      ]
    : ['    Protocol eth-switch, MTU: 1514', '      Flags: Is-Primary'];
  return [
    `  Logical interface ${p.port.full}.0 (Index ${74 + index}) (SNMP ifIndex ${535 + index})`,
    `    Flags: ${p.up ? 'Up' : 'Device-Down'} SNMP-Traps 0x4000 Encapsulation: ENET2`,
    '    Input packets : 12439041',
    '    Output packets: 2552075',
    ...family,
  ];
}

function physical(p: PortRow, index: number): string[] {
  const mac = colonMac(p.mac);
  return [
    `Physical interface: ${p.port.full}, ${HEAD[portState(p)]}`,
    `  Interface index: ${134 + index}, SNMP ifIndex: ${502 + index}`,
    ...(p.description ? [`  Description: ${p.description}`] : []),
    '  Link-level type: Ethernet, MTU: 1514, MRU: 0, LAN-PHY mode,',
    '  Link-mode: Full-duplex, Speed: 1000mbps, BPDU Error: None,',
    '  MAC-REWRITE Error: None, Loopback: Disabled, Source filtering: Disabled,',
    '  Flow control: Enabled, Auto-negotiation: Enabled, Remote fault: Online',
    `  Device flags   : Present${p.up ? ' Running' : ' Down'}`,
    '  Interface flags: SNMP-Traps Internal: 0x4000',
    '  Link flags     : None',
    '  CoS queues     : 8 supported, 8 maximum usable queues',
    `  Current address: ${mac}, Hardware address: ${mac}`,
    '  Last flapped   : 2016-02-09 13:37:59 UTC (23:39:35 ago)',
    '  Input rate     : 0 bps (0 pps)',
    '  Output rate    : 0 bps (0 pps)',
    `  Active alarms  : ${p.up ? 'None' : 'LINK'}`,
    `  Active defects : ${p.up ? 'None' : 'LINK'}`,
    '  Interface transmit statistics: Disabled',
    '',
    ...unit(p, index),
    '',
  ];
}

/**
 * `show interfaces [name] [terse]` (`terse` before or after the name): the detail above, or the
 * terse table for the ports asked; a name the device lacks is an error as Junos words it.
 */
export function junosInterfaces(v: DeviceView, words: string[], terse: (v: DeviceView) => string): string {
  const ports = askedPorts(v, words, ['terse']);
  if (!ports) return `error: device ${words.filter((w) => w !== 'terse').join(' ')} not found\n`;
  if (words.includes('terse')) return terse({ ...v, ports });
  return ports.flatMap((p) => physical(p, v.ports.indexOf(p))).join('\n');
}
