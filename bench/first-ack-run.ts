/**
 * The first slash command after start-up: how fast is it acked, against the ones after it?
 * Each sample is a fresh `npm start` process (or the compiled build) on the built-in lab, a
 * Slack front against the fake Slack (tests/slack, as the rest of the bench uses it). The first
 * command goes out the moment the front says it is up ("Slack Socket Mode connected", or
 * "listening on" in HTTP mode); once its job has ended, a few more show what a warm ack costs.
 * Figures, not assertions: npm run bench prints the Socket Mode line, npm run bench:first-ack both modes.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FAKE_APP_TOKEN, FAKE_BOT_TOKEN, FakeSlack } from '../tests/slack/fake-slack.js';
import { signSlackRequest, slashCommandBody, slashCommandPayload } from '../tests/slack/slack-signing.js';

const ROOT = new URL('../', import.meta.url).pathname;
const SECRET = '8f742231b10e8888abcd99eeeeee85a5';
const FIRST = 'show-version site=east';
/** After the first job: a reply, jobs, and jobs again (each posts its own message). */
const LATER = ['help', 'show-version site=west', 'devices site=east', 'jobs', 'show-version site=east'];

export type FrontMode = 'socket' | 'http';

export interface FirstAckSample {
  /** Spawn to the front saying it is up. */
  startMs: number;
  firstAckMs: number;
  laterAckMs: number[];
  /** Slack limits the fake saw broken (a late ack among them). */
  violations: number;
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function httpAck(port: number, text: string): Promise<number> {
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

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`first-ack bench: ${what} never happened`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** One fresh process: `argv` after node (`--import tsx src/main.ts`, or `dist/src/main.js`). */
export async function firstAckSample(mode: FrontMode, argv: string[]): Promise<FirstAckSample> {
  const fake = await FakeSlack.start();
  const dir = await mkdtemp(join(tmpdir(), 'netops-first-ack-'));
  const port = mode === 'http' ? await freePort() : 0;
  const slack =
    mode === 'socket' ? { SLACK_APP_TOKEN: FAKE_APP_TOKEN } : { SLACK_SIGNING_SECRET: SECRET, SLACK_MODE: 'http', PORT: String(port) };
  const t0 = performance.now();
  const child = spawn(process.execPath, argv, {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
      SLACK_API_URL: fake.apiUrl,
      NETOPS_LAB: 'on',
      NETOPS_DATA_DIR: dir,
      ...slack,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise((r) => child.once('exit', r));
  try {
    await new Promise<void>((resolve, reject) => {
      let err = '';
      const up = mode === 'socket' ? /Socket Mode connected/ : /listening on/;
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString();
        if (up.test(err)) resolve();
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
    });
    const startMs = performance.now() - t0;
    const ack =
      mode === 'socket'
        ? async (text: string) =>
            (await fake.sendEnvelope('slash_commands', slashCommandPayload({ text }), { timeoutMs: 30_000 })).ackedAfterMs
        : (text: string) => httpAck(port, text);
    const firstAckMs = await ack(FIRST);
    // The first job ends before the warm ones: they measure an idle front, not one busy with it.
    await until(() => fake.messages().some((m) => /succeeded/.test(JSON.stringify(m.blocks))), 'the first job ending');
    const laterAckMs: number[] = [];
    for (const text of LATER) laterAckMs.push(await ack(text));
    return { startMs, firstAckMs, laterAckMs, violations: fake.violations.length };
  } finally {
    child.kill('SIGTERM');
    await exited;
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (xs: number[]) => `${median(xs).toFixed(0).padStart(5)} ms (${Math.max(...xs).toFixed(0)})`;

/** `runs` samples of `argv` in `mode`, as one line: medians, the most in brackets. */
export async function firstAckLine(name: string, mode: FrontMode, argv: string[], runs: number): Promise<string> {
  const samples: FirstAckSample[] = [];
  for (let i = 0; i < runs; i++) samples.push(await firstAckSample(mode, argv));
  const violations = samples.reduce((n, s) => n + s.violations, 0);
  return [
    `${mode.padEnd(6)} ${name.padEnd(16)}`,
    `start ${fmt(samples.map((s) => s.startMs))}`,
    `first ack ${fmt(samples.map((s) => s.firstAckMs))}`,
    `later acks ${fmt(samples.flatMap((s) => s.laterAckMs))}`,
    violations ? `${violations} Slack limit violations` : '',
  ]
    .join('  ')
    .trimEnd();
}

export const FIRST_ACK_LEGEND = `first ack: "${FIRST}" sent the moment the front is up; later acks: ${LATER.length} more once its job ended; medians (max) over fresh processes`;
