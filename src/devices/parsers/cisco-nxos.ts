/**
 * Cisco NX-OS output parsers.
 *
 * Field mapping from the ntc-templates names used in the fixtures:
 * - show version: hostname -> hostname, platform -> model, os -> version,
 *   serial -> serial, uptime -> uptime.
 * - show interface: interface -> interface, link_status -> status,
 *   admin_state -> protocol (see parseNxosShowInterface), ip_address + "/" +
 *   prefix_length -> address, description -> description.
 * - show inventory: name -> name, descr -> description, pid -> pid, sn -> serial.
 */
import { firstMatch, parseCiscoInventory, parseCiscoStyleInterfaces, type Fields } from './common.js';
import { lookup, type InterfaceStates, type WordTable } from './normalise.js';

/**
 * `NXOS: version` on 7.x and later; `system: version` on the 5.x/6.x Nexus 5000 line and in
 * ACI mode. Kept whole, as ntc does: `10.3(6) [Maintenance Release]`.
 */
const NXOS_VERSION = /^\s*(?:NXOS|system):\s+version\s+(.+?)\s*$/m;
const KERNEL_UPTIME = /^Kernel uptime is\s+(.+?)\s*$/m;
/**
 * The chassis line names the model after an optional family word: `cisco Nexus9000 C9396PX
 * Chassis` -> C9396PX, `cisco Nexus 5596 Chassis` -> 5596, `cisco Nexus5548 Chassis` -> Nexus5548.
 */
const CHASSIS = /^\s*cisco (?:Nexus\s?\d*\s+)?(\S+)\s+[Cc]hassis/m;

/** ACI-mode switches print no chassis line, only the supervisor's: `cisco N9K-C93180YC-EX ("supervisor")`. */
const SUPERVISOR = /^\s*cisco (\S+)\s+\("supervisor"\)/m;

export function parseNxosShowVersion(raw: string): Fields | undefined {
  const version = firstMatch(NXOS_VERSION, raw);
  const uptime = firstMatch(KERNEL_UPTIME, raw);
  // Some captures start without the "Cisco Nexus Operating System" banner, so recognise the body.
  if (!version && !uptime) return undefined;
  return {
    hostname: firstMatch(/^\s*Device name:\s*(\S+)/m, raw),
    vendor: 'Cisco',
    model: firstMatch(CHASSIS, raw) || firstMatch(SUPERVISOR, raw),
    version,
    serial: firstMatch(/^\s*Processor Board ID\s+(\S+)/m, raw),
    uptime,
  };
}

/**
 * NX-OS gives `line protocol is ...` only on SVIs (`Vlan1 is down (...), line protocol is
 * down, autostate enabled`); ports give `admin state is up, Dedicated Interface` instead,
 * and Fibre Channel ports neither. So protocol is the line protocol without its trailing
 * flags, else the admin state, else ''.
 */
export const parseNxosShowInterface = (raw: string): Fields[] | undefined =>
  parseCiscoStyleInterfaces(raw, (i) => i.lineProtocol?.split(',')[0]?.trim() ?? firstMatch(/^admin state is (\w+)/m, i.body));

export const parseNxosShowInventory = (raw: string): Fields[] | undefined => parseCiscoInventory(raw);

/**
 * NX-OS header words: `up`, `down (Link not connected)`, `down (Administratively down)`,
 * `down (SFP not inserted)`, `down (XCVR not inserted)`; the reason in brackets tells an
 * admin shutdown from a link that is down.
 */
export const NXOS_STATUS: WordTable = [
  [/administratively down/i, 'admin-down'],
  [/^up\b/i, 'up'],
  [/^down\b/i, 'down'],
];
/**
 * The record's protocol is the SVI's line protocol or a port's admin state (see
 * parseNxosShowInterface): a port has no line protocol, so it is up when the link is up
 * and enabled, down otherwise.
 */
export const NXOS_INTERFACE_STATES: InterfaceStates = {
  status: (r) => lookup(NXOS_STATUS, r.status ?? '') as 'up' | 'down' | 'admin-down' | undefined,
  protocol: (r, status) => {
    if (status === undefined || !r.protocol) return undefined;
    return status === 'up' && /^up\b/i.test(r.protocol) ? 'up' : 'down';
  },
};
