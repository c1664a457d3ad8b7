/**
 * After leaving configuration mode the bot checks it is back at the privileged prompt. A
 * device that stays in configuration mode after `end` (IOS) or `commit` (EOS sessions)
 * fails the change with a reason that says so, the save is never typed into configuration
 * mode, and the session is not used again. Real SSH to a scripted device.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DeviceError } from '../../src/core/errors.js';
import type { PlatformId } from '../../src/core/types.js';
import { startScriptedDevice, type CliScript } from './scripted-cli.js';

const never = new AbortController().signal;
const deadline = { timeoutMs: 5000, signal: never };

interface Dialect {
  platform: PlatformId;
  /** The words that leave configuration mode on this platform. */
  leaves: string[];
  configPrompt: (host: string) => string;
  /** What the platform's change steps save with. */
  save: string;
  /** `copy running-config x` asks where to (IOS), or just copies (EOS). */
  copyAsks: boolean;
}

const DIALECTS: Dialect[] = [
  { platform: 'cisco_ios', leaves: ['end'], configPrompt: (h) => `${h}(config)#`, save: 'write memory', copyAsks: true },
  {
    platform: 'arista_eos',
    leaves: ['commit', 'abort'],
    configPrompt: (h) => `${h}(config-s-netops)#`,
    save: 'write memory',
    copyAsks: false,
  },
];

/** A privileged session; `configure ...` enters configuration mode, the platform's leaving words leave it unless `stuck`. */
function configScript(host: string, d: Dialect, stuck: boolean): () => CliScript {
  return () => {
    let config = false;
    let asked = false;
    const prompt = () => (config ? d.configPrompt(host) : `${host}#`);
    return {
      prompt,
      answer: (line) => {
        if (asked) {
          asked = false;
          return `2817 bytes copied in 0.120 secs (23475 bytes/sec)\n${prompt()}`;
        }
        if (/^copy running-config \S+$/.test(line) && d.copyAsks) {
          asked = true;
          return `Destination filename [${line.split(':').at(-1)}]? `;
        }
        if (/^configure /.test(line)) config = true;
        else if (d.leaves.includes(line) && !stuck) config = false;
        return prompt();
      },
    };
  };
}

for (const d of DIALECTS) {
  test(`${d.platform}: still in configuration mode after "${d.leaves[0]}": the change fails saying so, nothing is saved`, async () => {
    const dev = await startScriptedDevice(d.platform, configScript('r1', d, true));
    try {
      const session = await (await dev.connector()).open(dev.device, never);
      const err = await session.configure(['ntp server 192.0.2.10'], { ...deadline, mode: 'commit', label: 't1' }).then(
        (r) => assert.fail(`the change must fail: ${JSON.stringify(r)} ${JSON.stringify(dev.typed)}`),
        (e: unknown) => e,
      );
      assert.ok(err instanceof DeviceError, String(err));
      assert.match(err.message, new RegExp(`still in configuration mode after "${d.leaves[0]}"`));
      assert.ok(err.message.includes(d.configPrompt('r1')), `the message quotes the prompt: ${err.message}`);
      assert.ok(dev.typed.includes('ntp server 192.0.2.10'));
      assert.ok(!dev.typed.includes(d.save), `never saved from configuration mode: ${JSON.stringify(dev.typed)}`);
      // The session's state is not what the bot expects: it refuses further commands.
      await assert.rejects(session.run('show clock', deadline), (e: unknown) => e === err);
      await session.close();
    } finally {
      await dev.close();
    }
  });

  test(`${d.platform}: back at the privileged prompt after "${d.leaves[0]}": the same change commits and saves`, async () => {
    const dev = await startScriptedDevice(d.platform, configScript('r2', d, false));
    try {
      const session = await (await dev.connector()).open(dev.device, never);
      const r = await session.configure(['ntp server 192.0.2.10'], { ...deadline, mode: 'commit', label: 't2' });
      assert.equal(r.committed, true, r.error?.message);
      assert.ok(dev.typed.includes(d.save));
      await session.close();
    } finally {
      await dev.close();
    }
  });
}

test('arista_eos: a dry run whose "abort" leaves the session in configuration mode fails saying so', async () => {
  const eos = DIALECTS.find((d) => d.platform === 'arista_eos')!;
  const dev = await startScriptedDevice('arista_eos', configScript('r3', eos, true));
  try {
    const session = await (await dev.connector()).open(dev.device, never);
    await assert.rejects(
      session.configure(['ntp server 192.0.2.10'], { ...deadline, mode: 'check', label: 't3' }),
      (e: unknown) => e instanceof DeviceError && /still in configuration mode after "abort"/.test(e.message),
    );
    assert.ok(dev.typed.includes('abort') && !dev.typed.includes('commit'), JSON.stringify(dev.typed));
    await session.close();
  } finally {
    await dev.close();
  }
});
