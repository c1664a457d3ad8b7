/** What a simulated device is to its CLI sessions: platform, secrets, faults, captures and shared state. */
import type { DeviceState } from './config-session.js';
import type { LabPlatform, OutputName } from './lab-platforms.js';

/** `stale-ports`: the port tables keep showing the configuration the device started with (a line card that ignores it). */
export type LabFault = 'none' | 'refuse-auth' | 'hang' | 'silent' | 'drop' | 'changed-host-key' | 'no-shell' | 'stale-ports';

export interface EmulatedDevice {
  hostname: string;
  platform: LabPlatform;
  enableSecret: string;
  latencyMs: number;
  fault: LabFault;
  /** Ignore "terminal length 0", as a device whose user may not change it. */
  pagingStuck: boolean;
  banner: string;
  outputs: Partial<Record<OutputName, string>>;
  /** Outputs that depend on the words typed after the command (`show ip route <prefix>`, `ping <target>`). */
  queries?: Partial<Record<OutputName, (words: string[]) => string>>;
  /** Outputs made when asked, from the configurations as they are then (port status, LLDP). */
  live?: Partial<Record<OutputName, () => string>>;
  /** Configuration state every session on the device shares. */
  state: DeviceState;
}

export interface TerminalIo {
  write(text: string): void;
  close(): void;
}
