/**
 * A bot process for the graceful-stop tests, wired the way docs/service.md tells main.ts to
 * wire it: createApp, a WorkTracker, startRuntime (probe port, stop controller on SIGTERM/SIGINT). It runs one job
 * (or proposes, approves as bob and runs one change) from argv and prints `progress <n>` on
 * stdout after each device result, so the test knows when to send the signal.
 * Env: the bot's NETOPS_* settings, plus NETOPS_SHUTDOWN_GRACE.
 */
import { loadConfig } from '../../src/config.js';
import { createApp } from '../../src/app.js';
import { systemClock } from '../../src/core/clock.js';
import { createLogger, parseLogSettings } from '../../src/ops/logger.js';
import { WorkTracker } from '../../src/ops/work-tracker.js';
import { parseShutdownGrace } from '../../src/ops/graceful-stop.js';
import { createMetrics } from '../../src/ops/metrics.js';
import { auditFileCheck, inventoryCheck } from '../../src/ops/readiness-checks.js';
import { startRuntime } from '../../src/ops/service-runtime.js';
import type { JobEvent } from '../../src/core/ports.js';

const config = loadConfig();
const metrics = createMetrics({ defaultMetrics: false });
const app = await createApp(config, { metrics });
const log = createLogger({ ...parseLogSettings({ format: 'json', level: 'info', isTty: false }), redact: app.redact });
const work = new WorkTracker();
const runtime = await startRuntime(
  {
    metrics,
    checks: [inventoryCheck(() => app.inventory), auditFileCheck(config.auditFile)],
    metricsPort: 0,
    graceMs: parseShutdownGrace(process.env.NETOPS_SHUTDOWN_GRACE),
    log,
    work,
    audit: app.audit,
    clock: systemClock,
    stopIntake: () => undefined,
    close: () => app.close(),
  },
  process,
);
process.stdout.write(`probe ${runtime.probe?.port}\n`);

let done = 0;
const observer = (e: JobEvent) => {
  if (e.type === 'device-done') process.stdout.write(`progress ${++done}\n`);
};
const [mode, line = ''] = process.argv.slice(2);
const alice = { id: 'alice', name: 'alice', via: 'console' as const };
if (mode === 'change') {
  app.service.onChangeApproved((handle) => {
    work.add({ job: handle.job, cancel: handle.cancel, done: handle.start({ observer }) });
  });
  const sub = await app.service.submit(line, alice);
  if (sub.kind !== 'change') throw new Error(`not a change: ${sub.kind}`);
  await app.service.approve(sub.change.id, { id: 'bob', name: 'bob', via: 'console' });
} else {
  const sub = await app.service.submit(line, alice, observer);
  if (sub.kind !== 'job') throw new Error(`not a job: ${sub.kind}`);
  work.add({ job: sub.job, cancel: sub.cancel, done: sub.done });
}
process.stdout.write('submitted\n');
// Nothing else holds the process: the stop controller decides when it ends.
setInterval(() => undefined, 60_000);
