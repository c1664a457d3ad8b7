/**
 * A front on PostgreSQL (NETOPS_DATABASE_URL): the Slack or console front's service, with
 * device work going to workers; with NETOPS_WORKER=on a worker runs in this process too.
 */
import type { Logger } from 'pino';
import type { RunningApp } from '../app.js';
import { COMMANDS_DIR, redactorFor, sshConnector } from '../app.js';
import type { Config } from '../config.js';
import { systemClock } from '../core/clock.js';
import { ConfigError } from '../core/errors.js';
import type { Clock } from '../core/ports.js';
import { Registry } from '../core/registry.js';
import { KnownHosts } from '../devices/known-hosts.js';
import { loadInventory, type Inventory } from '../inventory/inventory.js';
import { instrumentConnector } from '../ops/instrumented-ports.js';
import type { NetopsMetrics } from '../ops/metrics.js';
import { checkDeviceTrust } from '../startup-checks.js';
import { watchForOrphanedJobs } from './takeover.js';
import { queuedSchedule } from '../backup/queued-schedule.js';
import { frontService, openScaleOut, runWorker, type ScaleOutParts } from './scale-out-app.js';

const stderrLine = (line: string) => void process.stderr.write(`${line}\n`);

/** What a scale-out composition is given: the lab's inventory, a test clock, the process's metrics. */
export interface ScaleOutOptions {
  clock?: Clock;
  inventory?: Inventory;
  metrics?: NetopsMetrics;
  /** main's logger, so a front's lines are JSON like the rest of its log. */
  log?: Pick<Logger, 'info'>;
}

/** The parts fronts and workers build alike: inventory, registry, redactor, SSH connector (its logins counted). */
export async function scaleOutParts(config: Config, o: ScaleOutOptions): Promise<ScaleOutParts> {
  if (!o.inventory && !config.inventoryPath) {
    throw new ConfigError('NETOPS_INVENTORY', 'no inventory configured (set NETOPS_INVENTORY, or NETOPS_LAB=on for the built-in lab)');
  }
  const inventory = o.inventory ?? (await loadInventory(config.inventoryPath!));
  // issue 16: refuse (exit 78) credentials and known_hosts it cannot trust before the database is touched.
  await checkDeviceTrust(config, inventory);
  const [registry, knownHosts] = await Promise.all([Registry.load(COMMANDS_DIR), KnownHosts.load(config.knownHostsFile)]);
  const ssh = sshConnector(config, knownHosts, inventory);
  return {
    config,
    clock: o.clock ?? systemClock,
    redact: redactorFor(config),
    registry,
    inventory,
    connector: o.metrics ? instrumentConnector(ssh, o.metrics) : ssh,
    log: stderrLine,
    observer: o.metrics,
  };
}

export async function createScaleOutFront(config: Config, o: ScaleOutOptions = {}): Promise<RunningApp> {
  const built = await scaleOutParts(config, o);
  // main's logger when there is one: the front's lines are JSON like the rest of its log.
  const parts = o.log ? { ...built, log: (line: string) => o.log!.info(line) } : built;
  const log = parts.log;
  const s = await openScaleOut(parts, 'front');
  const { service, dispatch, groups, counted } = frontService(parts, s);
  await service.changes.restore();
  // Running jobs this front owns stay its own while it beats; a front that stops beating is taken over.
  const beatMs = Math.max(1000, Math.floor(config.leaseTtlMs / 3));
  const beat = setInterval(
    () => void s.stores.state.heartbeat().catch((err: unknown) => log(`netops front: heartbeat failed: ${String(err)}`)),
    beatMs,
  );
  beat.unref();
  const stopTakeover = watchForOrphanedJobs(
    {
      state: s.stores.state,
      audit: s.stores.audit,
      pool: s.stores.pool,
      queue: s.queue,
      dispatch,
      clock: parts.clock,
      // Three missed beats and a lease's lifetime: a slow front is not mistaken for a stopped one.
      staleMs: 3 * beatMs + config.leaseTtlMs,
      log,
      reader: s.stores.audit,
      counted,
      onFinished: (job, message) => service.adopted.finished(job, message),
    },
    beatMs,
  );
  const backups = await queuedSchedule(config.backups, s.queue, service, { log, clock: parts.clock });
  const stopWorker = new AbortController();
  const worker = config.worker.enabled
    ? runWorker(parts, s, stopWorker.signal).catch((err: unknown) => log(`netops worker: stopped: ${parts.redact(String(err))}`))
    : Promise.resolve();
  return {
    service,
    inventory: parts.inventory,
    redact: parts.redact,
    config,
    audit: s.stores.audit,
    interrupted: [],
    readiness: s.readiness,
    groups,
    close: async () => {
      groups.stop();
      clearInterval(beat);
      await backups.stop();
      await stopTakeover();
      stopWorker.abort();
      await worker;
      service.changes.stop();
      dispatch.close();
      await s.close();
    },
  };
}
