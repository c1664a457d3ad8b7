/** What a simulated device is to its CLI sessions: platform, secrets, faults, captures and shared state. */
import type { DeviceState } from './config-session.js';
import type { LabPlatform, OutputName } from './lab-platforms.js';

export type LabFault = 'none' | 'refuse-auth' | 'hang' | 'silent' | 'drop' | 'changed-host-key' | 'no-shell';

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
  /** Configuration state every session on the device shares. */
  state: DeviceState;
}

export interface TerminalIo {
  write(text: string): void;
  close(): void;
}
