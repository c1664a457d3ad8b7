/**
 * npm run bench: show-version through the real product path (Slack adapter against the fake
 * Slack Web API, parser, policy, job engine, SSH sessions) against a lab in its own process.
 * One line per case; figures, not assertions.
 *   npm run bench                  the standard cases
 *   npm run bench -- 1000:200:200  chosen cases, N:C:L[:H[:A]] (devices, concurrency, latency ms,
 *                                  logins starting together, default (or 0) the product's NETOPS_MAX_HANDSHAKES;
 *                                  audit records already in the trail, default 0)
 *   npm run bench -- 1000:200:0/200  L/R: command time L and the network's round-trip time R, ms
 *   npm run bench -- first-ack     only the last line: the first Socket Mode ack of a fresh `npm start`
 * After the cases, the first-ack line (bench/first-ack-run.ts; npm run bench:first-ack for more).
 */
import { execFile } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { promisify } from 'node:util';
import { FIRST_ACK_LEGEND, firstAckLine } from './first-ack-run.js';

const run = promisify(execFile);
type Case = { n: number; c: number; l: number; r?: number; h?: number; a?: number };

const standard: Case[] = [];
for (const n of [10, 100, 500, 1000]) for (const l of [0, 200]) for (const c of [50, 200]) standard.push({ n, c, l });
if (cpus().length >= 4 && totalmem() > 8 * 2 ** 30) standard.push({ n: 2000, c: 200, l: 200 });
// The goal case again with every login starting at once, as before the login gate: what the gate buys.
standard.push({ n: 1000, c: 200, l: 200, h: 2000 });
// And with a trail that has been running a while: the active file half full, as it mostly is.
standard.push({ n: 1000, c: 200, l: 200, a: 12_500 });
// Devices across a WAN: each packet 200 ms round trip, commands answered at once. What round trips cost.
for (const n of [10, 1000]) standard.push({ n, c: 200, l: 0, r: 200 });

const args = process.argv.slice(2);
const onlyFirstAck = args.includes('first-ack');
const chosen = args
  .filter((a) => a !== 'first-ack')
  .map((a) => {
    const [n, c, lr, h, trail] = a.split(':');
    const [l, r] = (lr ?? '0').split('/').map(Number);
    return { n: Number(n), c: Number(c), l: l!, r: r ?? 0, h: Number(h ?? 0), a: Number(trail ?? 0) };
  });

console.log(`netops bench: node ${process.version}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB`);
console.log(
  "job: from the job's start (after its message is posted) to its last device result; ratio = job / ideal; summary: slash command to the summary edit in Slack",
);
console.log('peak RSS: the bot process, which also hosts the fake Slack Web API (so it overstates the bot alone)');
console.log(
  "H: SSH logins starting together (NETOPS_MAX_HANDSHAKES); trail: audit records on disk before the job; device p50/p90: one device's time inside the job, against single",
);
console.log("bot CPU/device: the bot process's CPU time (user + system) from the slash command to the summary, divided by N");
console.log(
  'single: one device alone (fastest of 3) = handshake+login / prompt, enable, paging set-up / show version; loop: event-loop delay p99 of the bot and of the lab process during the job',
);
console.log(
  "R: the network's round-trip time to each device (every packet, both ways); RTs hs/ex: per connection as the lab received it (median), SSH handshake round trips / CLI exchanges; single in R: one device alone over R",
);
console.log(
  '     N     C      L      R     H   trail |     job   ideal  ratio | summary | device p50/p90 | single (hs/setup/cmd) | loop p99 bot/lab | bot CPU/device | peak RSS | conn/s | Slack calls (post/update/file) | ack median/max | failures',
);
for (const k of chosen.length ? chosen : onlyFirstAck ? [] : standard) {
  const args = [k.n, k.c, k.l, k.h || 0, k.a || 0, k.r || 0].map(String);
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'bench/case.ts', ...args], { maxBuffer: 1 << 24 });
  // biome-ignore lint/suspicious/noExplicitAny: one case's JSON line, read field by field below
  const r = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, any>;
  const by = r['slackCallsByMethod'] as Record<string, number>;
  const files = (by['files.getUploadURLExternal'] ?? 0) + (by['upload'] ?? 0) + (by['files.completeUploadExternal'] ?? 0);
  console.log(
    [
      String(r['n']).padStart(6),
      String(r['c']).padStart(5),
      `${r['l']}ms`.padStart(6),
      `${r['rttMs']}ms`.padStart(6),
      String(r['maxHandshakes']).padStart(5),
      String(r['trailRecords']).padStart(7),
      '|',
      `${r['jobMs']}ms`.padStart(8),
      `${r['idealMs']}ms`.padStart(7),
      (r['jobMs'] / r['idealMs']).toFixed(2).padStart(6),
      '|',
      `${r['wallMs']}ms`.padStart(7),
      '|',
      `${r['deviceP50Ms']}/${r['deviceP90Ms']}ms`.padStart(14),
      '|',
      `${r['singleMs']}ms (${r['handshakeMs']}/${r['setupMs']}/${r['commandMs']})`.padStart(20),
      '|',
      `${r['lab']?.['handshakeRoundTrips'] ?? '?'}/${r['lab']?.['exchanges'] ?? '?'}`.padStart(9),
      '|',
      (r['rttMs'] ? (r['singleMs'] / r['rttMs']).toFixed(1) : '-').padStart(11),
      '|',
      `${r['loopDelayP99Ms']}/${r['lab']?.['loopP99Ms'] ?? '?'} ms`.padStart(17),
      '|',
      `${r['cpuPerDeviceMs']} ms`.padStart(14),
      '|',
      `${r['peakRssMb']} MB`.padStart(8),
      '|',
      (r['n'] / (r['jobMs'] / 1000)).toFixed(0).padStart(6),
      '|',
      `${r['slackCalls']} (${by['chat.postMessage'] ?? 0}/${by['chat.update'] ?? 0}/${files})`.padStart(30),
      '|',
      `${r['ackMedianMs']}/${r['ackMaxMs']} ms`.padStart(14),
      '|',
      `${r['failures']}/${r['results']}${r['violations'] ? ` (${r['violations']} Slack limit violations)` : ''}`,
    ].join(' '),
  );
}

// The cold start the cases above never see: each case's bot is warm before its job starts.
console.log(`first ack (Socket Mode, 3 fresh npm start processes): ${FIRST_ACK_LEGEND}`);
console.log(await firstAckLine('npm start (tsx)', 'socket', ['--import', 'tsx', 'src/main.ts'], 3));
