/** Reading a child process's /metrics the way an operator's Prometheus does. */
import assert from 'node:assert/strict';
import type { Child } from '../support/scale-out-rig.js';
import { type Exposition, parseExposition } from './prom-text.js';

/** Probe on a free port, JSON logs: what the scale-out metrics tests start their processes with. */
export const PROBE = { NETOPS_METRICS_PORT: '0', NETOPS_LOG_FORMAT: 'json' };

/** The probe port a process logged at start-up (main.ts and worker-main.ts both say it). */
export async function probePort(c: Child): Promise<number> {
  const line = await c.waitFor(/\/readyz on :\d+/);
  return Number(/\/readyz on :(\d+)/.exec(line.text)![1]);
}

export const scrape = async (port: number): Promise<Exposition> => {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`);
  assert.equal(res.status, 200);
  return parseExposition(await res.text());
};
