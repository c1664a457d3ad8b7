/**
 * The benchmark's lab, in its own process so its CPU does not count against the bot.
 * argv: <devices> <latencyMs> [rttMs]. Prints one JSON line {inventory, knownHosts} when ready; stops on stdin close.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startLab } from '../src/lab/lab-server.js';
import { labSpecs, TEST_CREDENTIALS } from '../tests/support/test-lab.js';

const loop = monitorEventLoopDelay({ resolution: 10 });
const n = Number(process.argv[2] ?? 10);
const latencyMs = Number(process.argv[3] ?? 0);
const rttMs = Number(process.argv[4] ?? 0);
const devices = labSpecs(n, () => ({ latencyMs })).map((d) => ({ ...d, rttMs }));
const lab = await startLab({ host: '127.0.0.1', basePort: 0, credentials: TEST_CREDENTIALS, devices });

/** What the lab received, over every connection of the case: the median of each count, and the most. */
function roundTrips() {
  const all = Object.values(lab.connections()).flat();
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  return {
    connections: all.length,
    handshakeRoundTrips: median(all.map((r) => r.handshakeRoundTrips)),
    exchanges: median(all.map((r) => r.exchanges)),
    exchangesMax: Math.max(0, ...all.map((r) => r.exchanges)),
    lines: median(all.map((r) => r.lines)),
  };
}
process.stdout.write(`${JSON.stringify({ inventory: lab.inventory(), knownHosts: lab.knownHosts() })}\n`);
loop.enable();
process.stdin.resume();
process.stdin.on('end', () => {
  const cpu = process.cpuUsage();
  // The lab's own CPU, so the bench can tell a saturated lab from a slow bot.
  process.stderr.write(
    `lab-cpu ${JSON.stringify({
      userMs: Math.round(cpu.user / 1000),
      systemMs: Math.round(cpu.system / 1000),
      loopP99Ms: Math.round(loop.percentile(99) / 1e6),
      loopMaxMs: Math.round(loop.max / 1e6),
      ...roundTrips(),
    })}\n`,
  );
  void lab.close().then(() => process.exit(0));
});
