import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError } from './core/errors.js';
import { parseDuration } from './audit/period.js';
import type { Credential, CredentialProfiles } from './devices/credentials.js';
import { loadPolicyFile } from './core/policy/policy-file.js';
import type { PolicyRules } from './core/policy.js';
import { parseLogSettings, type LogSettings } from './ops/logger.js';
import { parseShutdownGrace } from './ops/graceful-stop.js';
import { BACKUP_ENV, parseBackupSettings, type BackupSettings } from './backup/backup-settings.js';

/** Every setting the bot reads, with its default. The README's settings table mirrors this. */
const envSchema = z.object({
  NETOPS_INVENTORY: z.string().optional(),
  NETOPS_DATA_DIR: z.string().default('data'),
  NETOPS_AUDIT_FILE: z.string().optional(),
  NETOPS_AUDIT_SEGMENT_RECORDS: z.coerce.number().int().min(0).default(5000),
  NETOPS_AUDIT_SEGMENT_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .default(4 * 1024 * 1024),
  NETOPS_AUDIT_SEGMENT_MAX_AGE: z.string().optional(),
  NETOPS_STATE_FILE: z.string().optional(),
  NETOPS_KNOWN_HOSTS: z.string().optional(),
  NETOPS_HOST_KEY_POLICY: z.enum(['strict', 'tofu']).default('strict'),
  NETOPS_CONCURRENCY: z.coerce.number().int().min(1).max(2000).default(20),
  NETOPS_MAX_HANDSHAKES: z.coerce.number().int().min(1).max(2000).default(16),
  NETOPS_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  NETOPS_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  NETOPS_DEVICE_TIMEOUT_MS: z.coerce.number().int().min(100).default(60_000),
  NETOPS_KEEPALIVE_MS: z.coerce.number().int().min(0).default(15_000),
  NETOPS_USERNAME: z.string().optional(),
  NETOPS_PASSWORD: z.string().optional(),
  NETOPS_PASSWORD_FILE: z.string().optional(),
  NETOPS_ENABLE_SECRET: z.string().optional(),
  NETOPS_ENABLE_SECRET_FILE: z.string().optional(),
  NETOPS_SSH_KEY_FILE: z.string().optional(),
  NETOPS_SSH_KEY_PASSPHRASE: z.string().optional(),
  NETOPS_CREDENTIALS_FILE: z.string().optional(),
  NETOPS_SSH_AGENT: z.enum(['on', 'off']).default('off'),
  SSH_AUTH_SOCK: z.string().optional(),
  NETOPS_LAB: z.enum(['auto', 'on', 'off']).default('auto'),
  NETOPS_LAB_DEFINITION: z.string().default('data/lab.json'),
  NETOPS_USER: z.string().optional(),
  NETOPS_APPROVERS: z.string().optional(),
  NETOPS_APPROVAL_TTL: z.string().default('1h'),
  NETOPS_RUNNERS: z.string().optional(),
  // issue 16: the policy file (roles, grants, approvals, windows, freezes, blast radius).
  NETOPS_POLICY: z.string().optional(),
  SLACK_BOT_TOKEN: z
    .string()
    .regex(/^xoxb-[\w-]+$/, 'must be a bot token (xoxb-...)')
    .optional(),
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-[\w-]+$/, 'must be an app-level token (xapp-...) with connections:write')
    .optional(),
  SLACK_SIGNING_SECRET: z
    .string()
    .regex(/^[0-9a-f]{16,}$/i, "must be the app's signing secret (hex)")
    .optional(),
  SLACK_MODE: z.enum(['socket', 'http']).optional(),
  SLACK_API_URL: z.string().url().regex(/\/$/, 'must end with / (e.g. https://slack.com/api/)').optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  USER: z.string().optional(),
  NETOPS_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a PostgreSQL URL (postgres://user@host:port/db)')
    .optional(),
  NETOPS_DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier (letters, digits, _)')
    .default('netops'),
  NETOPS_WORKER: z.enum(['on', 'off']).default('off'),
  NETOPS_WORKER_SITES: z.string().optional(),
  NETOPS_LEASE_TTL_MS: z.coerce.number().int().min(1000).default(30_000),
  NETOPS_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(2000).optional(),
  NETOPS_DATABASE_POOL_MAX: z.coerce.number().int().min(2).max(200).optional(),
  NETOPS_METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  NETOPS_LOG_FORMAT: z.string().optional(),
  NETOPS_LOG_LEVEL: z.string().optional(),
  NETOPS_SHUTDOWN_GRACE: z.string().optional(),
  ...BACKUP_ENV,
});

