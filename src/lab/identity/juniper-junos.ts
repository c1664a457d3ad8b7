/** Identity of a simulated Junos device: the chassis line of `show chassis hardware` names the model. */
import { parseJunosShowChassisHardware, parseJunosShowVersion } from '../../devices/parsers/juniper-junos.js';
import { replaceValue, type ChassisIdentity, type IdentityRecipe } from '../device-identity.js';

export const juniperJunosIdentity: IdentityRecipe = {
  read: (raw) => {
    const v = parseJunosShowVersion(raw);
    const members = [...raw.matchAll(/^((?:fpc|node|member|re|lcc|sfc)\d+):\s*$/gm)].map((m) => m[1]!);
    return v && { models: v.model!.split(', ').filter(Boolean), version: v.version!.split(', ')[0] ?? '', members };
  },
  versionSerials: [/^(Serial Number:[ \t]*)(\S*)/gm],
  parts: parseJunosShowChassisHardware,
  chassisName: /(?:^|\/ )Chassis$/,
  chassis: (text, old, id) => {
    const [was] = old;
    if (!was) return text;
    // Junos prints the model in capitals in the chassis line and in the parts named after it (`Midplane ... MX480`).
    const own = (m: ChassisIdentity) =>
      replaceValue(replaceValue(text, was.serial ?? '', m.serial), was.description ?? '', m.model.toUpperCase());
    if (id.members.length === 1) return own(id.members[0]!);
    // A cluster or virtual chassis lists each member's hardware under its name, as its show version does.
    return id.members.map((m, i) => `${m.member ?? `node${i}`}:\n${'-'.repeat(74)}\n${own(m).trimEnd()}\n`).join('\n');
  },
  configVersion: { line: /^version /, make: (_, id) => `version ${id.version};` },
};
