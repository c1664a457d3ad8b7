import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdir } from 'node:fs/promises';
import type { Config } from './config.js';
import { systemClock } from './core/clock.js';
import type { AuditSink, Clock } from './core/ports.js';
import { createRedactor, type Redactor } from './core/redact.js';
import { Registry } from './core/registry.js';
import { NetopsService } from './core/service.js';
import { AuditLog } from './audit/audit-log.js';
import { JsonStateStore } from './audit/state-store.js';
import { acquireDataLock } from './audit/data-lock.js';
import { secretsOf } from './devices/credentials.js';
import { KnownHosts } from './devices/known-hosts.js';
import { SshConnector } from './devices/ssh-connector.js';
import { loadInventory, type Inventory } from './inventory/inventory.js';
import { routeResolver } from './inventory/routes.js';
import { ConfigError } from './core/errors.js';
import { Policy } from './core/policy.js';
import { recordInterruptedJobs } from './core/interrupted-jobs.js';
import { checkStartup } from './startup-checks.js';
import { type UserGroupCache, policyGroups } from './core/policy/user-groups.js';
import type { Logger } from 'pino';
import { createLogger } from './ops/logger.js';
import type { NetopsMetrics } from './ops/metrics.js';
import { instrumentAudit, instrumentConnector } from './ops/instrumented-ports.js';
import { startStep } from './ops/start-failure.js';
import { BackupDesk } from './backup/backup-desk.js';
import { FileBackupStore } from './backup/file-backup-store.js';
import { type RunningSchedule, type ScheduleTimers, inProcessSchedule } from './backup/backup-schedule.js';
import type { ReadinessCheck } from './ops/http-probe.js';

export const COMMANDS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'commands');

export interface App {
  service: NetopsService;
  audit: AuditLog;
  inventory: Inventory;
  redact: Redactor;
  config: Config;
  /** Jobs a previous process left running, now recorded as interrupted. */
  interrupted: string[];
  /** issue 16: the Slack user groups the policy's roles name; the Slack adapter starts it with a usergroups.users.list fetcher. */
  groups: UserGroupCache;
  /** issue 15: the in-process backup schedule, when NETOPS_BACKUP_SCHEDULE is set. */
  backupSchedule?: RunningSchedule;
  close(): Promise<void>;
}

/** The composition root's wiring: config in, a ready service out. Adapters are added by main. */
/** What main adds to a composition: metrics (decorating the ports) and where unexpected errors go (the logger). */
export interface AppOptions {
  /** The backup schedule's timers (tests move time themselves). */
  timers?: ScheduleTimers;
  clock?: Clock;
  inventory?: Inventory;
  metrics?: NetopsMetrics;
  onError?: (err: unknown) => void;
  /** The process's logger (main's); by default one on stderr with the config's format and level. */
  log?: Logger;
}

