/** Identity of a simulated EOS switch: `System information` holds the model and the serial. */
import { parseEosShowInventory, parseEosShowVersion } from '../../devices/parsers/arista-eos.js';
import { replaceValue, type IdentityRecipe } from '../device-identity.js';

export const aristaEosIdentity: IdentityRecipe = {
  read: (raw) => {
    const v = parseEosShowVersion(raw);
    return v && { models: [v.model!], version: v.version! };
  },
  // vEOS and cEOS print the line with no serial: the lab's device has one.
  versionSerials: [/^(Serial number:[ \t]*)(\S*)/gm],
  parts: parseEosShowInventory,
  chassisName: /^Chassis$/,
  chassis: (text, old, id) => {
    const [was] = old;
    const [m] = id.members;
    if (!was || !m) return text;
    return replaceValue(replaceValue(text, was.pid ?? '', m.model), was.serial ?? '', m.serial);
  },
  configVersion: { line: /^! device: /, make: (line, id) => line.replace(/\(.*\)\s*$/, `(${id.members[0]!.model}, EOS-${id.version})`) },
};
