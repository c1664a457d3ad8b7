/** A lab of a few devices and a connector pointed at it, for the device-layer tests (real SSH on loopback). */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Device, PlatformId } from '../../src/core/types.js';
import { KnownHosts } from '../../src/devices/known-hosts.js';
import { SshConnector, type SshConnectorOptions } from '../../src/devices/ssh-connector.js';
import type { LabDeviceSpec } from '../../src/lab/lab-definition.js';
import { startLab, type Lab } from '../../src/lab/lab-server.js';
import { TEST_CREDENTIALS } from '../support/test-lab.js';

export const PLATFORMS: PlatformId[] = ['cisco_ios', 'cisco_nxos', 'cisco_xr', 'arista_eos', 'juniper_junos'];
export const never = new AbortController().signal;
/** For commands that must simply work: far above a lab answer (milliseconds idle), so a busy machine is no failure. */
export const quick = { timeoutMs: 10_000, signal: never };

export function spec(name: string, platform: PlatformId, o: Partial<LabDeviceSpec> = {}): LabDeviceSpec {
  return { name, platform, site: 'east', role: 'core', latencyMs: 0, fault: 'none', pagingStuck: false, captureIndex: 0, ...o };
}

export interface DeviceRig {
  lab: Lab;
  dir: string;
  knownHostsFile: string;
  /** The inventory entry of a lab device. */
  device(name: string): Device;
  connector(o?: Partial<SshConnectorOptions>): Promise<SshConnector>;
  close(): Promise<void>;
}

export async function deviceRig(specs: LabDeviceSpec[], credentials = TEST_CREDENTIALS): Promise<DeviceRig> {
  const dir = await mkdtemp(join(tmpdir(), 'netops-devices-'));
  const lab = await startLab({ host: '127.0.0.1', basePort: 0, credentials, devices: specs });
  const knownHostsFile = join(dir, 'known_hosts');
  await writeFile(knownHostsFile, lab.knownHosts());
  return {
    lab,
    dir,
    knownHostsFile,
    device: (name) => ({ ...(lab.inventory().devices.find((d) => (d as Device).name === name) as Device), credentials: 'default' }),
    connector: async (o = {}) =>
      new SshConnector({
        credentials: { default: TEST_CREDENTIALS },
        knownHosts: await KnownHosts.load(knownHostsFile),
        trustOnFirstUse: false,
        connectTimeoutMs: 10_000,
        promptTimeoutMs: 10_000,
        keepaliveMs: 0,
        ...o,
      }),
    close: async () => {
      await lab.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
