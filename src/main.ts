/**
 * Composition root: configuration -> inventory, audit, engine -> an adapter.
 * With no inventory configured it starts the built-in simulated lab, so
 * `npm install && npm start` works on a fresh clone with no Slack account.
 */
import { join } from 'node:path';
import { loadConfig, type Config } from './config.js';
import { openApp } from './app.js';
import { ConfigError } from './core/errors.js';
import { systemClock } from './core/clock.js';
import { ConsoleAdapter } from './console/console-adapter.js';
import { runRepl } from './console/repl.js';
import type { Inventory } from './inventory/inventory.js';

async function main(): Promise<number> {
  let config: Config = loadConfig();
  let inventory: Inventory | undefined;
  let closeLab: () => Promise<void> = async () => {};
  if (config.lab === 'on' || (config.lab === 'auto' && !config.inventoryPath)) {
    // The lab lives with the tests; it is loaded only when it is used.
    const { startEmbeddedLab } = await import('../src/lab/embedded.js');
    const embedded = await startEmbeddedLab(config);
    config = embedded.config;
    inventory = embedded.inventory;
    closeLab = () => embedded.lab.close();
    const why = config.lab === 'on' ? 'NETOPS_LAB=on' : 'no NETOPS_INVENTORY set';
    process.stderr.write(`netops: ${why}, using the built-in lab (${embedded.lab.devices.length} simulated devices)\n`);
  }
  if (config.databaseUrl && inventory && !config.worker.enabled) {
    // No other process can reach a lab inside this one: its devices are worked here.
    config = { ...config, worker: { ...config.worker, enabled: true } };
    process.stderr.write('netops: the built-in lab runs in this process, so this front runs a worker for it too (NETOPS_WORKER=on)\n');
  }
  const app = await openApp(config, { inventory });
  if (app.interrupted.length) {
    process.stderr.write(
      `netops: the previous run stopped during ${app.interrupted.join(', ')}; recorded as interrupted in the audit trail\n`,
    );
  }
  if (config.slack) {
    const { startSlackBot } = await import('./slack/slack-bot.js');
    const bot = await startSlackBot({ slack: config.slack, service: app.service, clock: systemClock, groups: app.groups });
    process.stderr.write(
      `netops: Slack ${config.slack.mode === 'socket' ? 'Socket Mode connected' : `HTTP mode listening on :${bot.port} (/slack/events)`}\n`,
    );
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await bot.stop();
    await bot.idle();
    await app.close();
    await closeLab();
    return 0;
  }
  const adapter = new ConsoleAdapter(app.service, {
    out: process.stdout,
    err: process.stderr,
    clock: systemClock,
    attachmentsDir: join(config.dataDir, 'exports'),
  });
  const user = config.consoleUser;
  // A one-shot's words as given, so `--format=json` and `--wide` reach the adapter as flags.
  const oneShot = process.argv.slice(2);
  try {
    if (oneShot.join(' ').trim()) return await adapter.runArgs(oneShot, { id: user, name: user, via: 'console' });
    await runRepl(adapter, { input: process.stdin, output: process.stdout, user });
    return 0;
  } finally {
    await app.close();
    await closeLab();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ConfigError) {
      process.stderr.write(`netops: configuration error: ${err.message}\n`);
      process.exit(78);
    }
    process.stderr.write(`netops: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(70);
  },
);
