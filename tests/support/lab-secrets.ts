import { readFile } from 'node:fs/promises';
import { TEST_CREDENTIALS } from './test-lab.js';

/** The lab's device configurations as written (src/lab/running-config.ts), secrets and all. */
export function labConfigText(): Promise<string> {
  return readFile(new URL('../../src/lab/running-config.ts', import.meta.url), 'utf8');
}

/**
 * Every secret the lab holds: the login it is given (the test lab's by default, or the built-in
 * lab's from data/lab.json) and what each device's running configuration carries: hashed
 * secrets, SNMP communities, trap communities, NTP keys.
 */
export async function labSecrets(login: { password: string; enableSecret: string } = TEST_CREDENTIALS): Promise<string[]> {
  const configs = await labConfigText();
  const hashes = configs.match(/\$\d\$[^\s"'`]+/g) ?? [];
  const communities = [...configs.matchAll(/community (\S+)/g)].map((m) => m[1]!);
  const others = [...configs.matchAll(/(?:version 2c|md5) (lab-\S+)/g)].map((m) => m[1]!);
  if (others.length < 2) throw new Error('the lab configs no longer hold trap communities and NTP keys: update labSecrets');
  return [...new Set([login.password, login.enableSecret, ...hashes, ...communities, ...others])];
}
