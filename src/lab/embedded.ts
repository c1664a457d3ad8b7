import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { parseInventory, type Inventory } from '../inventory/inventory.js';
import { expandLab, readLabDefinition, type LabDefinition } from './lab-definition.js';
import { startLab, type Lab } from './lab-server.js';

export interface EmbeddedLab {
  lab: Lab;
  inventory: Inventory;
  /** The config with the lab's credentials and known hosts put in. */
  config: Config;
}

/**
 * Starts the lab inside the bot's process on free ports and points the config at it:
 * `npm start` with no inventory works on a fresh clone.
 */
export async function startEmbeddedLab(config: Config, patch: (d: LabDefinition) => LabDefinition = (d) => d): Promise<EmbeddedLab> {
  const def = patch(await readLabDefinition(config.labDefinition));
  const lab = await startLab({ host: def.host, basePort: 0, credentials: def.credentials, devices: expandLab(def) });
  const dir = await mkdtemp(join(tmpdir(), 'netops-lab-'));
  const knownHostsFile = join(dir, 'known_hosts');
  await writeFile(knownHostsFile, lab.knownHosts());
  return {
    lab,
    inventory: parseInventory(lab.inventory(), 'the built-in lab'),
    config: { ...config, knownHostsFile, credentials: { ...config.credentials, default: { ...def.credentials } } },
  };
}
