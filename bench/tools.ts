/**
 * npm run bench:tools: the same fan-out (`show version` on N devices, C at once, the lab
 * answering each command after L ms) done with the tool engineers use today, Netmiko, as a
 * typical script does it, against the same lab in its own process, so its figures sit beside
 * `npm run bench`'s. Each case runs twice: Netmiko's defaults, and fast_cli (a tuned script).
 * One line per run; figures, not assertions.
 *   npm run bench:tools                 the standard cases
 *   npm run bench:tools -- 100:50:200   chosen cases, N:C:L
 * Needs Debian's Netmiko for /usr/bin/python3 (`sudo apt-get install python3-netmiko`).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { percentile } from '../src/core/percentile.js';
import { TEST_CREDENTIALS } from '../tests/support/test-lab.js';
import { startLabProcess, type LabDevice } from './lab-child.js';
import { netmikoMissing, netmikoVersions, runNetmiko } from './tools/netmiko.js';

type Case = { n: number; c: number; l: number };

// 1000:200:200 is left out: on 2 cores Netmiko's 200 threads hold one core at 100% (the GIL)
// and the case ran for many minutes against an ideal of 30 s; run it by hand where there is room.
const standard: Case[] = [
  { n: 100, c: 50, l: 200 },
  { n: 500, c: 50, l: 200 },
];

async function runCase(k: Case, fastCli: boolean) {
  const lab = await startLabProcess(k.n, k.l);
  const dir = await mkdtemp(join(tmpdir(), 'netops-bench-tools-'));
  try {
    const knownHosts = join(dir, 'known_hosts');
    await writeFile(knownHosts, lab.knownHosts);
    const job = (devices: LabDevice[], concurrency: number) => ({
      devices,
      concurrency,
      knownHosts,
      fastCli,
      username: TEST_CREDENTIALS.username,
      password: TEST_CREDENTIALS.password,
      secret: TEST_CREDENTIALS.enableSecret,
    });
    // One device alone, the unit of the ideal: the fastest of three, as bench/case.ts does for the bot.
    const singles: number[] = [];
    for (let i = 0; i < 3; i++) singles.push((await runNetmiko(job([lab.inventory.devices[0]!], 1))).wallMs);
    const single = Math.min(...singles);
    const r = await runNetmiko(job(lab.inventory.devices, k.c));
    const ms = r.devices.map((d) => d.ms).sort((a, b) => a - b);
    return {
      ...r,
      single,
      ideal: Math.ceil(k.n / k.c) * single,
      p50: percentile(ms, 0.5),
      p90: percentile(ms, 0.9),
      lab: await lab.stop(),
    };
  } catch (e) {
    await lab.stop();
    throw e;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const missing = netmikoMissing();
if (missing) {
  console.log(`bench:tools: ${missing}`);
  process.exit(0);
}
const versions = await netmikoVersions();
const chosen = process.argv.slice(2).map((a) => {
  const [n, c, l] = a.split(':').map(Number);
  return { n: n!, c: c!, l: l! };
});

console.log(
  `netops bench:tools: node ${process.version}, python ${versions['python']}, netmiko ${versions['netmiko']}, ` +
    `paramiko ${versions['paramiko']}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB`,
);
console.log(
  'Netmiko: ThreadPoolExecutor(max_workers=C), ConnectHandler + enable() + send_command("show version") + disconnect per device,',
);
console.log("  host keys checked against the lab's known_hosts; mode: Netmiko's defaults, or fast_cli=True");
console.log(
  'wall: the whole fan-out inside the Python process (after start-up); ideal = ceil(N/C) x single; single: one device alone (fastest of 3)',
);
console.log(
  "device p50/p90: one device's time inside the fan-out; CPU / peak RSS: the Python process; lab CPU: the lab process, whole case",
);
console.log(
  '     N     C      L     mode |    wall   ideal  ratio | device p50/p90 |  single | Python CPU | peak RSS | lab CPU | failures',
);
for (const k of chosen.length ? chosen : standard) {
  for (const fastCli of [false, true]) {
    const r = await runCase(k, fastCli);
    const labCpu = (r.lab['userMs'] ?? 0) + (r.lab['systemMs'] ?? 0);
    console.log(
      [
        String(k.n).padStart(6),
        String(k.c).padStart(5),
        `${k.l}ms`.padStart(6),
        (fastCli ? 'fast_cli' : 'defaults').padStart(8),
        '|',
        `${r.wallMs}ms`.padStart(8),
        `${r.ideal}ms`.padStart(7),
        (r.wallMs / r.ideal).toFixed(2).padStart(6),
        '|',
        `${r.p50}/${r.p90}ms`.padStart(14),
        '|',
        `${r.single}ms`.padStart(7),
        '|',
        `${(r.cpuMs / 1000).toFixed(1)} s`.padStart(10),
        '|',
        `${r.peakRssMb} MB`.padStart(8),
        '|',
        `${(labCpu / 1000).toFixed(1)} s`.padStart(7),
        '|',
        `${r.failed}/${r.ok + r.failed}`,
        ...(r.failed ? [JSON.stringify(r.failedByPlatform), ...r.errors.slice(0, 3)] : []),
      ].join(' '),
    );
  }
}
