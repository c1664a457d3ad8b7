/**
 * Round trips per device, counted by the lab from what it received (never from timing): the
 * set-up typed ahead in one exchange, enable skipped when the login lands privileged, the
 * secret in its own exchange; and paging and error detection still right with the set-up
 * typed ahead, on devices across a network with a round-trip time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DeviceError } from '../../src/core/errors.js';
import type { PlatformId } from '../../src/core/types.js';
import type { CliSession } from '../../src/devices/cli-session.js';
import { PLATFORMS as DESCRIPTIONS } from '../../src/devices/platforms/index.js';
import { deviceRig, PLATFORMS, quick, spec } from './device-rig.js';
import { startScriptedDevice } from './scripted-cli.js';

/** Long enough that a turn of the client is never split, short enough for a quick test. */
const RTT_MS = 30;

/**
 * Exchanges after the shell opens, for `show version`: the newline and the set-up (with
 * enable where the platform has one) typed together, the secret where the login lands in user
 * mode, then the command.
 */
const EXPECTED: Record<PlatformId, { exchanges: number; enable: boolean }> = {
  cisco_ios: { exchanges: 3, enable: true },
  arista_eos: { exchanges: 3, enable: true },
  cisco_nxos: { exchanges: 2, enable: false },
  cisco_xr: { exchanges: 2, enable: false },
  juniper_junos: { exchanges: 2, enable: false },
};

const LONG: Record<PlatformId, string> = {
  cisco_ios: 'show interfaces',
  cisco_nxos: 'show interface',
  cisco_xr: 'show interfaces',
  arista_eos: 'show interfaces',
  juniper_junos: 'show interfaces',
};

const BOGUS: Record<PlatformId, RegExp> = {
  cisco_ios: /% Invalid input detected/,
  cisco_nxos: /% Invalid command/,
  cisco_xr: /% Invalid input detected/,
  arista_eos: /% Invalid input/,
  juniper_junos: /syntax error|unknown command/,
};

for (const platform of PLATFORMS) {
  test(`${platform}: show version in ${EXPECTED[platform].exchanges} exchanges, as the lab received them`, async () => {
    const rig = await deviceRig([spec('d1', platform, { rttMs: RTT_MS })]);
    try {
      const connector = await rig.connector();
      const session = (await connector.open(rig.device('d1'), quick.signal)) as CliSession;
      const out = await session.run('show version', quick);
      await session.close();
      assert.match(out, /\S/);
      assert.doesNotMatch(out, /show version/, 'the echo is not part of the output');
      const [record, ...more] = rig.lab.device('d1').connections;
      assert.equal(more.length, 0, 'one connection');
      const { onOpen } = DESCRIPTIONS[platform];
      const enable = EXPECTED[platform].enable ? ['enable', '<secret>'] : [];
      assert.deepEqual(record!.received, ['', ...onOpen, ...enable, 'show version']);
      assert.equal(record!.exchanges, EXPECTED[platform].exchanges);
      assert.ok(record!.handshakeRoundTrips >= 3, `the SSH handshake took round trips too (${record!.handshakeRoundTrips})`);
    } finally {
      await rig.close();
    }
  });

  test(`${platform}: with the set-up typed ahead, a pager that stays on still gives the whole output, and errors are caught`, async () => {
    const rig = await deviceRig([spec('stuck', platform, { rttMs: RTT_MS, pagingStuck: true }), spec('free', platform, { rttMs: RTT_MS })]);
    try {
      const connector = await rig.connector();
      const outputs: string[] = [];
      for (const name of ['stuck', 'free']) {
        const session = (await connector.open(rig.device(name), quick.signal)) as CliSession;
        outputs.push(await session.run(LONG[platform], quick));
        await assert.rejects(session.run('show bogus', quick), (e: unknown) => {
          assert.ok(e instanceof DeviceError);
          assert.equal(e.code, 'command_rejected');
          assert.match(e.message, BOGUS[platform]);
          return true;
        });
        // The session is still in step after the refusal: the next answer is the next command's.
        assert.equal(await session.run('show version', quick), await session.run('show version', quick));
        await session.close();
      }
      assert.ok(outputs[0]!.split('\n').length > 30, 'a long output');
      assert.equal(outputs[0], outputs[1], 'the paged output is the unpaged one');
      const stuck = rig.lab.device('stuck').connections[0]!;
      const free = rig.lab.device('free').connections[0]!;
      assert.ok(stuck.exchanges > free.exchanges, 'the pager cost exchanges of its own');
      assert.equal(free.exchanges, EXPECTED[platform].exchanges + 3);
    } finally {
      await rig.close();
    }
  });
}

test('cisco_ios: a login that lands privileged (level 15) sends no secret: enable, typed ahead, only prints the prompt', async () => {
  // The lab's IOS logs in at user level; a scripted IOS at level 15 (an independent emulator that
  // answers enable with the # prompt, as cisco_iosxe.yaml's privilege_exec enable does).
  const dev = await startScriptedDevice('cisco_ios', () => ({
    prompt: () => 'r15#',
    answer: (line) => (line === 'show version' ? 'Cisco IOS Software, Version 17.3.1\nr15#' : 'r15#'),
  }));
  try {
    const connector = await dev.connector();
    const session = await connector.open({ ...dev.device, credentials: 'default' }, quick.signal);
    assert.match(await session.run('show version', quick), /^Cisco IOS Software, Version 17\.3\.1$/);
    await session.close();
    assert.deepEqual(dev.typed, ['', ...DESCRIPTIONS.cisco_ios.onOpen, 'enable', 'show version']);
  } finally {
    await dev.close();
  }
});

test('cisco_ios: enable typed ahead and refused outright (no question, the user prompt again) fails at once, naming the refusal', async () => {
  const dev = await startScriptedDevice('cisco_ios', () => ({
    prompt: () => 'r1>',
    answer: (line) => (line === 'enable' ? '% No password set\nr1>' : 'r1>'),
  }));
  try {
    const connector = await dev.connector({ promptTimeoutMs: 30_000 });
    const err = await connector.open({ ...dev.device, credentials: 'default' }, quick.signal).then(
      () => assert.fail('the login must fail'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof DeviceError, String(err));
    assert.equal(err.code, 'auth_failed');
    assert.match(err.message, /enable secret rejected \(the device said "% No password set"\)/);
    assert.deepEqual(dev.typed, ['', ...DESCRIPTIONS.cisco_ios.onOpen, 'enable'], 'no secret typed');
  } finally {
    await dev.close();
  }
});

test('the round-trip time is paid on every round trip, the SSH handshake included: never faster than turns x RTT', async () => {
  const rtt = 100;
  const rig = await deviceRig([spec('far', 'cisco_xr', { rttMs: rtt })]);
  try {
    const connector = await rig.connector();
    const t0 = performance.now();
    const session = await connector.open(rig.device('far'), quick.signal);
    await session.run('show version', quick);
    const elapsed = performance.now() - t0;
    await session.close();
    const record = rig.lab.device('far').connections[0]!;
    // Each client turn waits for the device's answer to the one before: a lower bound only, so a
    // loaded machine can only make it longer. The TCP round trip is modelled too (+1).
    const turns = record.handshakeRoundTrips + record.exchanges + 1;
    assert.ok(record.handshakeRoundTrips >= 5, `handshake turns: ${record.handshakeRoundTrips}`);
    assert.ok(elapsed >= turns * rtt * 0.95, `${Math.round(elapsed)} ms for ${turns} round trips of ${rtt} ms`);
  } finally {
    await rig.close();
  }
});
