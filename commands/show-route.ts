import { z } from 'zod';
import { defineCommand } from '../src/core/command.js';
import { VRF_NAME, networkOf, parseIpv4Prefix, type Ipv4Prefix } from '../src/devices/parsers/addresses.js';
import { ROUTE } from '../src/devices/parsers/daily-parsers.js';
import { cliFrom } from '../src/devices/platforms/daily-cli.js';

/** An IPv4 address (a host route lookup) or prefix, host bits cleared. */
const prefix = z.string().transform((text, ctx): Ipv4Prefix => {
  const p = parseIpv4Prefix(text);
  if (p) return { address: networkOf(p), length: p.length };
  ctx.addIssue({ code: 'custom', message: 'expected an IPv4 address or prefix (10.1.0.0/16)' });
  return z.NEVER;
});

export const vrfName = z.string().regex(VRF_NAME, 'expected a VRF name (letters, digits, _ . -)');

/** The route each target would use for a prefix: next hops, interface, protocol. */
export default defineCommand({
  name: 'show-route',
  kind: 'read',
  summary: 'The route for a prefix on each target: next hops, interface and protocol',
  usage: [
    'show-route role=core prefix=10.255.0.4',
    'show-route device=east-edge-1 prefix=10.20.5.0/24',
    'show-route site=west prefix=192.0.2.0/24 vrf=default',
  ],
  args: z.object({ prefix, vrf: vrfName.optional() }),
  cli: cliFrom((d, a) => [d.route(a.prefix as Ipv4Prefix, a.vrf as string | undefined)]),
  parse: ROUTE,
  columns: [
    { key: 'prefix', label: 'Prefix' },
    { key: 'protocol', label: 'Protocol' },
    { key: 'nextHop', label: 'Next hop' },
    { key: 'interface', label: 'Interface' },
  ],
});
