/**
 * The real entry points (src/main.ts, src/worker-main.ts) as child processes, the way an
 * operator starts them: environment only, a lab in the test process (so the test sees what the
 * devices saw, and when), the audit trail read back and verified by `npm run audit:verify`.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AuditLog } from '../../src/audit/audit-log.js';
import { systemClock } from '../../src/core/clock.js';
import type { AuditRecord } from '../../src/core/ports.js';
import { createRedactor } from '../../src/core/redact.js';
import type { LabDeviceSpec } from '../../src/lab/lab-definition.js';
import { startLab, type Lab } from '../../src/lab/lab-server.js';
import { Child, PATIENCE_MS } from '../support/scale-out-child.js';
import { TEST_CREDENTIALS } from '../support/test-lab.js';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** Device results that are an end: what a device that was cut short never gets. */
export const FINAL = new Set(['ok', 'failed', 'timeout', 'skipped']);

export interface EntryRig {
  lab: Lab;
  dir: string;
  /** The environment of a process on this rig: inventory, known hosts, credentials, its data directory. */
  env(extra?: Record<string, string>): Record<string, string>;
  /** A console front (src/main.ts) reading lines from its stdin, resolved at its banner. */
  front(extra?: Record<string, string>): Promise<Child>;
  /** A one-shot front (`npm start -- "<line>"`) on the same data directory: await `.exited`. */
  oneShot(line: string, extra?: Record<string, string>): Child;
  close(): Promise<void>;
}

/** The settings every process here shares: only what is set here, nothing from the test's own environment. */
export function baseEnv(dir: string): Record<string, string> {
  return {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: process.env['HOME'] ?? dir,
    NETOPS_DATA_DIR: dir,
    NETOPS_USER: 'alice',
    NETOPS_LOG_FORMAT: 'json',
    NETOPS_METRICS_PORT: '0',
  };
}

/** A bot on the test lab: the inventory and known_hosts written in `dir`, the lab's login, no built-in lab. */
export function labFilesEnv(dir: string): Record<string, string> {
  return {
    NETOPS_INVENTORY: join(dir, 'inventory.json'),
    NETOPS_KNOWN_HOSTS: join(dir, 'known_hosts'),
    NETOPS_LAB: 'off',
    NETOPS_USERNAME: TEST_CREDENTIALS.username,
    NETOPS_PASSWORD: TEST_CREDENTIALS.password,
    NETOPS_ENABLE_SECRET: TEST_CREDENTIALS.enableSecret,
  };
}

export async function entryRig(specs: LabDeviceSpec[]): Promise<EntryRig> {
  const dir = await mkdtemp(join(tmpdir(), 'netops-entry-'));
  const lab = await startLab({ host: '127.0.0.1', basePort: 0, credentials: TEST_CREDENTIALS, devices: specs });
  await writeFile(join(dir, 'inventory.json'), JSON.stringify(lab.inventory()));
  await writeFile(join(dir, 'known_hosts'), lab.knownHosts());
  const children: Child[] = [];
  const spawnChild = (args: string[], extra?: Record<string, string>) => {
    const c = new Child('front', args, { cwd: ROOT, env: env(extra) });
    children.push(c);
    return c;
  };
  const env = (extra: Record<string, string> = {}) => ({
    ...baseEnv(dir),
    ...labFilesEnv(dir),
    NETOPS_CONNECT_TIMEOUT_MS: '10000',
    NETOPS_COMMAND_TIMEOUT_MS: '10000',
    NETOPS_DEVICE_TIMEOUT_MS: '60000',
    ...extra,
  });
  return {
    lab,
    dir,
    env,
    front: async (extra) => {
      const c = spawnChild(['src/main.ts'], extra);
      await c.waitFor(/netops console: you are/);
      return c;
    },
    oneShot: (line, extra) => spawnChild(['src/main.ts', line], extra),
    close: async () => {
      await Promise.all(children.map((c) => c.end()));
      await lab.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The devices the lab has an SSH connection open to now, and those whose connection has closed. */
export function labSessions(lab: Lab): { open: Set<string>; closed: Set<string> } {
  const open = new Set<string>();
  const closed = new Set<string>();
  for (const c of lab.configModeLog().connections) (c.closedAt === undefined ? open : closed).add(c.device);
  return { open, closed };
}

/** Polls `check` (the lab's records, a child's output) until it holds: no fixed sleeps, a generous limit. */
export async function until(check: () => boolean, what: string, timeoutMs = PATIENCE_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The trail in `dir`, in order. */
export async function readTrail(dir: string): Promise<AuditRecord[]> {
  const audit = await AuditLog.open(join(dir, 'audit.json'), { clock: systemClock, redact: createRedactor([]) });
  try {
    return await audit.query({});
  } finally {
    await audit.flush();
  }
}

/** `npm run audit:verify` on `env`'s data directory, as an operator runs it after a stop. */
export function npmAuditVerify(env: Record<string, string>): Promise<{ code: number; stdout: string }> {
  return new Promise((resolvePromise) => {
    execFile('npm', ['run', '--silent', 'audit:verify'], { cwd: ROOT, env, timeout: PATIENCE_MS }, (err, stdout, stderr) =>
      resolvePromise({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout: `${stdout}${stderr}` }),
    );
  });
}

/** A child's JSON log lines (stderr), parsed; a line that is not JSON is a failure of the logs. */
export function logRecords(c: Child): Record<string, unknown>[] {
  return c.lines.filter((l) => l.stream === 'err').map((l) => JSON.parse(l.text) as Record<string, unknown>);
}

/** The probe port a process logged (`/metrics, /healthz and /readyz on :<port>`). */
export async function probePort(c: Child): Promise<number> {
  const line = await c.waitFor(/\/healthz and \/readyz on :\d+/);
  return Number((JSON.parse(line.text) as { port: number }).port);
}

/** Sends `signal` to the child's node process (no shell between them). */
export function signal(c: Child, sig: NodeJS.Signals): void {
  process.kill(c.pid, sig);
}

/** The devices a trail's `job.interrupted` records name, by job. */
export function interruptedDevices(trail: AuditRecord[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const r of trail.filter((x) => x.action === 'job.interrupted')) m.set(String(r.jobId), (r.detail as { devices: string[] }).devices);
  return m;
}
