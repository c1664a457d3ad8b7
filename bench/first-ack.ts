/**
 * npm run bench:first-ack: the first slash command after start-up, acked how fast? And how long
 * does the start take? For `npm start` (tsx compiling TypeScript as it loads) and for the
 * compiled build (`node dist/src/main.js`, after `npm run build`), each a fresh process in HTTP
 * mode against the fake Slack Web API and the built-in lab. Figures, not assertions.
 *   npm run bench:first-ack            3 runs of each
 *   npm run bench:first-ack -- 5       5 runs of each
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FAKE_BOT_TOKEN, FakeSlack } from '../tests/slack/fake-slack.js';
import { signSlackRequest, slashCommandBody } from '../tests/slack/slack-signing.js';

const ROOT = new URL('../', import.meta.url).pathname;
const SECRET = '8f742231b10e8888abcd99eeeeee85a5';
const runs = Number(process.argv[2] ?? 3);

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function ack(port: number, text: string): Promise<number> {
  const body = slashCommandBody({ text });
  const t0 = performance.now();
  const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    headers: { ...signSlackRequest(SECRET, body, Date.now() / 1000) },
    body,
  });
  await res.text();
  if (res.status !== 200) throw new Error(`ack status ${res.status}`);
  return performance.now() - t0;
}

interface Sample {
  startMs: number;
  firstAckMs: number;
  firstHelpMs: number;
  laterAckMs: number;
}

async function once(fake: FakeSlack, argv: string[]): Promise<Sample> {
  const dir = await mkdtemp(join(tmpdir(), 'netops-first-ack-'));
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, argv, {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: String(port),
      NETOPS_LAB: 'on',
      NETOPS_DATA_DIR: dir,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      let err = '';
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString();
        if (/listening on/.test(err)) resolve();
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
    });
    const startMs = performance.now() - t0;
    const firstAckMs = await ack(port, 'show-version site=east');
    const firstHelpMs = await ack(port, 'help');
    await new Promise((r) => setTimeout(r, 1500)); // the job ends; the next ack is a warm one
    const laterAckMs = await ack(port, 'show-version site=west');
    return { startMs, firstAckMs, firstHelpMs, laterAckMs };
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    await rm(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (ms: number) => `${ms.toFixed(0).padStart(6)} ms`;

const variants: [string, string[]][] = [['npm start (tsx)', ['--import', 'tsx', 'src/main.ts']]];
if (existsSync(join(ROOT, 'dist/src/main.js'))) variants.push(['compiled (dist)', ['dist/src/main.js']]);
else console.log('no dist/: run npm run build first to measure the compiled entry point');

const fake = await FakeSlack.start();
try {
  console.log(`netops first-ack bench: node ${process.version}, ${runs} fresh processes each, medians (max)`);
  console.log(
    'start: spawn to "listening"; first ack: the first /net show-version after start; help: the first reply in an ack; later: a warm one',
  );
  for (const [name, argv] of variants) {
    const samples: Sample[] = [];
    for (let i = 0; i < runs; i++) samples.push(await once(fake, argv));
    const col = (k: keyof Sample) => `${fmt(median(samples.map((s) => s[k])))} (${Math.max(...samples.map((s) => s[k])).toFixed(0)})`;
    console.log(
      `${name.padEnd(16)} start ${col('startMs')}  first ack ${col('firstAckMs')}  help ${col('firstHelpMs')}  later ${col('laterAckMs')}`,
    );
  }
} finally {
  await fake.close();
}
