/**
 * The scale-out composition (NETOPS_DATABASE_URL): PostgreSQL stores, the pg-boss queue and
 * the job event feed, shared by a front (the service sends device work to workers) and a
 * worker (takes it). One process may be both (NETOPS_WORKER=on).
 */
import { hostname } from 'node:os';
import type { Config } from '../config.js';
import { MemoryExclusion } from '../core/exclusion.js';
import type { Clock, DeviceConnector } from '../core/ports.js';
import type { DeviceResult } from '../core/types.js';
import { Policy } from '../core/policy.js';
import { policyGroups, type UserGroupCache } from '../core/policy/user-groups.js';
import type { Redactor } from '../core/redact.js';
import { guardObserver, type WorkObserver } from '../core/work-observer.js';
import type { ReadinessCheck } from '../ops/http-probe.js';
import type { Registry } from '../core/registry.js';
import { NetopsService } from '../core/service.js';
import type { Inventory } from '../inventory/inventory.js';
import { JobEventFeed } from '../store/postgres/job-events.js';
import { fenced } from '../store/postgres/pg-exclusion.js';
import { DeviceQueue } from '../store/postgres/queue.js';
import { openPostgresStores, type PostgresStores } from '../store/postgres/stores.js';
import type { StoreObserver } from '../store/postgres/store-observer.js';
import { checkAuditAtStart } from '../store/postgres/pg-audit-startup.js';
import { QueueDispatch } from './dispatch.js';
import { frontResultCounter } from './front-result.js';
import { handleWork, type WorkerDeps } from './worker.js';
import { BackupDesk } from '../backup/backup-desk.js';
import { scaleOutReadiness } from './scale-out-readiness.js';

/** Who this process is, in leases, running jobs and every device result it writes. */
export const processIdentity = () => `${hostname()}:${process.pid}`;

export interface ScaleOutParts {
  config: Config;
  clock: Clock;
  redact: Redactor;
  registry: Registry;
  inventory: Inventory;
  connector: DeviceConnector;
  log: (line: string) => void;
  /** Told jobs, device results, queue waits, audit appends and leases (the metrics). */
  observer?: Partial<WorkObserver & StoreObserver>;
}

export interface ScaleOut {
  stores: PostgresStores;
  queue: DeviceQueue;
  feed: JobEventFeed;
  identity: string;
  /** /readyz: the database and the queue reachable. */
  readiness: ReadinessCheck[];
  close(): Promise<void>;
}

/**
 * Main pool connections: a worker's devices each hold a connection only for a short
 * transaction (never across SSH), but results queue on the audit head, so the pool grows with
 * the worker's concurrency, bounded (PostgreSQL's max_connections is shared by every process).
 */
export function poolSize(c: Config, role: 'front' | 'worker'): number {
  if (c.databasePoolMax) return c.databasePoolMax;
  const works = role === 'worker' || c.worker.enabled;
  return works ? Math.min(20, Math.max(10, Math.ceil(c.workerConcurrency / 10))) : 10;
}

/** Longest a worker waits for a busy device or group before giving the work up. */
const holdWaitMs = (c: Config) => Math.max(c.deviceTimeoutMs * 2, 60_000);

export async function openScaleOut(p: ScaleOutParts, role: 'front' | 'worker'): Promise<ScaleOut> {
  const { config } = p;
  const url = config.databaseUrl!;
  const identity = processIdentity();
  const schema = config.databaseSchema;
  const stores = await openPostgresStores(url, {
    schema,
    clock: p.clock,
    redact: p.redact,
    leaseTtlMs: config.leaseTtlMs,
    owner: identity,
    max: poolSize(config, role),
    applicationName: `netops-${role}`,
    observer: p.observer,
  });
  const queueSchema = `${schema}_boss`;
  const ready = scaleOutReadiness(url, { schema, queueSchema, role });
  const onError = (err: unknown) => p.log(`netops ${role}: ${p.redact(String((err as Error)?.message ?? err))}`);
  try {
    // issue 16: a broken trail refuses the start (exit 78) before this process appends anything or takes work.
    await checkAuditAtStart(stores.pool, schema);
    const queue = await DeviceQueue.open({
      url,
      schema: queueSchema,
      deviceTimeoutMs: config.deviceTimeoutMs,
      holdWaitMs: holdWaitMs(config),
      onError,
      observer: guardObserver(p.observer, onError),
    });
    const feed = new JobEventFeed(url, stores.pool, { schema, onError });
    await feed.start();
    return {
      stores,
      queue,
      feed,
      identity,
      readiness: ready.checks,
      close: async () => {
        await feed.close();
        await queue.stop().catch(onError);
        await Promise.all([stores.close(), ready.close()]);
      },
    };
  } catch (err) {
    await Promise.all([stores.close(), ready.close()]).catch(() => undefined);
    throw err;
  }
}

