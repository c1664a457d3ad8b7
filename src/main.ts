/**
 * Composition root: configuration -> inventory, audit, engine -> an adapter, plus the service
 * side (structured logs, /metrics /healthz /readyz, the graceful stop on SIGTERM/SIGINT).
 * With no inventory configured it starts the built-in simulated lab, so
 * `npm install && npm start` works on a fresh clone with no Slack account.
 */
import { join } from 'node:path';
import { loadConfig, type Config } from './config.js';
import { openApp, redactorFor } from './app.js';
import { systemClock } from './core/clock.js';
import { ConsoleAdapter } from './console/console-adapter.js';
import { runRepl } from './console/repl.js';
import type { Inventory } from './inventory/inventory.js';
import { createLogger } from './ops/logger.js';
import { createMetrics } from './ops/metrics.js';
import { auditFileCheck, inventoryCheck, slackCheck } from './ops/readiness-checks.js';
import { startRuntime } from './ops/service-runtime.js';
import { runEntryPoint, type EntryContext } from './ops/start-failure.js';
import { WorkTracker } from './ops/work-tracker.js';

async function main(ctx: EntryContext): Promise<number> {
  let config: Config = loadConfig();
  ctx.logLevel = config.logs.level;
  let inventory: Inventory | undefined;
  let closeLab: () => Promise<void> = async () => {};
  let labNote: string | undefined;
  if (config.lab === 'on' || (config.lab === 'auto' && !config.inventoryPath)) {
    // The lab lives with the tests; it is loaded only when it is used.
    const { startEmbeddedLab } = await import('../src/lab/embedded.js');
    const embedded = await startEmbeddedLab(config);
    config = embedded.config;
    inventory = embedded.inventory;
    closeLab = () => embedded.lab.close();
    const why = config.lab === 'on' ? 'NETOPS_LAB=on' : 'no NETOPS_INVENTORY set';
    labNote = `${why}, using the built-in lab (${embedded.lab.devices.length} simulated devices)`;
  }
  // The lab's credentials are in the config by now: the redactor knows every secret before the first line.
  const log = createLogger({ ...config.logs, redact: redactorFor(config), base: { role: 'front' } });
  if (labNote) log.info(labNote);
  if (config.databaseUrl && inventory && !config.worker.enabled) {
    // No other process can reach a lab inside this one: its devices are worked here.
    config = { ...config, worker: { ...config.worker, enabled: true } };
    log.info('the built-in lab runs in this process, so this front runs a worker for it too (NETOPS_WORKER=on)');
  }
  // A one-shot runs one line and exits: it takes no scheduled backup, which its exit would cut off.
  if (process.argv.slice(2).join(' ').trim()) config = { ...config, backups: { ...config.backups, schedule: undefined } };
  const metrics = createMetrics({ role: 'front' });
  const app = await openApp(config, { inventory, metrics, log });
  if (app.interrupted.length) {
    const jobs = app.interrupted;
    log.warn({ jobs }, `the previous run stopped during ${jobs.join(', ')}; recorded as interrupted in the audit trail`);
  }
  const work = new WorkTracker();
  // Aborted when a stop begins: the console then refuses new lines as Slack answers "restarting".
  const intake = new AbortController();
  let bot: Awaited<ReturnType<typeof import('./slack/slack-bot.js').startSlackBot>> | undefined;
  let closed: Promise<void> | undefined;
  // Once, whichever ends first: the stop controller or the console's last line.
  const close = () =>
    (closed ??= (async () => {
      await bot?.stop();
      await app.close();
      await closeLab();
    })());
  const runtime = await startRuntime(
    {
      metrics,
      checks: [
        inventoryCheck(() => app.inventory),
        ...(config.databaseUrl ? [] : [auditFileCheck(config.auditFile)]),
        ...(app.readiness ?? []),
        ...(config.slack ? [slackCheck(() => bot?.connected() ?? false)] : []),
      ],
      metricsPort: config.metricsPort,
      graceMs: config.shutdownGraceMs,
      log,
      work,
      audit: app.audit,
      clock: systemClock,
      stopIntake: () => {
        intake.abort();
        return bot?.refuseNew();
      },
      close,
    },
    process,
  );
  if (config.slack) {
    const { startSlackBot } = await import('./slack/slack-bot.js');
    const { slackLogger } = await import('./slack/slack-logger.js');
    bot = await startSlackBot({
      slack: config.slack,
      service: app.service,
      clock: systemClock,
      logger: slackLogger(log),
      metrics,
      work,
      routes: config.slack.mode === 'http' ? runtime.routes : undefined,
      groups: app.groups,
    });
    log.info(
      { mode: config.slack.mode, port: bot.port },
      config.slack.mode === 'socket' ? 'Slack Socket Mode connected' : `Slack HTTP mode listening on :${bot.port} (/slack/events)`,
    );
    // The stop controller ends the process (exit 0 after a graceful stop).
    await runtime.stop.stopped;
    return 0;
  }
  const adapter = new ConsoleAdapter(app.service, {
    out: process.stdout,
    err: process.stderr,
    clock: systemClock,
    attachmentsDir: join(config.dataDir, 'exports'),
    work,
  });
  const user = config.consoleUser;
  // A one-shot's words as given, so `--format=json` and `--wide` reach the adapter as flags.
  const oneShot = process.argv.slice(2);
  try {
    if (oneShot.join(' ').trim()) return await adapter.runArgs(oneShot, { id: user, name: user, via: 'console' });
    await runRepl(adapter, { input: process.stdin, output: process.stdout, user, stopping: intake.signal });
    return 0;
  } finally {
    // A stop under way records what it cut short and exits itself: closing here would race it.
    if (intake.signal.aborted) await runtime.stop.stopped;
    await close();
  }
}

void runEntryPoint('netops', main);
