/** Identity of a simulated NX-OS switch: show version's chassis line is the inventory's description. */
import { parseNxosShowInventory, parseNxosShowVersion } from '../../devices/parsers/cisco-nxos.js';
import { firstWord, type ChassisIdentity, type IdentityRecipe } from '../device-identity.js';
import { ciscoChassis } from './cisco-records.js';

/** `Nexus9000 C9396PX Chassis` -> N9K-C9396PX, `Nexus5548 Chassis` -> N5K-C5548, as Cisco numbers Nexus parts. */
function nexusPid(m: ChassisIdentity): string {
  const family = /Nexus\s?(\d)/.exec(m.description ?? m.model)?.[1];
  const model = m.model.replace(/^Nexus\s?/, '').replace(/^(?=\d)/, 'C');
  return family ? `N${family}K-${model}` : model;
}

export const ciscoNxosIdentity: IdentityRecipe = {
  read: (raw) => {
    const v = parseNxosShowVersion(raw);
    const chassis = /^\s*cisco (Nexus.*?[Cc]hassis)/m.exec(raw)?.[1];
    return v && { models: [v.model!], version: v.version!, descriptions: chassis ? [chassis] : undefined };
  },
  versionSerials: [/^([ \t]*Processor Board ID[ \t]+)(\S+)/gm],
  parts: parseNxosShowInventory,
  chassisName: /^Chassis$/,
  chassis: (text, old, id) =>
    ciscoChassis(text, old, id, (m) => ({ name: 'Chassis', descr: m.description ?? `Nexus ${m.model} Chassis`, pid: nexusPid(m) })),
  configVersion: { line: /^version /, make: (_, id) => `version ${firstWord(id.version)} Bios:version` },
};
