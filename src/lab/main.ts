/**
 * `npm run lab`: the simulated device lab on its own, for trying the bot in Slack mode
 * (or Netmiko, Ansible, scrapli) before pointing anything at a real network.
 * Writes data/lab-inventory.json and data/lab-known_hosts and keeps its host keys in
 * data/lab-host-keys.json so they stay the same between runs.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { loadConfig } from '../config.js';
import { expandLab, readLabDefinition } from './lab-definition.js';
import { LAB_PLATFORMS } from './lab-platforms.js';
import { startLab, type Lab } from './lab-server.js';
import { describeStartError, EX_CONFIG } from './start-errors.js';

const config = loadConfig();

async function start(): Promise<{ lab: Lab; credentials: { username: string } }> {
  const def = await readLabDefinition(config.labDefinition);
  await mkdir(config.dataDir, { recursive: true });
  const lab = await startLab({
    host: def.host,
    basePort: def.basePort,
    credentials: def.credentials,
    devices: expandLab(def),
    hostKeyFile: `${config.dataDir}/lab-host-keys.json`,
  });
  return { lab, credentials: def.credentials };
}

const started = await start().catch((err: unknown) => {
  const why = describeStartError(err, config.labDefinition);
  if (!why) throw err;
  console.error(why);
  process.exit(EX_CONFIG);
});
const { lab, credentials } = started;
const inventoryFile = `${config.dataDir}/lab-inventory.json`;
const knownHostsFile = `${config.dataDir}/lab-known_hosts`;
await writeFile(inventoryFile, `${JSON.stringify(lab.inventory(), null, 2)}\n`);
await writeFile(knownHostsFile, lab.knownHosts());
const first = lab.devices[0]!;
const last = lab.devices[lab.devices.length - 1]!;
console.log(`netops lab: ${lab.devices.length} simulated devices on ${lab.host}:${first.port}-${last.port}`);
console.log(`  inventory:   ${inventoryFile}`);
console.log(`  known hosts: ${knownHostsFile}`);
console.log(`  login:       ${credentials.username} / (password and enable secret in ${config.labDefinition})`);
console.log(`  try:         ssh -p ${first.port} ${credentials.username}@${lab.host}`);
const netconf = lab.devices.find((d) => LAB_PLATFORMS[d.spec.platform].netconf);
if (netconf)
  console.log(
    `  netconf:     ssh -p ${netconf.port} ${credentials.username}@${lab.host} -s netconf   (${netconf.spec.name}, and its platform's others)`,
  );
console.log(
  `  bot:         NETOPS_INVENTORY=${inventoryFile} NETOPS_KNOWN_HOSTS=${knownHostsFile} NETOPS_USERNAME=${credentials.username} NETOPS_PASSWORD=... npm start`,
);
const stop = () => {
  void lab.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
