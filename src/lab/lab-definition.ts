import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { PLATFORM_IDS, type PlatformId } from '../core/types.js';
import type { LabFault } from './cli-emulator.js';

const faults = ['none', 'refuse-auth', 'hang', 'silent', 'drop', 'changed-host-key', 'no-shell', 'stale-ports'] as const;

const overrideSchema = z
  .object({
    fault: z.enum(faults).optional(),
    latencyMs: z.number().int().min(0).optional(),
    /** Network round-trip time to this device, applied to every packet both ways. */
    rttMs: z.number().int().min(0).optional(),
    pagingStuck: z.boolean().optional(),
    /** Offer only old key exchanges and ciphers, as an old device does. */
    legacy: z.boolean().optional(),
    banner: z.string().optional(),
  })
  .strict();

export const labDefinitionSchema = z
  .object({
    $comment: z.string().optional(),
    host: z.string().default('127.0.0.1'),
    /** First port; devices take consecutive ports. 0 lets the OS choose (tests). */
    basePort: z.number().int().min(0).max(65535).default(10022),
    /** Per-command processing time: how long a device takes to answer a line. */
    latencyMs: z.number().int().min(0).default(0),
    /** Network round-trip time, separate from the processing time: every packet, both ways, the SSH handshake too. */
    rttMs: z.number().int().min(0).default(0),
    credentials: z.object({ username: z.string(), password: z.string(), enableSecret: z.string() }).strict(),
    sites: z.array(z.string()).min(1),
    roles: z
      .array(
        z
          .object({
            role: z.string(),
            count: z.number().int().min(1),
            platforms: z.array(z.enum(PLATFORM_IDS)).min(1),
            /** Pair the devices of this role per site into redundancy groups. */
            group: z.boolean().default(false),
          })
          .strict(),
      )
      .min(1),
    /** Per-device overrides by name: faults, latency, paging that cannot be turned off. */
    devices: z.record(z.string(), overrideSchema).default({}),
  })
  .strict();

export type LabDefinition = z.infer<typeof labDefinitionSchema>;

export interface LabDeviceSpec {
  name: string;
  platform: PlatformId;
  site: string;
  role: string;
  group?: string;
  latencyMs: number;
  /** Network round-trip time (see network-delay.ts); 0 or absent: loopback as it is. */
  rttMs?: number;
  fault: LabFault;
  pagingStuck: boolean;
  /** Which captures this device serves, by index into its platform's captures (show version decides its identity). */
  captureIndex: number;
  /** Offer only old key exchanges and ciphers. */
  legacy?: boolean;
  /** Login banner instead of the platform's. */
  banner?: string;
}

export async function readLabDefinition(path: string): Promise<LabDefinition> {
  return labDefinitionSchema.parse(JSON.parse(await readFile(path, 'utf8')));
}

/**
 * Expands sites x roles into devices named `<site>-<role>-<n>`, platforms taken in turn.
 * Devices of one platform take its captures in turn, so no two of them are the same box
 * until the platform's captures run out.
 */
export function expandLab(def: LabDefinition): LabDeviceSpec[] {
  const out: LabDeviceSpec[] = [];
  const taken = new Map<PlatformId, number>();
  for (const site of def.sites) {
    for (const r of def.roles) {
      for (let n = 1; n <= r.count; n++) {
        const name = `${site}-${r.role}-${n}`;
        const o = def.devices[name] ?? {};
        const platform = r.platforms[(n - 1) % r.platforms.length]!;
        const captureIndex = taken.get(platform) ?? 0;
        taken.set(platform, captureIndex + 1);
        out.push({
          name,
          platform,
          site,
          role: r.role,
          group: r.group ? `${site}-${r.role}-${Math.ceil(n / 2)}` : undefined,
          latencyMs: o.latencyMs ?? def.latencyMs,
          rttMs: o.rttMs ?? def.rttMs,
          fault: o.fault ?? 'none',
          pagingStuck: o.pagingStuck ?? false,
          captureIndex,
          legacy: o.legacy,
          banner: o.banner,
        });
      }
    }
  }
  return out;
}
