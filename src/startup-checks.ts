import { readFile } from 'node:fs/promises';
import type { Config } from './config.js';
import { ConfigError } from './core/errors.js';
import { credentialProblem, type CredentialUse } from './devices/credentials.js';
import { parseKnownHosts } from './devices/known-hosts.js';
import type { Inventory } from './inventory/inventory.js';
import { highestJobNumber, verifyHead } from './audit/trail.js';
import { brokenTrailRefusal } from './audit/acknowledgement.js';

/**
 * What start-up refuses before anything is contacted or written (main exits 78 on the
 * ConfigError): credential profiles the inventory names but nobody configured; known_hosts
 * lines that are not host key lines; an audit chain that does not verify from the last sealed
 * segment to the head; a state file whose job numbering is behind the audit trail.
 * createApp calls it first, before the data directory is touched.
 */
export async function checkStartup(config: Config, inventory: Inventory): Promise<void> {
  await checkDeviceTrust(config, inventory);
  const head = await verifyHead(config.auditFile);
  if (head.problem) {
    throw new ConfigError('NETOPS_AUDIT_FILE', brokenTrailRefusal(head.problem));
  }
  const lastJob = await lastJobNumber(config.stateFile);
  const audited = highestJobNumber(head.recent);
  if (audited > lastJob) {
    throw new ConfigError(
      'NETOPS_STATE_FILE',
      `${config.stateFile} says the last job was J-${lastJob}, but the audit trail records J-${audited}: the state file is older than the trail ` +
        `(restored from a backup, or replaced?) and job ids would be reused. Restore the matching state file, or set "lastJobNumber" to ${audited} in it`,
    );
  }
}

/**
 * What every process that may reach a device checks first, embedded or scale-out (fronts and
 * workers): the credential profiles the inventory names exist and are complete, and every
 * known_hosts line is a host key line.
 */
export async function checkDeviceTrust(config: Config, inventory: Inventory): Promise<void> {
  const problem = credentialProblem(credentialUses(inventory), config.credentials);
  if (problem) throw new ConfigError('credentials', problem);
  const knownHosts = await readOptional(config.knownHostsFile);
  if (knownHosts !== undefined) parseKnownHosts(knownHosts, config.knownHostsFile);
}

function credentialUses(inventory: Inventory): CredentialUse[] {
  return [
    ...inventory.devices.map((d) => ({ who: `device ${d.name}`, profile: d.credentials })),
    ...Object.entries(inventory.routes.jumpHosts).map(([name, j]) => ({ who: `jump host ${name}`, profile: j.credentials })),
  ];
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError(path, `cannot read: ${(err as Error).message}`);
  }
}

async function lastJobNumber(stateFile: string): Promise<number> {
  const text = await readOptional(stateFile);
  if (text === undefined) return 0;
  try {
    const n = (JSON.parse(text) as { lastJobNumber?: unknown }).lastJobNumber;
    return typeof n === 'number' ? n : 0;
  } catch {
    throw new ConfigError('NETOPS_STATE_FILE', `${stateFile} is not valid JSON; restore it from a backup`);
  }
}
