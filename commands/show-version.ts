import { defineCommand } from '../src/core/command.js';
import { parseIosShowVersion } from '../src/devices/parsers/cisco-ios.js';
import { parseNxosShowVersion } from '../src/devices/parsers/cisco-nxos.js';
import { parseXrShowInventory, parseXrShowVersion } from '../src/devices/parsers/cisco-xr.js';
import { parseEosShowVersion } from '../src/devices/parsers/arista-eos.js';
import { parseJunosShowChassisHardware, parseJunosShowSystemUptime, parseJunosShowVersion } from '../src/devices/parsers/juniper-junos.js';
import { firstMatch, joinValues, type Fields } from '../src/devices/parsers/common.js';
import { withUptimeSeconds } from '../src/devices/parsers/normalise.js';

/** EOS show version names no host: `show hostname` does, and its answer follows the version's. */
function eosVersion(raw: string): Fields | undefined {
  const v = parseEosShowVersion(raw);
  return v && { ...v, hostname: firstMatch(/^Hostname:[ \t]*(\S+)/m, raw) || (v.hostname ?? '') };
}

/**
 * Junos show version has no uptime (`show system uptime` has it) and, on most models, no
 * serial: the `Chassis` line of `show chassis hardware` has it, one per member.
 */
function junosVersion(raw: string): Fields | undefined {
  const v = parseJunosShowVersion(raw);
  if (!v) return undefined;
  const chassis = (parseJunosShowChassisHardware(raw) ?? []).filter((i) => /(?:^| \/ )Chassis$/.test(i.name ?? ''));
  return {
    ...v,
    uptime: parseJunosShowSystemUptime(raw)?.uptime ?? v.uptime ?? '',
    serial: v.serial || joinValues(chassis.map((c) => c.serial ?? '').filter(Boolean)),
  };
}

/** XR show version prints no serial: `show inventory`'s chassis (`Rack 0`, or the item described as a chassis) has it. */
function xrVersion(raw: string): Fields | undefined {
  const v = parseXrShowVersion(raw);
  if (!v) return undefined;
  const chassis = (parseXrShowInventory(raw) ?? []).filter(
    (i) => /^(?:Rack \d+|chassis)$/i.test(i.name ?? '') || /chassis/i.test(i.description ?? ''),
  );
  return { ...v, serial: chassis[0]?.serial ?? '' };
}

export default defineCommand({
  name: 'show-version',
  kind: 'read',
  summary: 'Software version, model, serial and uptime of each target',
  usage: ['show-version site=east', 'show-version role=core,edge site!=west', 'show-version platform=juniper_junos'],
  cli: {
    cisco_ios: () => ['show version'],
    cisco_nxos: () => ['show version'],
    cisco_xr: () => ['show version', 'show inventory'],
    arista_eos: () => ['show version', 'show hostname'],
    juniper_junos: () => ['show version', 'show system uptime', 'show chassis hardware'],
  },
  // Each record keeps the device's words (uptime as it printed it) and adds uptime_seconds.
  parse: {
    cisco_ios: (raw) => withUptimeSeconds(parseIosShowVersion(raw)),
    cisco_nxos: (raw) => withUptimeSeconds(parseNxosShowVersion(raw)),
    cisco_xr: (raw) => withUptimeSeconds(xrVersion(raw)),
    arista_eos: (raw) => withUptimeSeconds(eosVersion(raw)),
    juniper_junos: (raw) => withUptimeSeconds(junosVersion(raw)),
  },
  columns: [
    { key: 'hostname', label: 'Hostname', show: 'members' },
    { key: 'model', label: 'Model', show: 'members' },
    { key: 'version', label: 'Version', show: 'members' },
    { key: 'serial', label: 'Serial' },
    { key: 'uptime_seconds', label: 'Uptime', show: 'duration' },
  ],
});
