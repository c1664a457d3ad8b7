/**
 * runEntryPoint, what src/main.ts and src/worker-main.ts both end with: the exit code of main,
 * or the start failure's one sentence led by the process's name, with the stack of a known
 * failure only once main has read NETOPS_LOG_LEVEL=debug (or trace).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '../../src/core/errors.js';
import { EX_CONFIG, EX_SOFTWARE, runEntryPoint, StartFailure } from '../../src/ops/start-failure.js';

async function outcome(name: string, main: Parameters<typeof runEntryPoint>[1]): Promise<{ code?: number; text: string }> {
  const r: { code?: number; text: string } = { text: '' };
  await runEntryPoint(name, main, {
    exit: (code) => {
      r.code = code;
    },
    stderr: {
      write: (t: string) => {
        r.text += t;
      },
    },
  });
  return r;
}

const refused = () => new StartFailure('port_taken', 'port 9100 is already in use by another process', { cause: new Error('EADDRINUSE') });

const CASES: [string, Parameters<typeof runEntryPoint>[1], { code: number; text: RegExp; stack: boolean }][] = [
  ['a clean end', async () => 0, { code: 0, text: /^$/, stack: false }],
  ['a one-shot that failed on a device', async () => 1, { code: 1, text: /^$/, stack: false }],
  [
    'a bad setting, before the config was read',
    async () => {
      throw new ConfigError('NETOPS_DATABASE_URL', 'a worker needs the database');
    },
    { code: EX_CONFIG, text: /^netops worker: configuration error: NETOPS_DATABASE_URL/, stack: false },
  ],
  [
    'a known failure at info level',
    async (ctx) => {
      ctx.logLevel = 'info';
      throw refused();
    },
    { code: EX_CONFIG, text: /^netops worker: cannot start: port 9100 is already in use by another process\n$/, stack: false },
  ],
  [
    'a known failure at debug level',
    async (ctx) => {
      ctx.logLevel = 'debug';
      throw refused();
    },
    { code: EX_CONFIG, text: /^netops worker: cannot start: port 9100/, stack: true },
  ],
  [
    'a bug',
    async () => {
      throw new TypeError('x is undefined');
    },
    { code: EX_SOFTWARE, text: /^netops worker: TypeError: x is undefined/, stack: true },
  ],
];

for (const [name, main, want] of CASES) {
  test(`entry point: ${name}`, async () => {
    const r = await outcome('netops worker', main);
    assert.equal(r.code, want.code);
    assert.match(r.text, want.text);
    assert.equal(/\n\s+at /.test(r.text), want.stack, r.text);
  });
}
