/**
 * npm run bench:tools: the same fan-out (`show version` on N devices, C at once, each command
 * answered after L ms, each packet R ms round trip) done by the bot and by the tools engineers
 * use, against the same lab definition, each in its own processes: Netmiko as a typical script
 * runs it (defaults, and fast_cli), and the seed's approach, Python asyncio + asyncssh
 * (bench/tools/asyncssh_show_version.py). Each tool's line gives its wall time and CPU and the
 * ratio bot/tool. Figures, not assertions.
 *   npm run bench:tools                    the standard cases
 *   npm run bench:tools -- 200:50:200      chosen cases, N:C:L or N:C:L/R
 * Needs Debian's python3-netmiko and python3-asyncssh for /usr/bin/python3; without them it says
 * how to install them and exits.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { percentile } from '../src/core/percentile.js';
import { TEST_CREDENTIALS } from '../tests/support/test-lab.js';
import { startLabProcess, type LabDevice } from './lab-child.js';
import { pythonModuleMissing, runTool, toolVersions } from './tools/python-tool.js';

type Case = { n: number; c: number; l: number; r: number };
type Tool = { label: string; script: string; fastCli?: boolean };
/** One line of the table: the bot's run or a tool's. */
interface Row {
  wallMs: number;
  ideal: number;
  single: number;
  p50: number | undefined;
  p90: number | undefined;
  cpuMs: number;
  peakRssMb: number;
  labCpuMs: number;
  failed: number;
  total: number;
  errors?: string[];
}

const NETMIKO: Tool[] = [
  { label: 'netmiko', script: 'netmiko_show_version.py' },
  { label: 'netmiko fast_cli', script: 'netmiko_show_version.py', fastCli: true },
];
const ASYNCSSH: Tool = { label: 'asyncio+asyncssh', script: 'asyncssh_show_version.py' };

// Netmiko is left out at 1000:200: on 2 cores its 200 threads hold one core at 100% (the GIL)
// and the case ran for many minutes against an ideal of 30 s; the seed's asyncio script runs it.
const standard: Case[] = [
  { n: 200, c: 50, l: 200, r: 0 },
  { n: 200, c: 50, l: 0, r: 200 },
  { n: 1000, c: 200, l: 200, r: 0 },
];
const toolsFor = (k: Case): Tool[] => (k.n >= 1000 ? [ASYNCSSH] : [...NETMIKO, ASYNCSSH]);

async function runBot(k: Case): Promise<Row> {
  const args = [k.n, k.c, k.l, 0, 0, k.r].map(String);
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/case.ts', ...args], { maxBuffer: 1 << 24 });
  // biome-ignore lint/suspicious/noExplicitAny: one case's JSON line, read field by field below
  const r = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, any>;
  return {
    wallMs: Number(r['jobMs']),
    ideal: Number(r['idealMs']),
    single: Number(r['singleMs']),
    p50: Number(r['deviceP50Ms']),
    p90: Number(r['deviceP90Ms']),
    cpuMs: Number(r['cpuPerDeviceMs']) * k.n,
    peakRssMb: Number(r['peakRssMb']),
    labCpuMs: Number(r['lab']?.['userMs'] ?? 0) + Number(r['lab']?.['systemMs'] ?? 0),
    failed: Number(r['failures']),
    total: Number(r['results']),
  };
}

