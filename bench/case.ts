/**
 * One benchmark case in its own process (so peak RSS is this case's): lab in a child
 * process, the bot's core and Slack adapter (HTTP mode) here, the fake Slack Web API on
 * loopback. argv: N C L [H: NETOPS_MAX_HANDSHAKES, 0 or none the product's] [A: audit records
 * already in the trail, default 0] [R: the network's round-trip time to each device, ms, default 0].
 * Prints one JSON line.
 */
import { execFile } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { connectSsh } from '../src/devices/ssh-transport.js';
import { KnownHosts } from '../src/devices/known-hosts.js';
import { ChannelBuffer } from '../src/devices/channel-buffer.js';
import { CliSession } from '../src/devices/cli-session.js';
import { platformOf } from '../src/devices/platforms/index.js';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { createApp } from '../src/app.js';
import { parseInventory } from '../src/inventory/inventory.js';
import { startSlackBot } from '../src/slack/slack-bot.js';
import { systemClock } from '../src/core/clock.js';
import { TEST_CREDENTIALS } from '../tests/support/test-lab.js';
import { FAKE_BOT_TOKEN, FakeSlack } from '../tests/slack/fake-slack.js';
import { quietLogger } from '../tests/slack/fake-slack-testkit.js';
import { signSlackRequest, slashCommandBody } from '../tests/slack/slack-signing.js';
import { percentile } from '../src/core/percentile.js';
import { startLabProcess } from './lab-child.js';

const [n, c, l] = process.argv.slice(2).map(Number) as [number, number, number];
const maxHandshakes = Number(process.argv[5] ?? 0) || undefined;
const trailRecords = Number(process.argv[6] ?? 0);
const rttMs = Number(process.argv[7] ?? 0);
const run = promisify(execFile);
const SECRET = 'abcdef0123456789abcdef0123456789';

const lab = await startLabProcess(n, l, rttMs);
const dir = await mkdtemp(join(tmpdir(), 'netops-bench-'));
await writeFile(join(dir, 'known_hosts'), lab.knownHosts);
// In a child, so the pre-fill's garbage does not count in this process's peak RSS.
if (trailRecords > 0)
  await run(process.execPath, ['--import', 'tsx', 'bench/audit-prefill.ts', join(dir, 'audit.json'), String(trailRecords)]);
const config = loadConfig({
  env: {
    NETOPS_DATA_DIR: dir,
    NETOPS_KNOWN_HOSTS: join(dir, 'known_hosts'),
    NETOPS_CONCURRENCY: String(c),
    NETOPS_USERNAME: TEST_CREDENTIALS.username,
    NETOPS_PASSWORD: TEST_CREDENTIALS.password,
    NETOPS_ENABLE_SECRET: TEST_CREDENTIALS.enableSecret,
    NETOPS_LAB: 'off',
    ...(maxHandshakes ? { NETOPS_MAX_HANDSHAKES: String(maxHandshakes) } : {}),
  },
});
const app = await createApp(config, { inventory: parseInventory(lab.inventory, 'bench lab') });
const fake = await FakeSlack.start({ minUpdateIntervalMs: 900 });
const bot = await startSlackBot({
  slack: { mode: 'http', botToken: FAKE_BOT_TOKEN, signingSecret: SECRET, port: 0, apiUrl: fake.apiUrl },
  service: app.service,
  clock: systemClock,
  logger: quietLogger(),
  botIdentity: { botId: fake.identity.botId, botUserId: fake.identity.botUserId },
});
const url = `http://127.0.0.1:${bot.port}/slack/events`;
const slash = async (text: string) => {
  const body = slashCommandBody({ text });
  const t0 = performance.now();
  const res = await fetch(url, { method: 'POST', headers: { ...signSlackRequest(SECRET, body, Date.now() / 1000) }, body });
  await res.text();
  return performance.now() - t0;
};

