/**
 * NX-OS `show interface` for the lab's ports, in the format of the capture
 * ../shared/fixtures/devices/cisco_nxos/show_interface/cisco_nxos_show_interface4.raw
 * (Ethernet1/1 up, Ethernet1/2 `down (Link not connected)`, Ethernet1/54 `admin state is
 * down`): header, admin state, hardware, description and address lines made from the port;
 * a blank line between ports, as NX-OS prints them.
 */
import type { DeviceView, PortRow } from './device-view.js';
import { askedPorts, portState } from './render-kit.js';

const HEAD = {
  up: ['is up', 'admin state is up, Dedicated Interface'],
  down: ['is down (Link not connected)', 'admin state is up, Dedicated Interface'],
  shut: ['is down (Administratively down)', 'admin state is down, Dedicated Interface'],
} as const;

const BODY = [
  '  MTU 1500 bytes, BW 1000000 Kbit , DLY 10 usec',
  '  reliability 255/255, txload 1/255, rxload 1/255',
  '  Encapsulation ARPA, medium is broadcast',
];
const REST = [
  '  full-duplex, 1000 Mb/s',
  '  Beacon is turned off',
  '  Auto-Negotiation is turned on  FEC mode is Auto',
  '  Input flow-control is off, output flow-control is off',
  '  Auto-mdix is turned on',
  '  Switchport monitor is off ',
  '  EtherType is 0x8100 ',
  '  EEE (efficient-ethernet) : Disabled',
  '  Last link flapped 40week(s) 5day(s)',
  '  Last clearing of "show interface" counters never',
  '  1 interface resets',
  '  RX',
  '    5432519 unicast packets  960110 multicast packets  6 broadcast packets',
  '    6392635 input packets  827345973 bytes',
  '  TX',
  '    4257792 unicast packets  115660636 multicast packets  18381328 broadcast packets',
  '    138299756 output packets  16581146467 bytes',
];

function block(p: PortRow): string[] {
  const [head, admin] = HEAD[portState(p)];
  return [
    `${p.port.full} ${head}`,
    admin,
    `  Hardware: 10/100/1000 Ethernet, address: ${p.mac} (bia ${p.mac})`,
    ...(p.description ? [`  Description: ${p.description}`] : []),
    ...(p.address ? [`  Internet Address is ${p.address}`] : []),
    ...BODY,
    // A routed port has no port mode.
    ...(p.address ? [] : ['  Port mode is access']),
    ...REST,
    '',
  ];
}

/** `show interface [name]` (`Eth1/1`, `ethernet 1/1`); a name the device lacks gets NX-OS's refusal. */
export function nxosInterfaces(v: DeviceView, words: string[] = []): string {
  const ports = askedPorts(v, words);
  if (!ports) return `${' '.repeat('show interface '.length)}^\n% Invalid range at '^' marker.\n`;
  return ports.flatMap(block).join('\n');
}
