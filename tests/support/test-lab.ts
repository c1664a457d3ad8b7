import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../src/config.js';
import { createApp, type App } from '../../src/app.js';
import { parseInventory } from '../../src/inventory/inventory.js';
import type { Clock } from '../../src/core/ports.js';
import type { NetopsMetrics } from '../../src/ops/metrics.js';
import { startLab, type Lab } from '../../src/lab/lab-server.js';
import type { LabDeviceSpec } from '../../src/lab/lab-definition.js';
import type { LabFault } from '../../src/lab/cli-emulator.js';
import type { ScheduleTimers } from '../../src/backup/backup-schedule.js';

export const TEST_CREDENTIALS = { username: 'tester', password: 'T3st-Passw0rd-xyz', enableSecret: 'T3st-En4ble-qrs' };

export interface DeviceOverrides {
  fault?: LabFault;
  latencyMs?: number;
  pagingStuck?: boolean;
  platform?: LabDeviceSpec['platform'];
  captureIndex?: number;
}

/** Lab device specs: `n` IOS devices over sites east/west and roles core/edge/access. */
export function labSpecs(n: number, overrides: (i: number) => DeviceOverrides = () => ({})): LabDeviceSpec[] {
  const roles = ['core', 'edge', 'access'];
  return Array.from({ length: n }, (_, i) => {
    const site = i % 2 === 0 ? 'east' : 'west';
    const role = roles[Math.floor(i / 2) % 3]!;
    const o = overrides(i);
    return {
      name: `${site}-${role}-${String(i + 1).padStart(3, '0')}`,
      platform: o.platform ?? 'cisco_ios',
      site,
      role,
      group: role === 'access' ? undefined : `${site}-${role}`,
      latencyMs: o.latencyMs ?? 0,
      fault: o.fault ?? 'none',
      pagingStuck: o.pagingStuck ?? false,
      captureIndex: o.captureIndex ?? i,
    };
  });
}

export interface TestRig {
  lab: Lab;
  app: App;
  dir: string;
  config: Config;
  close(): Promise<void>;
}

/** A lab on free loopback ports and a bot app wired to it, with its own data directory. */
export async function startRig(
  specs: LabDeviceSpec[],
  o: { env?: Record<string, string>; clock?: Clock; timers?: ScheduleTimers; metrics?: NetopsMetrics } = {},
): Promise<TestRig> {
  const dir = await mkdtemp(join(tmpdir(), 'netops-test-'));
  const lab = await startLab({ host: '127.0.0.1', basePort: 0, credentials: TEST_CREDENTIALS, devices: specs });
  const knownHosts = join(dir, 'known_hosts');
  await writeFile(knownHosts, lab.knownHosts());
  const config = loadConfig({
    env: {
      NETOPS_DATA_DIR: dir,
      NETOPS_KNOWN_HOSTS: knownHosts,
      NETOPS_USERNAME: TEST_CREDENTIALS.username,
      NETOPS_PASSWORD: TEST_CREDENTIALS.password,
      NETOPS_ENABLE_SECRET: TEST_CREDENTIALS.enableSecret,
      // Far above a healthy device's time (a login in about 50 ms, a whole turn within 300 ms
      // idle; 5 s was exceeded by a 100-device job on a 2-core machine with load 12): tests of
      // faulty devices set their own, shorter deadlines.
      NETOPS_CONNECT_TIMEOUT_MS: '10000',
      NETOPS_COMMAND_TIMEOUT_MS: '10000',
      NETOPS_DEVICE_TIMEOUT_MS: '20000',
      NETOPS_LAB: 'off',
      ...o.env,
    },
  });
  const app = await createApp(config, {
    inventory: parseInventory(lab.inventory(), 'test lab'),
    clock: o.clock,
    timers: o.timers,
    metrics: o.metrics,
  });
  return {
    lab,
    app,
    dir,
    config,
    close: async () => {
      await app.close();
      await lab.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export const consoleActor = { id: 'alice', name: 'alice', via: 'console' as const };
