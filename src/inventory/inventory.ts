import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ConfigError } from '../core/errors.js';
import { PLATFORM_IDS, type Device } from '../core/types.js';
import type { RouteTable } from './routes.js';

const name = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, dot, dash and underscore only');

const deviceSchema = z
  .object({
    name,
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).default(22),
    platform: z.enum(PLATFORM_IDS),
    site: name,
    role: name,
    tags: z.array(name).default([]),
    group: name.optional(),
    credentials: name.default('default'),
    jumpHost: name.optional(),
    legacy: z.boolean().optional(),
  })
  .strict();

const jumpHostSchema = z
  .object({
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).default(22),
    credentials: name.default('default'),
    /** Sessions the bastion allows open at once over one connection (its sshd MaxSessions; 10 when absent). */
    maxSessions: z.number().int().min(1).optional(),
  })
  .strict();

const inventorySchema = z
  .object({
    devices: z.array(deviceSchema),
    /** Bastions by name, used by devices' or sites' `jumpHost`. */
    jumpHosts: z.record(name, jumpHostSchema).default({}),
    /** Per-site settings: the jump host every device of the site goes through. */
    sites: z.record(name, z.object({ jumpHost: name.optional() }).strict()).default({}),
  })
  .strict();

/** Keys an inventory file must never hold: secrets belong in the environment or files named there. */
const SECRET_KEYS = /^(password|secret|enable_?secret|private_?key|passphrase)$/i;

export class Inventory {
  private readonly byName: Map<string, Device>;
  constructor(
    readonly devices: readonly Device[],
    readonly routes: RouteTable = { jumpHosts: {}, sites: {} },
  ) {
    this.byName = new Map(devices.map((d) => [d.name, d]));
  }
  get(name: string): Device | undefined {
    return this.byName.get(name);
  }
  /** Distinct values of a field, for suggestions in error messages. */
  valuesOf(field: 'site' | 'role' | 'platform' | 'group' | 'name'): string[] {
    return [...new Set(this.devices.map((d) => d[field]).filter((v): v is string => !!v))].sort();
  }
  tags(): string[] {
    return [...new Set(this.devices.flatMap((d) => d.tags))].sort();
  }
}

export function parseInventory(json: unknown, source: string): Inventory {
  const secret = findSecretKey(json);
  if (secret) throw new ConfigError('NETOPS_INVENTORY', `${source} holds a secret ("${secret}"); put credentials in the environment`);
  const parsed = inventorySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError('NETOPS_INVENTORY', `${source}: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const { devices, jumpHosts, sites } = parsed.data;
  const seen = new Set<string>();
  for (const d of devices) {
    if (seen.has(d.name)) throw new ConfigError('NETOPS_INVENTORY', `${source}: device ${d.name} appears twice`);
    seen.add(d.name);
  }
  const uses = [
    ...devices.map((d) => [`device ${d.name}`, d.jumpHost] as const),
    ...Object.entries(sites).map(([s, v]) => [`site ${s}`, v.jumpHost] as const),
  ];
  for (const [who, jh] of uses) {
    if (jh && !jumpHosts[jh])
      throw new ConfigError('NETOPS_INVENTORY', `${source}: ${who} names jump host "${jh}", which is not in jumpHosts`);
  }
  return new Inventory(devices, { jumpHosts, sites });
}

export async function loadInventory(path: string): Promise<Inventory> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new ConfigError('NETOPS_INVENTORY', `cannot read ${path}: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigError('NETOPS_INVENTORY', `${path} is not valid JSON: ${(err as Error).message}`);
  }
  return parseInventory(json, path);
}

function findSecretKey(value: unknown): string | undefined {
  if (Array.isArray(value)) return value.map(findSecretKey).find(Boolean);
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (SECRET_KEYS.test(k)) return k;
      const inner = findSecretKey(v);
      if (inner) return inner;
    }
  }
  return undefined;
}
