/**
 * EOS `show interfaces` for the lab's ports, in the format of the captures
 * ../shared/fixtures/devices/arista_eos/show_interfaces/arista_eos_show_interfaces.raw (a
 * routed Ethernet1 with its address) and ..._portchannel.raw (switch ports, up and down):
 * header, hardware, description, address and up/down-time lines made from the port.
 */
import type { DeviceView, PortRow } from './device-view.js';
import { askedPorts, portState } from './render-kit.js';

const HEAD = {
  up: 'is up, line protocol is up (connected)',
  down: 'is down, line protocol is down (notconnect)',
  shut: 'is administratively down, line protocol is down (disabled)',
} as const;

const COUNTERS = [
  '  Loopback Mode : None',
  '  1 link status changes since last clear',
  '  Last clearing of "show interface" counters never',
  '  5 minutes input rate 0 bps (0.0% with framing overhead), 0 packets/sec',
  '  5 minutes output rate 0 bps (0.0% with framing overhead), 0 packets/sec',
  '     292 packets input, 31440 bytes',
  '     Received 3 broadcasts, 0 multicast',
  '     0 runts, 0 giants',
  '     0 input errors, 0 CRC, 0 alignment, 0 symbol, 0 input discards',
  '     0 PAUSE input',
  '     203 packets output, 33221 bytes',
  '     Sent 0 broadcasts, 32 multicast',
  '     0 output errors, 0 collisions',
  '     0 late collision, 0 deferred, 0 output discards',
  '     0 PAUSE output',
];

function block(p: PortRow): string[] {
  const state = portState(p);
  // A routed port prints its address and IP MTU; a switch port its Ethernet MTU.
  const layer = p.address
    ? [
        `  Internet address is ${p.address}`,
        '  Broadcast address is 255.255.255.255',
        '  Address determined by manual configuration',
        '  IP MTU 1500 bytes , BW 1000000 kbit',
      ]
    : ['  Ethernet MTU 9214 bytes, BW 1000000 kbit'];
  return [
    `${p.port.full} ${HEAD[state]}`,
    `  Hardware is Ethernet, address is ${p.mac} (bia ${p.mac})`,
    ...(p.description ? [`  Description: ${p.description}`] : []),
    ...layer,
    '  Full-duplex, 1Gb/s, auto negotiation: on, uni-link: n/a',
    state === 'up' ? '  Up 5 hours, 8 minutes, 50 seconds' : '  Down 5 hours, 12 minutes, 19 seconds',
    ...COUNTERS,
  ];
}

/** `show interfaces [name]`; a name the device lacks gets EOS's refusal. */
export function eosInterfaces(v: DeviceView, words: string[] = []): string {
  const ports = askedPorts(v, words);
  if (!ports) return "% Invalid input detected at '^' marker.\n";
  return [...ports.flatMap(block), ''].join('\n');
}
