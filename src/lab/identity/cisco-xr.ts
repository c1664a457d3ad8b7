/** Identity of a simulated IOS-XR router: show version prints no serial, the inventory's rack does. */
import { parseXrShowInventory, parseXrShowVersion } from '../../devices/parsers/cisco-xr.js';
import { firstWord, type IdentityRecipe } from '../device-identity.js';
import { ciscoChassis } from './cisco-records.js';

export const ciscoXrIdentity: IdentityRecipe = {
  read: (raw) => {
    const v = parseXrShowVersion(raw);
    return v && { models: v.model!.split(', ').filter(Boolean), version: v.version! };
  },
  versionSerials: [],
  parts: parseXrShowInventory,
  chassisName: /^Rack \d+$/,
  chassis: (text, old, id) =>
    ciscoChassis(text, old, id, (m, i, was) => ({
      name: `Rack ${i}`,
      // The captured description stays when the capture is of the same model.
      descr: was.pid === m.model ? (was.description ?? '') : `Cisco ${m.model} Chassis`,
      pid: m.model,
    })),
  configVersion: { line: /^!! IOS XR Configuration/, make: (_, id) => `!! IOS XR Configuration version = ${firstWord(id.version)}` },
};
