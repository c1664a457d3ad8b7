/**
 * Cisco IOS-XR output parsers.
 *
 * Field mapping from the ntc-templates names used in the fixtures:
 * - show version: hardware -> model, version -> version, uptime -> uptime. ntc has no
 *   hostname or serial: hostname comes from `<host> uptime is` (64-bit XR prints
 *   `System uptime is`, which names no host, so ''), and XR's show version prints no serial
 *   (''; `show inventory` has it).
 * - show interfaces: interface -> interface, link_status -> status, admin_state (which
 *   holds XR's `line protocol is ...` text) -> protocol, ip_address -> address (XR prints
 *   `Internet address is Unknown` where none is set: ''), description -> description.
 * - show inventory: name -> name, descr -> description, pid -> pid, sn -> serial.
 */
import { allMatches, firstMatch, joinValues, parseCiscoInventory, parseCiscoStyleInterfaces, type Fields } from './common.js';
import { lookup, type InterfaceStates, type WordTable } from './normalise.js';

/** `Version 4.1.0[Default]` on 32-bit XR: the bracket names the package set, not the release. */
const XR_VERSION = /^Cisco IOS XR Software, Version\s+([^[\n]+?)\s*(?:\[.*)?$/m;
const UPTIME = /^(\S+) uptime is\s+(.+?)\s*$/m;
/**
 * `cisco 8000 (Intel...)` precedes the processor line on 8000s: only the `processor` line is
 * the model, which may hold spaces (`ASR9K Series`, `IOS XRv Series`, `IOS-XRv 9000`).
 */
const PROCESSOR = /^cisco\s+(.+?)\s+\(.*\)\s*processor/gm;

export function parseXrShowVersion(raw: string): Fields | undefined {
  const version = firstMatch(XR_VERSION, raw);
  if (!version) return undefined;
  const uptime = UPTIME.exec(raw);
  const host = uptime?.[1] ?? '';
  return {
    hostname: host === 'System' ? '' : host,
    vendor: 'Cisco',
    model: joinValues(allMatches(PROCESSOR, raw)),
    version,
    serial: '',
    uptime: uptime?.[2] ?? '',
  };
}

export const parseXrShowInterfaces = (raw: string): Fields[] | undefined => parseCiscoStyleInterfaces(raw);

export const parseXrShowInventory = (raw: string): Fields[] | undefined => parseCiscoInventory(raw);

/** XR header words: `up`, `down`, `administratively down`; the line protocol says `administratively down` too when shut. */
export const XR_STATUS: WordTable = [
  [/^administratively down/i, 'admin-down'],
  [/^up\b/i, 'up'],
  [/^(?:down|reset|testing|dormant)\b/i, 'down'],
];
export const XR_PROTOCOL: WordTable = [
  [/^up\b/i, 'up'],
  [/^(?:administratively down|down|dormant|testing)\b/i, 'down'],
];
export const XR_INTERFACE_STATES: InterfaceStates = {
  status: (r) => lookup(XR_STATUS, r.status ?? '') as 'up' | 'down' | 'admin-down' | undefined,
  protocol: (r) => lookup(XR_PROTOCOL, r.protocol ?? '') as 'up' | 'down' | undefined,
};
