/**
 * `npm run worker`: takes device work from the queue on PostgreSQL (NETOPS_DATABASE_URL),
 * for every site or only NETOPS_WORKER_SITES, until SIGINT or SIGTERM; then finishes the work
 * in hand and stops.
 */
import { loadConfig } from './config.js';
import { ConfigError } from './core/errors.js';
import { openScaleOut, runWorker } from './worker/scale-out-app.js';
import { scaleOutParts } from './worker/scale-out-front.js';

async function main(): Promise<number> {
  const config = loadConfig();
  if (!config.databaseUrl) throw new ConfigError('NETOPS_DATABASE_URL', 'a worker needs the database the fronts use (postgres://...)');
  const parts = await scaleOutParts(config, {});
  const s = await openScaleOut(parts, 'worker');
  const stop = new AbortController();
  const onSignal = () => {
    process.stderr.write(`netops worker ${s.identity}: stopping after the work in hand\n`);
    stop.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await runWorker(parts, s, stop.signal);
  } finally {
    await s.close();
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ConfigError) {
      process.stderr.write(`netops worker: configuration error: ${err.message}\n`);
      process.exit(78);
    }
    process.stderr.write(`netops worker: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(70);
  },
);