export interface Config {
  inventoryPath: string | undefined;
  dataDir: string;
  auditFile: string;
  /** Seal the active audit file into a dated segment past these (0: no limit). */
  auditSegment: { maxRecords: number; maxBytes: number; maxAgeMs: number };
  stateFile: string;
  knownHostsFile: string;
  trustOnFirstUse: boolean;
  concurrency: number;
  /** SSH handshakes in progress at once, over all jobs. */
  maxHandshakes: number;
  connectTimeoutMs: number;
  commandTimeoutMs: number;
  deviceTimeoutMs: number;
  keepaliveMs: number;
  credentials: CredentialProfiles;
  /** ssh-agent socket for credential profiles with `agent: true`. */
  sshAgentSocket: string | undefined;
  /** Start the built-in lab: 'on' always, 'auto' when no inventory is configured. */
  lab: 'auto' | 'on' | 'off';
  labDefinition: string;
  consoleUser: string;
  policy: PolicyRules;
  /** How long a change request waits for approval before it expires. */
  approvalTtlMs: number;
  /** Present when Slack tokens are configured: the bot runs in Slack instead of the console. */
  slack?: SlackConfig;
  /** Scale-out: PostgreSQL holds the audit trail, state, leases and the queue. Absent: embedded (lowdb, one process). */
  databaseUrl?: string;
  /** The PostgreSQL schema every table and the pg-boss queue live in. */
  databaseSchema: string;
  /** A worker in this process (`npm run worker` always runs one); `sites` limits it to devices of those sites. */
  worker: { enabled: boolean; sites?: string[] };
  /** A device or group lease expires this long after its last renewal (renewed every third of it). */
  leaseTtlMs: number;
  /** Device operations a worker runs at once. */
  workerConcurrency: number;
  /** Database connections of this process's main pool, when set (else sized from workerConcurrency for a worker, 10 for a front). */
  databasePoolMax?: number;
  /** /metrics, /healthz, /readyz on a port of their own; logs (pino); how long work may finish on SIGTERM/SIGINT. */
  metricsPort: number | undefined;
  logs: LogSettings;
  shutdownGraceMs: number;
  backups: BackupSettings; // issue 15: secrets kept or masked in backups, their schedule
}

export type SlackConfig =
  | { mode: 'socket'; botToken: string; appToken: string; apiUrl?: string }
  | { mode: 'http'; botToken: string; signingSecret: string; port: number; apiUrl?: string };

const list = (v: string | undefined) =>
  v
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** An empty list means the default (all sites), never "no site at all". */
const nonEmpty = (v: string[] | undefined) => (v?.length ? v : undefined);

function slackConfig(e: z.infer<typeof envSchema>): SlackConfig | undefined {
  const any = e.SLACK_BOT_TOKEN || e.SLACK_APP_TOKEN || e.SLACK_SIGNING_SECRET || e.SLACK_MODE;
  if (!any) return undefined;
  if (!e.SLACK_BOT_TOKEN) throw new ConfigError('SLACK_BOT_TOKEN', 'is required for Slack mode (the bot token, xoxb-...)');
  const mode = e.SLACK_MODE ?? (e.SLACK_APP_TOKEN ? 'socket' : 'http');
  if (mode === 'socket') {
    if (!e.SLACK_APP_TOKEN) throw new ConfigError('SLACK_APP_TOKEN', 'is required for Socket Mode (an app-level token, xapp-...)');
    return { mode, botToken: e.SLACK_BOT_TOKEN, appToken: e.SLACK_APP_TOKEN, apiUrl: e.SLACK_API_URL };
  }
  if (!e.SLACK_SIGNING_SECRET) {
    throw new ConfigError('SLACK_SIGNING_SECRET', 'is required for HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');
  }
  return { mode, botToken: e.SLACK_BOT_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET, port: e.PORT, apiUrl: e.SLACK_API_URL };
}

