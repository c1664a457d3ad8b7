import { z } from 'zod';
import { defineCommand } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import { PLATFORM_IDS } from '../src/core/types.js';
import { isIpv4, normaliseMac } from '../src/devices/parsers/addresses.js';
import { findParser } from '../src/devices/parsers/find-rows.js';
import { cliFrom } from '../src/devices/platforms/daily-cli.js';

const ip = z.string().refine(isIpv4, 'expected an IPv4 address');
/** Any of aaaa.bbbb.cccc, aa:bb:cc:dd:ee:ff, AA-BB-CC-DD-EE-FF; sent and shown as aaaa.bbbb.cccc. */
const mac = z.string().transform((text, ctx) => {
  const m = normaliseMac(text);
  if (m) return m;
  ctx.addIssue({ code: 'custom', message: 'expected a MAC address (aaaa.bbbb.cccc, aa:bb:cc:dd:ee:ff or AA-BB-CC-DD-EE-FF)' });
  return z.NEVER;
});

/** The lookup for the one address given (checkArgs made sure there is exactly one). */
function lookup(d: Parameters<Parameters<typeof cliFrom>[0]>[0], a: Record<string, unknown>): string[] {
  return [a.ip ? d.arpOf(a.ip as string) : d.macOf(a.mac as string), ...d.neighbors];
}

/** Where an IP or MAC address lives: device, port, VLAN, and the neighbour on that port. */
export default defineCommand({
  name: 'find',
  kind: 'read',
  summary: 'Where an IP or MAC address lives: device, port, VLAN (and the neighbour on that port)',
  usage: ['find site=east ip=10.20.5.11', 'find role=access mac=02:26:58:ed:07:f8', 'find site=west mac=0226.58ed.07f8'],
  args: z.object({ ip: ip.optional(), mac: mac.optional() }),
  // Refused before a job starts: per device it would be one failure per target for one typo.
  checkArgs(a) {
    if (a.ip !== undefined && a.mac !== undefined)
      throw new UserError('bad_argument', 'find takes one address: ip= or mac=, not both', 'run find once per address');
    if (a.ip === undefined && a.mac === undefined)
      throw new UserError('bad_argument', 'find needs an address: ip= or mac=', 'for example /net find site=east ip=10.20.5.11');
  },
  cli: cliFrom(lookup),
  parse: Object.fromEntries(PLATFORM_IDS.map((p) => [p, findParser(p)])),
  columns: [
    { key: 'ip', label: 'Address' },
    { key: 'mac', label: 'MAC' },
    { key: 'vlan', label: 'VLAN' },
    { key: 'port', label: 'Port' },
    { key: 'neighbor', label: 'Neighbour on port' },
    { key: 'where', label: 'Where' },
  ],
});
