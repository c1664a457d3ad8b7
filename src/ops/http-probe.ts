/**
 * `/metrics`, `/healthz` and `/readyz`: served on their own port (NETOPS_METRICS_PORT, and
 * every worker), or mounted on Bolt's HTTP receiver as custom routes in HTTP mode.
 *
 * /healthz says the process is alive (its event loop answers). /readyz runs each readiness
 * check with a deadline and answers 503 with the failed checks named, so an orchestrator
 * stops sending traffic while the database is away and resumes when it is back.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One readiness condition; `check` throws (or rejects) with the reason when it does not hold. */
export interface ReadinessCheck {
  name: string;
  check(signal: AbortSignal): Promise<void> | void;
}

export interface ProbeOptions {
  /** Prometheus text of every metric. */
  metrics: () => Promise<string>;
  /** The exposition's content type (prom-client's registry.contentType). */
  metricsContentType: string;
  checks: ReadinessCheck[];
  /** A check that has not answered by then has failed (default 2 s: probes time out at 1-10 s). */
  checkTimeoutMs?: number;
}

export interface ReadinessReport {
  ready: boolean;
  checks: { name: string; ok: boolean; reason?: string }[];
}

/** Runs every check at once; each gets its own deadline. */
export async function readiness(checks: ReadinessCheck[], timeoutMs = 2000): Promise<ReadinessReport> {
  const results = await Promise.all(
    checks.map(async ({ name, check }) => {
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        await Promise.race([
          check(signal),
          new Promise((_, reject) =>
            signal.addEventListener('abort', () => reject(new Error(`no answer within ${timeoutMs} ms`)), { once: true }),
          ),
        ]);
        return { name, ok: true };
      } catch (err) {
        return { name, ok: false, reason: (err as Error)?.message ?? String(err) };
      }
    }),
  );
  return { ready: results.every((r) => r.ok), checks: results };
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(`${JSON.stringify(body)}\n`);
};

/** The three routes, by path. */
export function probeRoutes(o: ProbeOptions): Record<'/metrics' | '/healthz' | '/readyz', Handler> {
  const failed = (res: ServerResponse, err: unknown) => json(res, 500, { error: (err as Error)?.message ?? String(err) });
  return {
    '/metrics': (_req, res) => {
      o.metrics().then(
        (text) => {
          res.writeHead(200, { 'content-type': o.metricsContentType });
          res.end(text);
        },
        (err: unknown) => failed(res, err),
      );
    },
    '/healthz': (_req, res) => json(res, 200, { status: 'ok' }),
    '/readyz': (_req, res) => {
      readiness(o.checks, o.checkTimeoutMs).then(
        (report) => {
          const failedChecks = report.checks.filter((c) => !c.ok);
          json(res, report.ready ? 200 : 503, {
            status: report.ready ? 'ready' : 'not ready',
            failed: failedChecks,
            checks: report.checks,
          });
        },
        (err: unknown) => failed(res, err),
      );
    },
  };
}

/** The routes in the shape Bolt's HTTPReceiver and SocketModeReceiver take as `customRoutes`. */
export function boltProbeRoutes(o: ProbeOptions): { path: string; method: string; handler: Handler }[] {
  return Object.entries(probeRoutes(o)).map(([path, handler]) => ({ path, method: 'GET', handler }));
}

export interface ProbeServer {
  port: number;
  close(): Promise<void>;
}

/** The routes on a port of their own (workers, the console, Socket Mode). */
export async function startProbeServer(o: ProbeOptions & { port: number; host?: string }): Promise<ProbeServer> {
  const routes: Record<string, Handler> = probeRoutes(o);
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://probe').pathname;
    const route = req.method === 'GET' || req.method === 'HEAD' ? routes[path] : undefined;
    if (route) return route(req, res);
    json(res, 404, { error: `no route ${req.method} ${path}; try /metrics, /healthz or /readyz` });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host ?? '0.0.0.0', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