async function runToolCase(k: Case, tool: Tool): Promise<Row> {
  const lab = await startLabProcess(k.n, k.l, k.r);
  const dir = await mkdtemp(join(tmpdir(), 'netops-bench-tools-'));
  try {
    const knownHosts = join(dir, 'known_hosts');
    await writeFile(knownHosts, lab.knownHosts);
    const job = (devices: LabDevice[], concurrency: number) => ({
      devices,
      concurrency,
      knownHosts,
      fastCli: tool.fastCli,
      username: TEST_CREDENTIALS.username,
      password: TEST_CREDENTIALS.password,
      secret: TEST_CREDENTIALS.enableSecret,
    });
    // One device alone, the unit of the ideal: the fastest of three, as bench/case.ts does for the bot.
    const singles: number[] = [];
    for (let i = 0; i < 3; i++) singles.push((await runTool(tool.script, job([lab.inventory.devices[0]!], 1))).wallMs);
    const single = Math.min(...singles);
    const r = await runTool(tool.script, job(lab.inventory.devices, k.c));
    const ms = r.devices.map((d) => d.ms).sort((a, b) => a - b);
    const labStats = await lab.stop();
    return {
      wallMs: r.wallMs,
      ideal: Math.ceil(k.n / k.c) * single,
      single,
      p50: percentile(ms, 0.5),
      p90: percentile(ms, 0.9),
      cpuMs: r.cpuMs,
      peakRssMb: r.peakRssMb,
      labCpuMs: (labStats['userMs'] ?? 0) + (labStats['systemMs'] ?? 0),
      failed: r.failed,
      total: r.ok + r.failed,
      errors: r.errors,
    };
  } catch (e) {
    await lab.stop();
    throw e;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const missing = [pythonModuleMissing('netmiko', 'python3-netmiko'), pythonModuleMissing('asyncssh', 'python3-asyncssh')].filter(Boolean);
if (missing.length) {
  for (const m of missing) console.log(`bench:tools: ${m}`);
  process.exit(0);
}
const nm = await toolVersions('netmiko_show_version.py');
const as = await toolVersions('asyncssh_show_version.py');
const chosen = process.argv.slice(2).map((a) => {
  const [n, c, lr] = a.split(':');
  const [l, r] = (lr ?? '0').split('/').map(Number);
  return { n: Number(n), c: Number(c), l: l!, r: r ?? 0 };
});

console.log(
  `netops bench:tools: node ${process.version}, python ${nm['python']}, netmiko ${nm['netmiko']}, paramiko ${nm['paramiko']}, ` +
    `asyncssh ${as['asyncssh']}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB`,
);
console.log("bot: npm run bench's path (Slack slash command to summary); wall = its job time, CPU = the bot process over the job");
console.log(
  'netmiko: ThreadPoolExecutor(C), ConnectHandler + enable() + send_command("show version") per device; fast_cli: its shorter waits',
);
console.log("asyncio+asyncssh (the seed's approach): Semaphore(C), shell with a pty, prompt, enable + secret, paging off, the command");
console.log(
  "wall: the fan-out inside the tool's process; ideal = ceil(N/C) x single (fastest of 3 alone); CPU / RSS: that process; lab CPU: the lab, whole case",
);
console.log(
  '     N     C      L      R  tool             |    wall   ideal  ratio | device p50/p90 |  single |     CPU | peak RSS | lab CPU | bot/tool wall  CPU | failures',
);
for (const k of chosen.length ? chosen : standard) {
  const bot = await runBot(k);
  const line = (label: string, r: Row) =>
    console.log(
      [
        String(k.n).padStart(6),
        String(k.c).padStart(5),
        `${k.l}ms`.padStart(6),
        `${k.r}ms`.padStart(6),
        ` ${label.padEnd(16)}`,
        '|',
        `${r.wallMs}ms`.padStart(8),
        `${r.ideal}ms`.padStart(7),
        (r.wallMs / r.ideal).toFixed(2).padStart(6),
        '|',
        `${r.p50}/${r.p90}ms`.padStart(14),
        '|',
        `${r.single}ms`.padStart(7),
        '|',
        `${(r.cpuMs / 1000).toFixed(1)} s`.padStart(7),
        '|',
        `${r.peakRssMb} MB`.padStart(8),
        '|',
        `${(r.labCpuMs / 1000).toFixed(1)} s`.padStart(7),
        '|',
        r === bot
          ? '         -     -'
          : `${(bot.wallMs / r.wallMs).toFixed(2).padStart(10)} ${(bot.cpuMs / r.cpuMs).toFixed(2).padStart(5)}`,
        ' |',
        `${r.failed}/${r.total}`,
        ...(r.failed && r.errors ? r.errors.slice(0, 3) : []),
      ].join(' '),
    );
  line('netops bot', bot);
  for (const tool of toolsFor(k)) line(tool.label, await runToolCase(k, tool));
}
