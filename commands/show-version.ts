import { defineCommand } from '../src/core/command.js';
import { parseIosShowVersion } from '../src/devices/parsers/cisco-ios.js';
import { parseNxosShowVersion } from '../src/devices/parsers/cisco-nxos.js';
import { parseXrShowVersion } from '../src/devices/parsers/cisco-xr.js';
import { parseEosShowVersion } from '../src/devices/parsers/arista-eos.js';
import { parseJunosShowSystemUptime, parseJunosShowVersion } from '../src/devices/parsers/juniper-junos.js';
import { firstMatch, type Fields } from '../src/devices/parsers/common.js';

/** EOS show version names no host: `show hostname` does, and its answer follows the version's. */
function eosVersion(raw: string): Fields | undefined {
  const v = parseEosShowVersion(raw);
  return v && { ...v, hostname: firstMatch(/^Hostname:[ \t]*(\S+)/m, raw) || (v.hostname ?? '') };
}

/** Junos show version has no uptime: `show system uptime` has it, and follows. */
function junosVersion(raw: string): Fields | undefined {
  const v = parseJunosShowVersion(raw);
  return v && { ...v, uptime: parseJunosShowSystemUptime(raw)?.uptime ?? v.uptime ?? '' };
}

export default defineCommand({
  name: 'show-version',
  kind: 'read',
  summary: 'Software version, model, serial and uptime of each target',
  usage: ['show-version site=east', 'show-version role=core,edge site!=lab', 'show-version platform=juniper_junos'],
  cli: {
    cisco_ios: () => ['show version'],
    cisco_nxos: () => ['show version'],
    cisco_xr: () => ['show version'],
    arista_eos: () => ['show version', 'show hostname'],
    juniper_junos: () => ['show version', 'show system uptime'],
  },
  parse: {
    cisco_ios: parseIosShowVersion,
    cisco_nxos: parseNxosShowVersion,
    cisco_xr: parseXrShowVersion,
    arista_eos: eosVersion,
    juniper_junos: junosVersion,
  },
  columns: [
    { key: 'hostname', label: 'Hostname' },
    { key: 'model', label: 'Model' },
    { key: 'version', label: 'Version' },
    { key: 'serial', label: 'Serial' },
    { key: 'uptime', label: 'Uptime' },
  ],
});