export async function createApp(config: Config, o: AppOptions = {}): Promise<App> {
  const clock = o.clock ?? systemClock;
  if (!o.inventory && !config.inventoryPath) {
    throw new ConfigError('NETOPS_INVENTORY', 'no inventory configured (set NETOPS_INVENTORY, or NETOPS_LAB=on for the built-in lab)');
  }
  const inventory = o.inventory ?? (await loadInventory(config.inventoryPath!));
  await checkStartup(config, inventory); // issue 16: refuse untrusted files before anything is written
  await mkdir(dirname(config.auditFile), { recursive: true });
  await mkdir(dirname(config.stateFile), { recursive: true });
  const releaseLock = await acquireDataLock(`${config.stateFile}.lock`);
  const redact = redactorFor(config);
  const log = o.log ?? createLogger({ ...config.logs, redact });
  const [audit, state, registry, knownHosts] = await Promise.all([
    AuditLog.open(config.auditFile, { clock, redact, segment: config.auditSegment }),
    JsonStateStore.open(config.stateFile),
    Registry.load(COMMANDS_DIR),
    KnownHosts.load(config.knownHostsFile),
  ]);
  if (audit.mended) {
    const m = audit.mended;
    log.warn(
      { records: m.records, droppedBytes: m.droppedBytes, keptCopy: m.keptCopy },
      `the audit file's last write was torn (power loss or a full disk?): kept ${m.records} records, dropped ${m.droppedBytes} bytes, recorded as audit.mended; the file as found is ${m.keptCopy}`,
    );
  }
  const interrupted = await recordInterruptedJobs(state, audit, clock.now());
  // The logger redacts every line: the error may quote a token.
  const groups = policyGroups(config.policy.document, (line) => log.warn(line));
  const ssh = sshConnector(config, knownHosts, inventory);
  // Metrics see logins and audit appends through decorators of the ports; the core does not know them.
  const connector = o.metrics ? instrumentConnector(ssh, o.metrics) : ssh;
  const service = new NetopsService({
    registry,
    inventory,
    connector,
    audit: o.metrics ? instrumentAudit(audit, o.metrics) : audit,
    auditReader: audit,
    state,
    backups: new BackupDesk({
      store: new FileBackupStore(join(config.dataDir, 'backups')),
      secrets: config.backups.secrets,
      redact,
      clock,
    }),
    clock,
    redact,
    policy: new Policy(config.policy, groups),
    workObserver: o.metrics,
    onError: o.onError ?? ((err) => log.error({ err }, 'unexpected error')),
    limits: {
      concurrency: config.concurrency,
      deviceTimeoutMs: config.deviceTimeoutMs,
      commandTimeoutMs: config.commandTimeoutMs,
      approvalTtlMs: config.approvalTtlMs,
    },
  });
  // Change requests waiting when the last process stopped wait again (or expire now).
  await service.changes.restore();
  const scheduleLog = (line: string) => log.info(line);
  const backupSchedule =
    config.backups.schedule && inProcessSchedule(config.backups.schedule, service, { clock, timers: o.timers, log: scheduleLog });
  return {
    service,
    audit,
    inventory,
    redact,
    config,
    interrupted,
    groups,
    backupSchedule,
    close: async () => {
      await backupSchedule?.stop();
      groups.stop();
      service.changes.stop();
      await audit.flush();
      await releaseLock();
    },
  };
}

/** Device credentials and the bot's own Slack secrets: none of them may be shown, stored or logged. */
export function redactorFor(config: Config): Redactor {
  const slackSecrets = config.slack
    ? Object.entries(config.slack)
        .filter(([k]) => /token|secret/i.test(k))
        .map(([, v]) => String(v))
    : [];
  return createRedactor([...secretsOf(config.credentials), ...slackSecrets]);
}

export function sshConnector(config: Config, knownHosts: KnownHosts, inventory: Inventory): SshConnector {
  return new SshConnector({
    credentials: config.credentials,
    knownHosts,
    trustOnFirstUse: config.trustOnFirstUse,
    connectTimeoutMs: config.connectTimeoutMs,
    maxHandshakes: config.maxHandshakes,
    promptTimeoutMs: config.commandTimeoutMs,
    keepaliveMs: config.keepaliveMs,
    agentSocket: config.sshAgentSocket,
    routeOf: routeResolver(inventory.routes),
  });
}

/** What main needs of either composition. */
export type RunningApp = Pick<App, 'service' | 'inventory' | 'redact' | 'config' | 'interrupted' | 'close' | 'groups'> & {
  /** What the stop controller flushes and records interrupted jobs in. */
  audit: AuditSink;
  /** Scale-out: /readyz's database and queue checks. */
  readiness?: ReadinessCheck[];
};

/** Embedded (lowdb, one process) unless NETOPS_DATABASE_URL names PostgreSQL. */
export async function openApp(config: Config, o: AppOptions = {}): Promise<RunningApp> {
  if (!config.databaseUrl) return createApp(config, o);
  const { createScaleOutFront } = await import('./worker/scale-out-front.js');
  return startStep({ kind: 'database', setting: 'NETOPS_DATABASE_URL' }, () => createScaleOutFront(config, o));
}
