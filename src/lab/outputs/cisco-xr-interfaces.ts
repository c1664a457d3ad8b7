/**
 * IOS-XR `show interfaces` for the lab's ports, in the format of the capture
 * ../shared/fixtures/devices/cisco_xr/show_interfaces/cisco_xr_show_interfaces.raw
 * (TenGigE0/3/0/0 up, TenGigE0/3/0/4 administratively down): header, hardware, description
 * and address lines made from the port; a blank line between ports, as XR prints them. The
 * timestamp the capture starts with is the session's lead, printed by the CLI.
 */
import type { DeviceView, PortRow } from './device-view.js';
import { askedPorts, portState } from './render-kit.js';

const HEAD = {
  up: 'is up, line protocol is up',
  down: 'is down, line protocol is down',
  shut: 'is administratively down, line protocol is administratively down',
} as const;

const BODY = [
  '  MTU 1514 bytes, BW 1000000 Kbit (Max: 1000000 Kbit)',
  '     reliability 255/255, txload 0/255, rxload 0/255',
  '  Encapsulation ARPA,',
  '  Full-duplex, 1000Mb/s, link type is force-up',
  '  output flow control is off, input flow control is off',
  '  Carrier delay (up) is 10 msec',
  '  loopback not set,',
  '  Last link flapped 6w1d',
  '  ARP type ARPA, ARP timeout 04:00:00',
  '  Last input 00:00:00, output 00:00:00',
  '  Last clearing of "show interface" counters never',
  '  30 second input rate 2000 bits/sec, 2 packets/sec',
  '  30 second output rate 2000 bits/sec, 2 packets/sec',
  '     7473219 packets input, 4862292181 bytes, 5 total input drops',
  '     0 drops for unrecognized upper-level protocol',
  '     Received 2 broadcast packets, 70041 multicast packets',
  '              0 runts, 0 giants, 0 throttles, 0 parity',
  '     0 input errors, 0 CRC, 0 frame, 0 overrun, 0 ignored, 0 abort',
  '     2222908 packets output, 856734632 bytes, 0 total output drops',
  '     Output 1 broadcast packets, 63014 multicast packets',
  '     0 output errors, 0 underruns, 0 applique, 0 resets',
  '     0 output buffer failures, 0 output buffers swapped out',
  '     1 carrier transitions',
];

function block(p: PortRow): string[] {
  return [
    `${p.port.full} ${HEAD[portState(p)]}`,
    '  Interface state transitions: 1',
    `  Hardware is GigabitEthernet, address is ${p.mac} (bia ${p.mac})`,
    '  Layer 1 Transport Mode is LAN',
    ...(p.description ? [`  Description: ${p.description}`] : []),
    // XR says so where a port has no IPv4 address.
    `  Internet address is ${p.address ?? 'Unknown'}`,
    ...BODY,
    '',
  ];
}

/** `show interfaces [name]`; a name the device lacks gets XR's refusal. */
export function xrInterfaces(v: DeviceView, words: string[] = []): string {
  const ports = askedPorts(v, words);
  if (!ports) return `${' '.repeat('show interfaces '.length)}^\n% Invalid input detected at '^' marker.\n`;
  return ports.flatMap(block).join('\n');
}
