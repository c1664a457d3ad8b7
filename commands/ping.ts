import { z } from 'zod';
import { defineCommand, onEveryPlatform } from '../src/core/command.js';
import { HOST_NAME, isIpv4 } from '../src/devices/parsers/addresses.js';
import { PING } from '../src/devices/parsers/daily-parsers.js';
import { cliFrom } from '../src/devices/platforms/daily-cli.js';
import { vrfName } from './show-route.js';

const target = z.string().refine((t) => isIpv4(t) || (HOST_NAME.test(t) && !/^[\d.]+$/.test(t)), 'expected an IPv4 address or a host name');
const count = z
  .string()
  .regex(/^\d{1,3}$/, 'expected a count (1-100)')
  .transform(Number)
  .refine((n) => n >= 1 && n <= 100, 'expected a count (1-100)');

/** Pings from the devices themselves: sent, received, loss, round-trip times. */
export default defineCommand({
  name: 'ping',
  kind: 'read',
  summary: 'Ping a target from each device: sent, received, loss, min/avg/max RTT',
  usage: [
    'ping device=east-core-1 target=10.20.5.11',
    'ping role=edge target=10.255.0.1 count=3',
    'ping device=west-core-1 target=192.0.2.1',
  ],
  args: z.object({ target, vrf: vrfName.optional(), count: count.optional() }),
  cli: cliFrom((d, a) => [d.ping(a.target as string, (a.count as number | undefined) ?? 5, a.vrf as string | undefined)]),
  parse: onEveryPlatform(PING),
  columns: [
    { key: 'sent', label: 'Sent' },
    { key: 'received', label: 'Received' },
    { key: 'loss', label: 'Loss' },
    { key: 'min', label: 'Min ms' },
    { key: 'avg', label: 'Avg ms' },
    { key: 'max', label: 'Max ms' },
  ],
});
