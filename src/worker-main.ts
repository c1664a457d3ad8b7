/**
 * `npm run worker`: takes device work from the queue on PostgreSQL (NETOPS_DATABASE_URL),
 * for every site or only NETOPS_WORKER_SITES, until SIGINT or SIGTERM; then finishes the work
 * in hand and stops. Logs are structured (pino); NETOPS_METRICS_PORT serves /metrics, /healthz, /readyz.
 */
import { loadConfig } from './config.js';
import { redactorFor } from './app.js';
import { systemClock } from './core/clock.js';
import { ConfigError } from './core/errors.js';
import { createLogger } from './ops/logger.js';
import { createMetrics } from './ops/metrics.js';
import { inventoryCheck } from './ops/readiness-checks.js';
import { startRuntime } from './ops/service-runtime.js';
import { runEntryPoint, startStep, type EntryContext } from './ops/start-failure.js';
import { WorkTracker } from './ops/work-tracker.js';
import { openScaleOut, runWorker } from './worker/scale-out-app.js';
import { scaleOutParts } from './worker/scale-out-front.js';

async function main(ctx: EntryContext): Promise<number> {
  const config = loadConfig();
  ctx.logLevel = config.logs.level;
  if (!config.databaseUrl) throw new ConfigError('NETOPS_DATABASE_URL', 'a worker needs the database the fronts use (postgres://...)');
  const log = createLogger({ ...config.logs, redact: redactorFor(config), base: { role: 'worker' } });
  const metrics = createMetrics({ role: 'worker' });
  const parts = { ...(await scaleOutParts(config, { metrics })), log: (line: string) => log.info(line) };
  const s = await startStep({ kind: 'database', setting: 'NETOPS_DATABASE_URL' }, () => openScaleOut(parts, 'worker'));
  const stop = new AbortController();
  let working: Promise<void> = Promise.resolve();
  const runtime = await startRuntime(
    {
      metrics,
      checks: [inventoryCheck(() => parts.inventory), ...s.readiness],
      metricsPort: config.metricsPort,
      graceMs: config.shutdownGraceMs,
      log,
      // The worker's jobs are rows on the queue, not tracked here: the stop waits for runWorker instead.
      work: new WorkTracker(),
      audit: s.stores.audit,
      clock: systemClock,
      stopIntake: () => {
        log.info(`worker ${s.identity}: stopping after the work in hand`);
        stop.abort();
      },
      close: async () => {
        await working;
        await s.close();
      },
    },
    process,
  );
  if (runtime.probe) log.info({ port: runtime.probe.port }, `/metrics, /healthz and /readyz on :${runtime.probe.port}`);
  working = runWorker(parts, s, stop.signal);
  await working;
  // Stopped by a signal: the stop controller closes and exits; ended on its own: close here.
  if (stop.signal.aborted) await runtime.stop.stopped;
  else await s.close();
  return 0;
}

void runEntryPoint('netops worker', main);
