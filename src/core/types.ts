/** The product's shared vocabulary (see DESIGN.md "Names"). */

export const PLATFORM_IDS = ['cisco_ios', 'cisco_nxos', 'cisco_xr', 'arista_eos', 'juniper_junos'] as const;
export type PlatformId = (typeof PLATFORM_IDS)[number];

/** One inventory device. Credentials are referenced by profile name, never stored here. */
export interface Device {
  name: string;
  host: string;
  port: number;
  platform: PlatformId;
  site: string;
  role: string;
  tags: string[];
  group?: string;
  credentials: string;
  /** Name of a jump host (bastion) in the inventory's `jumpHosts`; else the site's, else direct. */
  jumpHost?: string;
  /** Offer the old key exchange, ciphers and MACs an old device needs. */
  legacy?: boolean;
}

/** Who asked: a Slack user or a console user; `system` for what the bot's configuration starts (scheduled backups). */
export interface Actor {
  id: string;
  name: string;
  via: 'console' | 'slack' | 'system';
  team?: string;
  channel?: string;
}

export type DeviceStatus = 'ok' | 'failed' | 'timeout' | 'skipped' | 'cancelled';

export interface DeviceResult {
  device: string;
  status: DeviceStatus;
  durationMs: number;
  /** Raw output, already redacted. */
  raw?: string;
  /** Parsed records (one for show-version, one per interface...); absent when the output could not be parsed (then `unparsed` is set). */
  parsed?: Record<string, string>[];
  unparsed?: boolean;
  /** Error code and a short reason fit for a chat line. */
  error?: { code: string; reason: string };
}

export type JobState =
  | 'pending-approval'
  | 'queued'
  | 'running'
  | 'succeeded'
  | 'partially-failed'
  | 'failed'
  | 'cancelled'
  | 'rejected'
  | 'expired'
  | 'interrupted';

export interface JobSummary {
  id: string;
  command: string;
  commandLine: string;
  actor: Actor;
  state: JobState;
  targets: string[];
  startedAt: number;
  finishedAt?: number;
  results: DeviceResult[];
  /** Devices whose turn has come, and when the last of them started (set by fan-out jobs). */
  devicesStarted?: number;
  lastDeviceStartedAt?: number;
}
