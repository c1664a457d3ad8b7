/** Identity of a simulated IOS / IOS-XE device: stacks list one chassis per member. */
import { parseIosShowInventory, parseIosShowVersion } from '../../devices/parsers/cisco-ios.js';
import type { IdentityRecipe } from '../device-identity.js';
import { ciscoChassis } from './cisco-records.js';

export const ciscoIosIdentity: IdentityRecipe = {
  read: (raw) => {
    const v = parseIosShowVersion(raw);
    return v && { models: v.model!.split(', ').filter(Boolean), version: v.version! };
  },
  versionSerials: [/^(Processor board ID[ \t]+)([^\s,]+)/gm, /^(System [Ss]erial [Nn]umber[ \t]*:[ \t]*)(\S+)/gm],
  parts: parseIosShowInventory,
  chassisName: /chassis|^Switch \d+$/i,
  chassis: (text, old, id) =>
    ciscoChassis(text, old, id, (m, i) => ({
      name: id.members.length > 1 ? `Switch ${i + 1}` : 'Chassis',
      descr: `Cisco ${m.model} Chassis`,
      pid: m.model,
    })),
  // IOS names its release train: `version 16.9` for 16.9.3, `version 12.2` for 12.2(54)SG1.
  configVersion: { line: /^version /, make: (_, id) => `version ${/^\d+\.\d+/.exec(id.version)?.[0] ?? id.version}` },
};
