/**
 * Juniper Junos `show interfaces`: one record per physical and per logical interface, in
 * output order, as ntc-templates does.
 *
 * Field mapping from the ntc-templates names used in the fixtures:
 * interface -> interface; link_status -> status (`Physical link is Up`, or a logical
 * interface's first `Flags:` word); admin_state -> protocol (`Enabled`, `Administratively
 * down`; logical interfaces have none: ''); local + the prefix length of destination ->
 * address (`10.10.199.180/29`); description -> description.
 */
import { firstMatch, joinValues, splitBlocks, type Fields } from './common.js';
import { lookup, type InterfaceStates, type WordTable } from './normalise.js';

const HEAD = /^(?:Physical interface: ([^,\s]+), ([^,]+), Physical link is (\w+)|\s+Logical interface (\S+))/;

/**
 * The inet addresses of a logical interface. Only `Protocol inet` counts: the product's
 * address is the IPv4 one, as on the Cisco platforms. `Local:` without a `Destination:`
 * (loopbacks) is given without a prefix.
 */
function inetAddresses(body: string[]): string {
  const found: string[] = [];
  let protocol = '';
  for (const line of body) {
    protocol = /^\s+Protocol (\S+?),/.exec(line)?.[1] ?? protocol;
    const a = /(?:Destination: (\S+?),\s*)?Local: ([^\s,]+)/.exec(line);
    if (a && protocol === 'inet') found.push(a[1]?.includes('/') ? `${a[2]}/${a[1].split('/')[1]}` : a[2]!);
  }
  return joinValues(found);
}

export function parseJunosShowInterfaces(raw: string): Fields[] | undefined {
  const blocks = splitBlocks(raw, HEAD);
  if (!blocks.length) return undefined;
  return blocks.map(({ head, body }) => {
    const text = body.join('\n');
    const physical = head[1] !== undefined;
    return {
      interface: (physical ? head[1] : head[4])!,
      status: physical ? head[3]! : firstMatch(/^\s+Flags: (\S+)/m, text),
      protocol: physical ? head[2]!.trim() : '',
      address: inetAddresses(body),
      description: firstMatch(/^\s+Description:[ \t]*(.*?)\s*$/m, text),
    };
  });
}

/**
 * Junos: a physical interface's record holds the link (`Up`, `Down`) as status and the admin
 * state (`Enabled`, `Administratively down`, `Disabled`) as protocol; a logical one holds
 * its first flag (`Up`, `Down`, `Device-Down`, `Hardware-Down`) and no admin state. Junos
 * has no line protocol: the normalised protocol is up when the interface is up.
 */
export const JUNOS_ADMIN: WordTable = [
  [/^(?:administratively down|disabled)/i, 'admin-down'],
  [/^enabled/i, 'enabled'],
];
export const JUNOS_LINK: WordTable = [
  [/^up$/i, 'up'],
  [/^(?:down|device-down|hardware-down|link-layer-down)$/i, 'down'],
  // Junos lists `Up` first when a logical interface is up; flags without it (`SNMP-Traps ...`) mean it is not.
  [/^(?:snmp-traps|point-to-point)$/i, 'down'],
];
export const JUNOS_INTERFACE_STATES: InterfaceStates = {
  status: (r) => {
    if (lookup(JUNOS_ADMIN, r.protocol ?? '') === 'admin-down') return 'admin-down';
    return lookup(JUNOS_LINK, r.status ?? '') as 'up' | 'down' | undefined;
  },
  protocol: (_r, status) => (status === undefined ? undefined : status === 'up' ? 'up' : 'down'),
};
