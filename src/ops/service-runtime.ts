/**
 * The service side of a process, in one call for main.ts (fronts) and worker-main.ts: the probe
 * routes (on their own port, or handed to Bolt's HTTP receiver), and the stop controller
 * installed on SIGTERM/SIGINT over the process's WorkTracker.
 */
import type { Logger } from 'pino';
import type { AuditSink, Clock } from '../core/ports.js';
import { boltProbeRoutes, startProbeServer, type ProbeOptions, type ProbeServer, type ReadinessCheck } from './http-probe.js';
import { createStopController, recordStopInterrupted, type StopController } from './graceful-stop.js';
import type { NetopsMetrics } from './metrics.js';
import { startStep } from './start-failure.js';
import type { WorkTracker } from './work-tracker.js';

export interface RuntimeOptions {
  metrics: NetopsMetrics;
  checks: ReadinessCheck[];
  /** NETOPS_METRICS_PORT; undefined: no port of its own (HTTP mode mounts the routes on Bolt's). */
  metricsPort?: number;
  graceMs: number;
  log: Logger;
  work: WorkTracker;
  audit: AuditSink;
  clock: Clock;
  /** Fronts: the Slack bot's refuseNew; workers: stop pulling jobs. */
  stopIntake: () => Promise<void> | void;
  /** Everything else to close, in order, once the work is done and the trail flushed. */
  close: () => Promise<void>;
  exit?: (code: number) => void;
}

export interface Runtime {
  probe?: ProbeServer;
  stop: StopController;
  /** The routes for Bolt's HTTPReceiver `customRoutes` (HTTP mode). */
  routes: ReturnType<typeof boltProbeRoutes>;
}

export async function startRuntime(o: RuntimeOptions, signals: { on(s: 'SIGTERM' | 'SIGINT', l: () => void): unknown }): Promise<Runtime> {
  const probeOptions: ProbeOptions = {
    metrics: () => o.metrics.text(),
    metricsContentType: o.metrics.registry.contentType,
    checks: o.checks,
  };
  const port = o.metricsPort;
  const probe =
    port === undefined
      ? undefined
      : await startStep({ kind: 'listen', port, setting: 'NETOPS_METRICS_PORT' }, () => startProbeServer({ ...probeOptions, port }));
  // Logged with the port it got: NETOPS_METRICS_PORT=0 takes a free one, and this says which.
  if (probe) o.log.info({ port: probe.port }, `/metrics, /healthz and /readyz on :${probe.port}`);
  const stop = createStopController({
    graceMs: o.graceMs,
    exit: o.exit ?? ((code) => process.exit(code)),
    log: (msg, fields) => o.log.info(fields ?? {}, msg),
    ports: {
      stopIntake: o.stopIntake,
      running: () => o.work.running(),
      settled: () => o.work.settled(),
      interrupt: () => o.work.interrupt(),
      recordInterrupted: (left) => recordStopInterrupted(o.audit, left, o.clock),
      flush: () => o.audit.flush(),
      close: async () => {
        await probe?.close();
        await o.close();
      },
    },
  });
  stop.install(signals);
  return { probe, stop, routes: boltProbeRoutes(probeOptions) };
}
