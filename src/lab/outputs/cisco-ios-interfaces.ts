/**
 * IOS `show interfaces` for the lab's ports, in the format of the capture
 * ../shared/fixtures/devices/cisco_ios/show_interfaces/cisco_ios_show_interfaces.raw (an IOSv
 * L2 image's GigabitEthernet0/1): its header, hardware, description and address lines made
 * from the port, the rest of the block as captured.
 */
import type { DeviceView, PortRow } from './device-view.js';
import { askedPorts, portState } from './render-kit.js';

const HEAD = {
  up: 'is up, line protocol is up (connected)',
  down: 'is down, line protocol is down (notconnect)',
  shut: 'is administratively down, line protocol is down (disabled)',
} as const;

const BODY = [
  '  MTU 1500 bytes, BW 1000000 Kbit/sec, DLY 10 usec,',
  '     reliability 255/255, txload 1/255, rxload 1/255',
  '  Encapsulation ARPA, loopback not set',
  '  Keepalive set (10 sec)',
  '  Auto Duplex, Auto Speed, link type is auto, media type is unknown media type',
  '  output flow-control is unsupported, input flow-control is unsupported',
  '  ARP type: ARPA, ARP Timeout 04:00:00',
  '  Last input 1d21h, output 00:00:02, output hang never',
  '  Last clearing of "show interface" counters never',
  '  Input queue: 0/75/0/0 (size/max/drops/flushes); Total output drops: 0',
  '  Queueing strategy: fifo',
  '  Output queue: 0/0 (size/max)',
  '  5 minute input rate 0 bits/sec, 0 packets/sec',
  '  5 minute output rate 0 bits/sec, 0 packets/sec',
  '     83 packets input, 14855 bytes, 0 no buffer',
  '     Received 0 broadcasts (0 multicasts)',
  '     0 runts, 0 giants, 0 throttles',
  '     0 input errors, 0 CRC, 0 frame, 0 overrun, 0 ignored',
  '     0 watchdog, 0 multicast, 0 pause input',
  '     15513 packets output, 2510810 bytes, 0 underruns',
  '     0 output errors, 0 collisions, 3 interface resets',
  '     0 unknown protocol drops',
  '     0 babbles, 0 late collision, 0 deferred',
  '     0 lost carrier, 0 no carrier, 0 pause output',
  '     0 output buffer failures, 0 output buffers swapped out',
];

function block(p: PortRow): string[] {
  return [
    `${p.port.full} ${HEAD[portState(p)]}`,
    `  Hardware is iGbE, address is ${p.mac} (bia ${p.mac})`,
    ...(p.description ? [`  Description: ${p.description}`] : []),
    ...(p.address ? [`  Internet address is ${p.address}`] : []),
    ...BODY,
  ];
}

/** `show interfaces [name]`; a name the device lacks is refused as IOS refuses it (the caret under the name). */
export function iosInterfaces(v: DeviceView, words: string[] = []): string {
  const ports = askedPorts(v, words);
  if (!ports) return `${' '.repeat('show interfaces '.length)}^\n% Invalid input detected at '^' marker.\n\n`;
  return [...ports.flatMap(block), ''].join('\n');
}
