/**
 * npm run bench: show-version through the real product path (parser, engine, SSH sessions)
 * against a lab in another process. Prints one line per case. Figures, not assertions.
 * Usage: npm run bench [-- N:C:L ...]   e.g. npm run bench -- 12:20:0 200:50:100
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { createApp } from '../src/app.js';
import { parseInventory } from '../src/inventory/inventory.js';
import { TEST_CREDENTIALS } from '../tests/support/test-lab.js';

type Case = { n: number; c: number; l: number };
const DEFAULT_CASES: Case[] = [
  { n: 12, c: 20, l: 0 }, { n: 12, c: 20, l: 50 }, { n: 200, c: 50, l: 100 },
];

async function startLabProcess(n: number, l: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/lab-process.ts', String(n), String(l)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const first = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  const { inventory, knownHosts } = JSON.parse(first) as { inventory: unknown; knownHosts: string };
  return { inventory, knownHosts, stop: () => child.stdin!.end() };
}

async function runCase({ n, c, l }: Case): Promise<string> {
  const lab = await startLabProcess(n, l);
  const dir = await mkdtemp(join(tmpdir(), 'netops-bench-'));
  await writeFile(join(dir, 'known_hosts'), lab.knownHosts);
  const config = loadConfig({ env: {
    NETOPS_DATA_DIR: dir, NETOPS_KNOWN_HOSTS: join(dir, 'known_hosts'), NETOPS_CONCURRENCY: String(c),
    NETOPS_USERNAME: TEST_CREDENTIALS.username, NETOPS_PASSWORD: TEST_CREDENTIALS.password,
    NETOPS_ENABLE_SECRET: TEST_CREDENTIALS.enableSecret, NETOPS_LAB: 'off',
  } });
  const app = await createApp(config, { inventory: parseInventory(lab.inventory, 'bench lab') });
  const actor = { id: 'bench', name: 'bench', via: 'console' as const };
  const one = await app.service.submit(`show-version device=${app.inventory.devices[0]!.name}`, actor);
  const t1 = Date.now();
  if (one.kind === 'job') await one.done;
  const single = Date.now() - t1;
  const t0 = Date.now();
  const sub = await app.service.submit('show-version device=*', actor);
  const job = sub.kind === 'job' ? await sub.done : undefined;
  const wall = Date.now() - t0;
  const ideal = Math.ceil(n / c) * single;
  const failures = job?.results.filter((r) => r.status !== 'ok').length ?? -1;
  await app.close();
  lab.stop();
  await rm(dir, { recursive: true, force: true });
  return `N=${n} C=${c} L=${l}ms  wall=${wall}ms  single=${single}ms  ideal=${ideal}ms  wall/ideal=${(wall / ideal).toFixed(2)}  `
    + `rss=${Math.round(process.memoryUsage().rss / 2 ** 20)}MB  conn/s=${(n / (wall / 1000)).toFixed(0)}  failures=${failures}`;
}

const cases = process.argv.slice(2).map((a) => {
  const [n, c, l] = a.split(':').map(Number);
  return { n: n!, c: c!, l: l! };
});
console.log(`node ${process.version}, ${cpus().length} cores`);
for (const k of cases.length ? cases : DEFAULT_CASES) console.log(await runCase(k));