const credentialSchema = z
  .object({
    username: z.string().min(1),
    password: z.string().optional(),
    passwordFile: z.string().optional(),
    enableSecret: z.string().optional(),
    enableSecretFile: z.string().optional(),
    privateKeyFile: z.string().optional(),
    passphrase: z.string().optional(),
    /** Authenticate with the keys ssh-agent holds (SSH_AUTH_SOCK). */
    agent: z.boolean().optional(),
  })
  .strict();

type Env = Record<string, string | undefined>;

function readSecretFile(setting: string, path: string): string {
  try {
    return readFileSync(path, 'utf8').replace(/\r?\n$/, '');
  } catch (err) {
    throw new ConfigError(setting, `cannot read ${path}: ${(err as Error).message}`);
  }
}

function loadCredentials(env: z.infer<typeof envSchema>): CredentialProfiles {
  const profiles: CredentialProfiles = {};
  if (env.NETOPS_CREDENTIALS_FILE) {
    const file = env.NETOPS_CREDENTIALS_FILE;
    let json: unknown;
    try {
      json = JSON.parse(readSecretFile('NETOPS_CREDENTIALS_FILE', file));
    } catch (err) {
      if (err instanceof ConfigError) throw err;
      throw new ConfigError('NETOPS_CREDENTIALS_FILE', `${file} is not valid JSON`);
    }
    const parsed = z.record(z.string(), credentialSchema).safeParse(json);
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      throw new ConfigError('NETOPS_CREDENTIALS_FILE', `${file}: ${i?.path.join('.')}: ${i?.message}`);
    }
    for (const [name, c] of Object.entries(parsed.data)) {
      const where = `NETOPS_CREDENTIALS_FILE (${name})`;
      profiles[name] = {
        username: c.username,
        password: c.password ?? (c.passwordFile ? readSecretFile(where, c.passwordFile) : undefined),
        enableSecret: c.enableSecret ?? (c.enableSecretFile ? readSecretFile(where, c.enableSecretFile) : undefined),
        privateKey: c.privateKeyFile ? readSecretFile(where, c.privateKeyFile) : undefined,
        passphrase: c.passphrase,
        agent: c.agent,
      };
    }
  }
  if (env.NETOPS_USERNAME) {
    const c: Credential = {
      username: env.NETOPS_USERNAME,
      password:
        env.NETOPS_PASSWORD ?? (env.NETOPS_PASSWORD_FILE ? readSecretFile('NETOPS_PASSWORD_FILE', env.NETOPS_PASSWORD_FILE) : undefined),
      enableSecret:
        env.NETOPS_ENABLE_SECRET ??
        (env.NETOPS_ENABLE_SECRET_FILE ? readSecretFile('NETOPS_ENABLE_SECRET_FILE', env.NETOPS_ENABLE_SECRET_FILE) : undefined),
      privateKey: env.NETOPS_SSH_KEY_FILE ? readSecretFile('NETOPS_SSH_KEY_FILE', env.NETOPS_SSH_KEY_FILE) : undefined,
      passphrase: env.NETOPS_SSH_KEY_PASSPHRASE,
      ...(env.NETOPS_SSH_AGENT === 'on' ? { agent: true } : {}),
    };
    profiles['default'] = c;
  }
  return profiles;
}

/** Timers cannot wait longer than 2^31 - 1 ms (about 24.8 days); a week is a sane ceiling for an approval. */
const MAX_APPROVAL_MS = 7 * 24 * 3_600_000;

/** A duration setting (`30m`, `12h`, `1d`, `1w`), refused by name when it is not one or exceeds `maxMs`. */
function duration(setting: string, v: string, maxMs = Number.POSITIVE_INFINITY): number {
  const ms = parseDuration(v);
  if (!ms) throw new ConfigError(setting, `"${v}" is not a duration such as 30m, 12h, 1d or 1w`);
  if (ms > maxMs) throw new ConfigError(setting, `"${v}" is longer than ${maxMs / 86_400_000} days`);
  return ms;
}

