/**
 * The scale-out rig: a simulated lab in the test process, the test file's PostgreSQL schema,
 * and fronts and workers as real child processes (`src/main.ts`, `src/worker-main.ts`) pointed
 * at both, the way an operator starts them: environment only. Optionally a TCP proxy between
 * chosen processes and PostgreSQL, to cut the database for them without stopping the server.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLab, type Lab } from '../../src/lab/lab-server.js';
import type { LabDeviceSpec } from '../../src/lab/lab-definition.js';
import { databaseProxy, type DatabaseProxy, type TestDatabase } from './postgres.js';
import { Child } from './scale-out-child.js';
import { TEST_CREDENTIALS } from './test-lab.js';

export type { Child } from './scale-out-child.js';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** One audit record as PostgreSQL holds it. */
export interface AuditRow {
  seq: number;
  action: string;
  job_id: string | null;
  targets: string[];
  outcome: string | null;
  actor: { id?: string; name?: string } | null;
  detail: Record<string, unknown> | null;
}

export interface ProcessOptions {
  /** Extra environment (NETOPS_LEASE_TTL_MS, NETOPS_DEVICE_TIMEOUT_MS...). */
  env?: Record<string, string>;
  /** Reach PostgreSQL through the rig's cuttable proxy. */
  viaProxy?: boolean;
}

export interface ScaleOutRig {
  lab: Lab;
  db: TestDatabase;
  /** Present when the rig was started with `proxy: true`. */
  proxy: DatabaseProxy | undefined;
  dir: string;
  /** A worker (`src/worker-main.ts`), resolved once it says it is ready. */
  worker(name: string, o?: ProcessOptions & { sites?: string[] }): Promise<Child>;
  /** A worker just spawned (one expected to refuse to start: await `.exited`). */
  spawnWorker(name: string, o?: ProcessOptions): Child;
  /** A console front in REPL mode fed through stdin, resolved at its first prompt. */
  front(name: string, o?: ProcessOptions & { user?: string }): Promise<Child>;
  /** A console one-shot front (`npm start -- "<line>"`): await `.exited` for its exit code. */
  oneShot(name: string, line: string, o?: ProcessOptions & { user?: string }): Child;
  /** A script of scripts/ (audit-verify.ts...) against the rig's database, with `args`; resolves when it exits. */
  script(file: string, o?: ProcessOptions & { args?: string[] }): Promise<Child>;
  /** The audit trail, in chain order. */
  audit(): Promise<AuditRow[]>;
  close(): Promise<void>;
}

/** Who wrote a record: `<host>:<pid>` as the worker names itself in the audit detail, or undefined. */
export function workerOf(row: AuditRow): string | undefined {
  const w = row.detail?.['worker'];
  if (typeof w === 'string') return w;
  if (w && typeof w === 'object' && 'pid' in w) {
    const o = w as { host?: string; hostname?: string; pid: number };
    return `${o.host ?? o.hostname ?? ''}:${o.pid}`;
  }
  return undefined;
}

/** The identity a child process names itself by: this machine's host name and its pid. */
export const identityOf = (c: Child) => `${hostname()}:${c.pid}`;

export async function scaleOutRig(
  db: TestDatabase,
  specs: LabDeviceSpec[],
  o: { proxy?: boolean; env?: Record<string, string> } = {},
): Promise<ScaleOutRig> {
  const dir = await mkdtemp(join(tmpdir(), 'netops-scale-'));
  const lab = await startLab({ host: '127.0.0.1', basePort: 0, credentials: TEST_CREDENTIALS, devices: specs });
  const proxy = o.proxy ? await databaseProxy(db.url) : undefined;
  await writeFile(join(dir, 'known_hosts'), lab.knownHosts());
  await writeFile(join(dir, 'inventory.json'), JSON.stringify(lab.inventory()));
  const children: Child[] = [];
  let n = 0;
  const envFor = (p: ProcessOptions & { user?: string; sites?: string[] }): Record<string, string> => ({
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: process.env['HOME'] ?? dir,
    NETOPS_DATABASE_URL: p.viaProxy && proxy ? proxy.url : db.url,
    NETOPS_DATABASE_SCHEMA: db.schema,
    NETOPS_INVENTORY: join(dir, 'inventory.json'),
    NETOPS_KNOWN_HOSTS: join(dir, 'known_hosts'),
    // Each process its own data directory: exports and the like, never a shared lowdb file.
    NETOPS_DATA_DIR: join(dir, `p${++n}`),
    NETOPS_USERNAME: TEST_CREDENTIALS.username,
    NETOPS_PASSWORD: TEST_CREDENTIALS.password,
    NETOPS_ENABLE_SECRET: TEST_CREDENTIALS.enableSecret,
    NETOPS_LAB: 'off',
    NETOPS_APPROVERS: 'bob,carol',
    NETOPS_USER: p.user ?? 'alice',
    NETOPS_CONNECT_TIMEOUT_MS: '5000',
    NETOPS_COMMAND_TIMEOUT_MS: '8000',
    NETOPS_DEVICE_TIMEOUT_MS: '30000',
    ...(p.sites ? { NETOPS_WORKER_SITES: p.sites.join(',') } : {}),
    ...o.env,
    ...p.env,
  });
  const spawnChild = (name: string, args: string[], p: ProcessOptions & { user?: string; sites?: string[] }) => {
    const c = new Child(name, args, { cwd: ROOT, env: envFor(p) });
    children.push(c);
    return c;
  };
  return {
    lab,
    db,
    proxy,
    dir,
    worker: async (name, p = {}) => {
      const c = spawnChild(name, ['src/worker-main.ts'], p);
      await c.waitFor(/worker.*(ready|started|listening|taking)/i);
      return c;
    },
    spawnWorker: (name, p = {}) => spawnChild(name, ['src/worker-main.ts'], p),
    front: async (name, p = {}) => {
      const c = spawnChild(name, ['src/main.ts'], p);
      await c.waitFor(/netops console: you are/);
      return c;
    },
    oneShot: (name, line, p = {}) => spawnChild(name, ['src/main.ts', line], p),
    script: async (file, p = {}) => {
      const c = spawnChild(file, [join('scripts', file), ...(p.args ?? [])], p);
      await c.exited;
      return c;
    },
    audit: async () =>
      (await db.pool.query<AuditRow>('SELECT seq::int AS seq, action, job_id, targets, outcome, actor, detail FROM audit ORDER BY seq'))
        .rows,
    close: async () => {
      await Promise.all(children.map((c) => c.end()));
      // pg-boss keeps its tables in a schema beside the test file's (queue.ts): dropped with the processes gone.
      await db.pool.query(`DROP SCHEMA IF EXISTS ${db.schema}_boss CASCADE`);
      await proxy?.close();
      await lab.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
