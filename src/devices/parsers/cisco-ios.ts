/**
 * Cisco IOS / IOS-XE output parsers.
 *
 * Field mapping from the ntc-templates names used in the fixtures:
 * - show version: hostname -> hostname, hardware -> model, version -> version,
 *   serial -> serial, uptime -> uptime. Stacks list every member, joined with ", ".
 * - show interfaces: interface -> interface, link_status -> status,
 *   protocol_status -> protocol, ip_address + "/" + prefix_length -> address,
 *   description -> description.
 * - show inventory: name -> name, descr -> description, pid -> pid, sn -> serial.
 */
import { allMatches, joinValues, parseCiscoInventory, parseCiscoStyleInterfaces, type Fields } from './common.js';
import { lookup, type InterfaceStates, type WordTable } from './normalise.js';

export type { Fields } from './common.js';

/**
 * The software line: `Cisco IOS Software, ... Version 15.2(4)M`, IOS-XE 16/17's `Cisco IOS
 * Software [Bengaluru], ..., Version 17.6.1` (`Experimental Version` on engineering builds),
 * and 12.x and older's `IOS (tm) C2940 Software (...), Version 12.1(22)EA12`.
 */
const IOS_VERSION = /^(?:Cisco IOS Software|IOS \(tm\)).*?,\s*(?:Experimental )?Version\s+([^\s,]+)/m;

export function parseIosShowVersion(raw: string): Fields | undefined {
  const uptime = /^(\S+)\s+uptime is\s+(.+)$/m.exec(raw);
  const version = IOS_VERSION.exec(raw);
  if (!uptime || !version) return undefined;
  // Stacks print a "Model Number" and "System Serial Number" per member; single boxes only the processor line.
  const stackModels = allMatches(/^Model [Nn]umber\s*:\s*(\S+)/gm, raw);
  const stackSerials = allMatches(/^System [Ss]erial [Nn]umber\s*:\s*(\S+)/gm, raw);
  const model = stackModels.length ? stackModels : allMatches(/^[Cc]isco\s+(\S+)\s+.*(?:processor|bytes of memory)/gm, raw).slice(0, 1);
  const serial = stackSerials.length ? stackSerials : allMatches(/^Processor board ID\s+([^\s,]+)/gm, raw).slice(0, 1);
  return {
    hostname: uptime[1]!,
    vendor: 'Cisco',
    model: joinValues(model),
    version: version[1]!,
    serial: joinValues(serial),
    uptime: uptime[2]!.trim(),
  };
}

/** IOS prints `line protocol is up (connected)` on every interface: that is the protocol. */
export const parseIosShowInterfaces = (raw: string): Fields[] | undefined => parseCiscoStyleInterfaces(raw);

export const parseIosShowInventory = (raw: string): Fields[] | undefined => parseCiscoInventory(raw);

/** IOS header words: `administratively down`, `up`, `down`, `reset`, `deleted`, `testing`. */
export const IOS_STATUS: WordTable = [
  [/^administratively down/i, 'admin-down'],
  [/^deleted/i, 'admin-down'],
  [/^up\b/i, 'up'],
  [/^(?:down|reset|testing|dormant)\b/i, 'down'],
];
/** `line protocol is up (connected)`, `down (notconnect)`, `down (err-disabled)`, `up (looped)`. */
export const IOS_PROTOCOL: WordTable = [
  [/^up\b/i, 'up'],
  [/^(?:down|dormant|testing)\b/i, 'down'],
];
export const IOS_INTERFACE_STATES: InterfaceStates = {
  status: (r) => lookup(IOS_STATUS, r.status ?? '') as 'up' | 'down' | 'admin-down' | undefined,
  protocol: (r) => lookup(IOS_PROTOCOL, r.protocol ?? '') as 'up' | 'down' | undefined,
};