// Where one device's time goes: handshake and login, session set-up (prompt, enable, paging), the command.
async function breakdown() {
  const device = app.inventory.devices[0]!;
  const knownHosts = await KnownHosts.load(join(dir, 'known_hosts'));
  const never = new AbortController().signal;
  const t0 = performance.now();
  const ssh = await connectSsh(
    { host: device.host, port: device.port, credential: config.credentials['default']!, route: {} },
    { knownHosts, trustOnFirstUse: false, connectTimeoutMs: 10_000, keepaliveMs: 0 },
    never,
  );
  const t1 = performance.now();
  const channel = await ssh.requestShell({ term: 'vt100', cols: 511, rows: 24 });
  const session = new CliSession(new ChannelBuffer(channel, device.name), platformOf(device.platform)!, device.name, async () => {
    ssh.dispose();
  });
  await session.prepare({ enableSecret: TEST_CREDENTIALS.enableSecret, timeoutMs: 10_000, signal: never });
  const t2 = performance.now();
  await session.run('show version', { timeoutMs: 10_000, signal: never });
  const t3 = performance.now();
  await session.close();
  return { handshakeMs: Math.round(t1 - t0), setupMs: Math.round(t2 - t1), commandMs: Math.round(t3 - t2) };
}
const phases = await breakdown();

// One device alone, through the same path: the unit of the ideal time. The fastest of three,
// so a slow run (a JIT warm-up, a GC, a busy neighbour) cannot make the ideal easy.
const actor = { id: 'bench', name: 'bench', via: 'console' as const };
const SINGLE_RUNS = 3;
const singles: number[] = [];
for (let i = 0; i < SINGLE_RUNS; i++) {
  const one = await app.service.submit(`show-version device=${app.inventory.devices[0]!.name}`, actor);
  const t1 = performance.now();
  if (one.kind === 'job') await one.done;
  singles.push(performance.now() - t1);
}
const single = Math.min(...singles);

// The job itself, from Slack; meanwhile /net help every 100 ms measures the ack.
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
const callsBefore = fake.calls.length;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const acks: number[] = [await slash('show-version device=* --confirm')];
let running = true;
const prober = (async () => {
  while (running) {
    await new Promise((r) => setTimeout(r, 100));
    if (running) acks.push(await slash('help'));
  }
})();
await bot.idle();
const wall = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
loopDelay.disable();
running = false;
await prober;
const jobCalls = fake.calls.slice(callsBefore).filter((k) => k.method !== 'auth.test');
// The single-device runs were the first jobs; the job is the one after them (and not one of the pre-filled trail's).
const theJob = (r: { jobId?: string; seq: number }) => r.jobId === `J-${SINGLE_RUNS + 1}` && r.seq > trailRecords;
const results = (await app.audit.query({ action: 'device.result' })).filter(theJob);
const finished = (await app.audit.query({ action: 'job.finished' })).find(theJob);
const jobMs = Number(finished?.detail?.['durationMs'] ?? NaN);
acks.sort((a, b) => a - b);
// How long each device took inside the job: contention shows as devices slower than the single one.
const deviceMs = results.map((r) => Number(r.detail?.['durationMs'] ?? NaN)).sort((a, b) => a - b);
console.log(
  JSON.stringify({
    n,
    c,
    l,
    rttMs,
    maxHandshakes: config.maxHandshakes,
    trailRecords,
    jobMs,
    wallMs: Math.round(wall),
    singleMs: Math.round(single),
    idealMs: Math.round(Math.ceil(n / c) * single),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    slackCalls: jobCalls.length,
    slackCallsByMethod: Object.fromEntries(
      [...new Set(jobCalls.map((k) => k.method))].map((m) => [m, jobCalls.filter((k) => k.method === m).length]),
    ),
    ackMedianMs: Math.round(acks[Math.floor(acks.length / 2)]! * 10) / 10,
    ackMaxMs: Math.round(acks.at(-1)! * 10) / 10,
    acks: acks.length,
    deviceP50Ms: percentile(deviceMs, 0.5),
    deviceP90Ms: percentile(deviceMs, 0.9),
    deviceMaxMs: deviceMs.at(-1),
    failures: results.filter((r) => r.outcome !== 'ok').length,
    results: results.length,
    violations: fake.violations.length,
    ...phases,
    lab: await lab.stop(),
    // The bot's own CPU (user + system) from the slash command to the summary, per device.
    cpuPerDeviceMs: Math.round(((cpu.user + cpu.system) / 1000 / n) * 100) / 100,
    loopDelayP99Ms: Math.round(loopDelay.percentile(99) / 1e6),
    loopDelayMaxMs: Math.round(loopDelay.max / 1e6),
  }),
);
await bot.stop();
await fake.close();
await app.close();
await rm(dir, { recursive: true, force: true });
process.exit(0);
