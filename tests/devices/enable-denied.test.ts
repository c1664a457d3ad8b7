/**
 * A wrong enable secret ends the login at once with `enable secret rejected`, whatever the
 * device answers: the question again (IOS), or an error line, a blank line and the user
 * prompt (EOS `% Access denied`, and an independent emulator doing the same for IOS), never
 * a wait for the prompt deadline. Real SSH to a scripted device (tests/devices/scripted-cli.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DeviceError } from '../../src/core/errors.js';
import type { PlatformId } from '../../src/core/types.js';
import { TEST_CREDENTIALS } from '../support/test-lab.js';
import { startScriptedDevice, type CliScript } from './scripted-cli.js';

const never = new AbortController().signal;

/** How a device answers a wrong secret, after the `Password: ` question. */
type Refusal = (host: string) => string;

/** A device at its user prompt: `enable` asks for the secret; the right one gives `#`, a wrong one `refusal`. */
function enableScript(host: string, refusal: Refusal): () => CliScript {
  return () => {
    let mode: 'user' | 'secret' | 'privileged' = 'user';
    const prompt = () => `${host}${mode === 'privileged' ? '#' : '>'}`;
    return {
      prompt,
      hidden: () => mode === 'secret',
      answer: (line) => {
        if (mode === 'secret') {
          if (line === TEST_CREDENTIALS.enableSecret) {
            mode = 'privileged';
            return prompt();
          }
          const text = refusal(host);
          mode = text.endsWith('Password: ') ? 'secret' : 'user';
          return text;
        }
        if (line === 'enable' && mode === 'user') {
          mode = 'secret';
          return 'Password: ';
        }
        if (line === 'show clock') return `*10:41:07.123 UTC Wed Dec 2 2026\n${prompt()}`;
        return prompt();
      },
    };
  };
}

const CASES: [string, PlatformId, Refusal][] = [
  ['EOS: % Access denied, a blank line, the user prompt', 'arista_eos', (h) => `% Access denied\n\n${h}>`],
  ['IOS (an independent emulator): % Access denied, a blank line, the user prompt', 'cisco_ios', (h) => `% Access denied\n\n${h}>`],
  ['IOS: % Bad secrets and the user prompt', 'cisco_ios', (h) => `% Bad secrets\n\n${h}>`],
  ['IOS: the question again', 'cisco_ios', () => 'Password: '],
];

for (const [name, platform, refusal] of CASES) {
  test(`wrong enable secret, ${name}: enable secret rejected, at once`, async () => {
    const dev = await startScriptedDevice(platform, enableScript('sw1', refusal));
    try {
      // The prompt deadline is long: a session that waited for it would fail with `timeout`, not this.
      const connector = await dev.connector({ promptTimeoutMs: 30_000, enableSecret: 'wrong-secret' });
      const err = await connector.open({ ...dev.device, credentials: 'default' }, never).then(
        () => assert.fail('the login must fail'),
        (e: unknown) => e,
      );
      assert.ok(err instanceof DeviceError, String(err));
      assert.equal(err.code, 'auth_failed', err.message);
      assert.match(err.message, /enable secret rejected/);
      // One secret sent, and nothing typed after the refusal but the interrupt.
      const secrets = dev.typed.filter((l) => l === 'wrong-secret' || l === TEST_CREDENTIALS.enableSecret);
      assert.equal(secrets.length, 1);
      assert.deepEqual(dev.typed.slice(-2, -1), ['enable']);
    } finally {
      await dev.close();
    }
  });
}

test('the right enable secret on the same scripted device: privileged, and commands run', async () => {
  const dev = await startScriptedDevice(
    'arista_eos',
    enableScript('sw2', (h) => `% Access denied\n\n${h}>`),
  );
  try {
    const connector = await dev.connector();
    const session = await connector.open({ ...dev.device, credentials: 'default' }, never);
    assert.match(await session.run('show clock', { timeoutMs: 5000, signal: never }), /UTC/);
    await session.close();
    assert.ok(dev.typed.includes('enable'));
  } finally {
    await dev.close();
  }
});