// issue 16: NETOPS_POLICY, or NETOPS_RUNNERS / NETOPS_APPROVERS as its shorthand (never both: which would win?).
function policyRules(e: z.infer<typeof envSchema>): PolicyRules {
  if (!e.NETOPS_POLICY) return { approvers: list(e.NETOPS_APPROVERS) ?? [], runners: list(e.NETOPS_RUNNERS) };
  const both = e.NETOPS_APPROVERS ? 'NETOPS_APPROVERS' : e.NETOPS_RUNNERS ? 'NETOPS_RUNNERS' : undefined;
  if (both) throw new ConfigError(both, 'is shorthand for a policy; with NETOPS_POLICY set, put these people in its roles instead');
  return { approvers: [], document: loadPolicyFile(e.NETOPS_POLICY) };
}

export function loadConfig(o: { env?: Env; isTty?: boolean } = {}): Config {
  const parsed = envSchema.safeParse(o.env ?? process.env);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new ConfigError(String(i?.path[0] ?? 'environment'), i?.message ?? 'invalid');
  }
  const e = parsed.data;
  const dataDir = resolve(e.NETOPS_DATA_DIR);
  return {
    inventoryPath: e.NETOPS_INVENTORY,
    dataDir,
    auditFile: e.NETOPS_AUDIT_FILE ?? resolve(dataDir, 'audit.json'),
    auditSegment: {
      maxRecords: e.NETOPS_AUDIT_SEGMENT_RECORDS,
      maxBytes: e.NETOPS_AUDIT_SEGMENT_BYTES,
      maxAgeMs:
        e.NETOPS_AUDIT_SEGMENT_MAX_AGE === undefined || e.NETOPS_AUDIT_SEGMENT_MAX_AGE === '0'
          ? 0
          : duration('NETOPS_AUDIT_SEGMENT_MAX_AGE', e.NETOPS_AUDIT_SEGMENT_MAX_AGE),
    },
    stateFile: e.NETOPS_STATE_FILE ?? resolve(dataDir, 'state.json'),
    knownHostsFile: e.NETOPS_KNOWN_HOSTS ?? resolve(dataDir, 'known_hosts'),
    trustOnFirstUse: e.NETOPS_HOST_KEY_POLICY === 'tofu',
    concurrency: e.NETOPS_CONCURRENCY,
    maxHandshakes: e.NETOPS_MAX_HANDSHAKES,
    connectTimeoutMs: e.NETOPS_CONNECT_TIMEOUT_MS,
    commandTimeoutMs: e.NETOPS_COMMAND_TIMEOUT_MS,
    deviceTimeoutMs: e.NETOPS_DEVICE_TIMEOUT_MS,
    keepaliveMs: e.NETOPS_KEEPALIVE_MS,
    credentials: loadCredentials(e),
    sshAgentSocket: e.SSH_AUTH_SOCK,
    lab: e.NETOPS_LAB,
    labDefinition: e.NETOPS_LAB_DEFINITION,
    consoleUser: e.NETOPS_USER ?? e.USER ?? 'console',
    policy: policyRules(e),
    approvalTtlMs: duration('NETOPS_APPROVAL_TTL', e.NETOPS_APPROVAL_TTL, MAX_APPROVAL_MS),
    slack: slackConfig(e),
    databaseUrl: e.NETOPS_DATABASE_URL,
    databaseSchema: e.NETOPS_DATABASE_SCHEMA,
    worker: { enabled: e.NETOPS_WORKER === 'on', sites: nonEmpty(list(e.NETOPS_WORKER_SITES)) },
    leaseTtlMs: e.NETOPS_LEASE_TTL_MS,
    workerConcurrency: e.NETOPS_WORKER_CONCURRENCY ?? e.NETOPS_CONCURRENCY,
    databasePoolMax: e.NETOPS_DATABASE_POOL_MAX,
    metricsPort: e.NETOPS_METRICS_PORT,
    logs: parseLogSettings({ format: e.NETOPS_LOG_FORMAT, level: e.NETOPS_LOG_LEVEL, isTty: o.isTty ?? process.stderr.isTTY === true }),
    shutdownGraceMs: parseShutdownGrace(e.NETOPS_SHUTDOWN_GRACE),
    backups: parseBackupSettings(e),
  };
}