/**
 * The front's service: same core, device work sent to workers, decisions in the database. Its
 * policy resolves Slack user groups through `groups` (the Slack adapter starts the refresh), as
 * the embedded bot's does: a role granted to a group decides the same on every front.
 */
export function frontService(
  p: ScaleOutParts,
  s: ScaleOut,
): { service: NetopsService; dispatch: QueueDispatch; groups: UserGroupCache; counted: (r: DeviceResult) => void } {
  const { config } = p;
  const groups = policyGroups(config.policy.document, (line) => p.log(`netops front: ${p.redact(line)}`));
  const onMetricError = (err: unknown) => p.log(`netops front: a metric failed: ${String(err)}`);
  // Results this front writes itself (dead worker, work never sent): no worker counts them.
  const counted = frontResultCounter((d) => p.inventory.get(d)?.platform, guardObserver(p.observer, onMetricError));
  const dispatch = new QueueDispatch({
    queue: s.queue,
    pool: s.stores.pool,
    feed: s.feed,
    audit: s.stores.audit,
    counted,
    onError: (e) => p.log(String(e)),
  });
  const service = new NetopsService({
    registry: p.registry,
    inventory: p.inventory,
    connector: p.connector,
    audit: s.stores.audit,
    auditReader: s.stores.audit,
    state: s.stores.state,
    clock: p.clock,
    redact: p.redact,
    policy: new Policy(config.policy, groups),
    // Orders this front's own jobs (waves, groups); the leases the workers take are what every process respects.
    exclusion: new MemoryExclusion(),
    remote: dispatch,
    workObserver: p.observer,
    onError: (err) => p.log(`netops: ${p.redact(String((err as Error)?.stack ?? err))}`),
    limits: {
      concurrency: config.concurrency,
      deviceTimeoutMs: config.deviceTimeoutMs,
      commandTimeoutMs: config.commandTimeoutMs,
      approvalTtlMs: config.approvalTtlMs,
    },
  });
  return { service, dispatch, groups, counted };
}

/** Sites this worker takes work for: the configured ones, else every site of the inventory. */
export function workerSites(config: Config, inventory: Inventory): string[] {
  return config.worker.sites?.length ? config.worker.sites : [...new Set(inventory.devices.map((d) => d.site))].sort();
}

/** Runs the worker loop until `signal` aborts and the work in hand is done. */
export function runWorker(p: ScaleOutParts, s: ScaleOut, signal: AbortSignal): Promise<void> {
  const { config } = p;
  const deps: WorkerDeps = {
    identity: s.identity,
    registry: p.registry,
    inventory: p.inventory,
    connector: p.connector,
    audit: s.stores.audit,
    pool: s.stores.pool,
    feed: s.feed,
    exclusion: s.stores.exclusion,
    fence: fenced,
    clock: p.clock,
    redact: p.redact,
    limits: { deviceTimeoutMs: config.deviceTimeoutMs, commandTimeoutMs: config.commandTimeoutMs, holdWaitMs: holdWaitMs(config) },
    log: p.log,
    // Backups are taken where the device is read: the unmasked text never travels through the queue.
    backups: new BackupDesk({ store: s.stores.backups, secrets: config.backups.secrets, redact: p.redact, clock: p.clock }),
    observer: p.observer,
  };
  const sites = workerSites(config, p.inventory);
  p.log(`netops worker ${s.identity}: ready, taking work for ${sites.join(', ')} (${config.workerConcurrency} at once)`);
  return s.queue.work(sites, { concurrency: config.workerConcurrency, signal }, (work, attempt) => handleWork(deps, work, attempt));
}
