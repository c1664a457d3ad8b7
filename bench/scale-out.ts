/**
 * npm run bench:scale-out: show-version over N simulated devices through the scale-out path
 * (console front, pg-boss queue, workers, PostgreSQL audit) with 1, 2 and 4 workers of C
 * devices each. The lab runs as several processes (bench/lab-process.ts), so neither its CPU
 * nor its sockets count against the bot. Figures, not assertions.
 *   npm run bench:scale-out                  N=10000, L=200 ms, C=200, workers 1,2,4
 *   npm run bench:scale-out -- 1000          a smaller lab
 *   npm run bench:scale-out -- 1000 --workers=1,2 --latency=50 --concurrency=100 --db=postgres://user@host/db
 *   npm run bench:scale-out -- 1000 --keep   keep the bench database to look into a bad row
 * The bench creates its own database (netops_bench_<random>) on that server and drops it at the end,
 * so the database's transaction counters are this bench's alone.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { TEST_CREDENTIALS } from '../tests/support/test-lab.js';
import { startLabProcess, type LabDevice } from './lab-child.js';
import { runCase, type CaseResult } from './scale-out-case.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const n = Number(args.find((a) => /^\d+$/.test(a)) ?? 10_000);
const latency = Number(flag('latency', '200'));
const concurrency = Number(flag('concurrency', '200'));
const workerCounts = flag('workers', '1,2,4').split(',').map(Number);
const server = flag('db', 'postgres://postgres@127.0.0.1:5432/test');
/** Keep the bench database afterwards, to look into a bad row (its name is printed). */
const keep = args.includes('--keep');
/** Devices per lab process: each is a listening socket and its sessions; a few thousand keep one process responsive. */
const PER_LAB = 2500;

async function startLabs(): Promise<{ devices: LabDevice[]; knownHosts: string; stop: () => Promise<unknown> }> {
  const sizes = Array.from({ length: Math.ceil(n / PER_LAB) }, (_, i) => Math.min(PER_LAB, n - i * PER_LAB));
  const labs = await Promise.all(sizes.map((size) => startLabProcess(size, latency)));
  // Each lab process names its devices alike: prefix all but the first (known_hosts goes by port, not name).
  const devices = labs.flatMap((l, i) => l.inventory.devices.map((d) => (i === 0 ? d : { ...d, name: `l${i}-${d.name}` })));
  return { devices, knownHosts: labs.map((l) => l.knownHosts).join(''), stop: () => Promise.all(labs.map((l) => l.stop())) };
}

async function withDatabase<T>(use: (url: string, database: string) => Promise<T>): Promise<T> {
  const database = `netops_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(server);
  url.pathname = `/${database}`;
  try {
    return await use(url.toString(), database);
  } finally {
    if (keep) console.log(`kept database ${database} (schemas bench_w<workers>)`);
    else await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  }
}

function row(r: CaseResult): string {
  return [
    String(r.workers).padStart(7),
    String(n).padStart(6),
    String(concurrency).padStart(4),
    `${latency}ms`.padStart(6),
    '|',
    `${r.jobMs}ms`.padStart(9),
    `${r.idealMs}ms`.padStart(8),
    (r.jobMs / r.idealMs).toFixed(2).padStart(6),
    `${r.wallMs}ms`.padStart(9),
    '|',
    String(r.appendsPerSecond).padStart(9),
    String(r.transactionsPerDevice).padStart(8),
    String(r.roundTripsPerDevice).padStart(9),
    '|',
    `${r.peakRssMb.front}/${r.peakRssMb.worker} MB`.padStart(14),
    '|',
    `${r.failures}/${r.results}${r.failureCodes ? ` (${r.failureCodes})` : ''}${r.duplicated ? `; ${r.duplicated} devices with two results` : ''}`,
  ].join(' ');
}

const dir = await mkdtemp(join(tmpdir(), 'netops-bench-scale-'));
const labs = await startLabs();
try {
  await writeFile(join(dir, 'inventory.json'), JSON.stringify({ devices: labs.devices }));
  await writeFile(join(dir, 'known_hosts'), labs.knownHosts);
  const env = {
    PATH: '/usr/local/bin:/usr/bin:/bin',
    HOME: dir,
    NETOPS_INVENTORY: join(dir, 'inventory.json'),
    NETOPS_KNOWN_HOSTS: join(dir, 'known_hosts'),
    NETOPS_DATA_DIR: dir,
    NETOPS_LAB: 'off',
    NETOPS_USER: 'bench',
    NETOPS_USERNAME: TEST_CREDENTIALS.username,
    NETOPS_PASSWORD: TEST_CREDENTIALS.password,
    NETOPS_ENABLE_SECRET: TEST_CREDENTIALS.enableSecret,
  };
  console.log(`netops bench:scale-out: node ${process.version}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB`);
  console.log("job: the job's own duration (job.finished); ideal = ceil(N / (workers x C)) x one device alone; wall: front start to exit");
  console.log('appends/s: audit records of the job per second of job; xact/dev: PostgreSQL transactions (commit+rollback) of the');
  console.log(
    '  bench database from the job start to the workers stopped, over N (includes the workers idle polling); trips/dev: round trips',
  );
  console.log(
    '  (Query and Sync messages) of fronts and workers from the job start to the front exit, over N; peak RSS: front/largest worker',
  );
  console.log(
    'workers      N    C      L |       job    ideal  ratio      wall | appends/s xact/dev trips/dev |   peak RSS f/w | failures',
  );
  await withDatabase(async (url, database) => {
    for (const workers of workerCounts) {
      const r = await runCase({
        url,
        database,
        schema: `bench_w${workers}`,
        workers,
        concurrency,
        devices: labs.devices.length,
        env,
        first: labs.devices[0]!.name,
      });
      console.log(row(r));
    }
  });
} finally {
  await labs.stop();
  await rm(dir, { recursive: true, force: true });
}
