/**
 * Every platform through the real SSH path against the lab: prompt found after a banner
 * that holds prompt-like lines, privilege reached, paging that cannot be turned off,
 * each platform's error strings as typed errors, and host-key refusal.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DeviceError } from '../../src/core/errors.js';
import type { PlatformId } from '../../src/core/types.js';
import type { CliSession } from '../../src/devices/cli-session.js';
import { deviceRig, PLATFORMS, quick, spec } from './device-rig.js';

interface PlatformCase {
  /** A command only privileged mode (or Junos operational mode) may run: proves enable worked. */
  privileged: string;
  /** A long output, for paging. */
  long: string;
  /** A banner line the platform's prompt pattern would take for a prompt. */
  decoy: string;
  /** Each refusal the recorded sessions show, as the device prints it. */
  errors: [command: string, line: RegExp][];
}

const CASES: Record<PlatformId, PlatformCase> = {
  cisco_ios: {
    privileged: 'show running-config',
    long: 'show interfaces',
    decoy: 'decoy-router#',
    errors: [
      ['show bogus thing', /^"show bogus thing": % Invalid input detected at '\^' marker\.$/],
      ['terminal length', /% Incomplete command\./],
      ['show in', /% Ambiguous command: {2}"show in"/],
      ['blorp', /% Bad IP address or host name% Unknown command or computer name/],
    ],
  },
  cisco_nxos: {
    privileged: 'show running-config',
    long: 'show interface',
    decoy: 'decoy-switch# ',
    errors: [
      ['show bogus', /% Invalid command at '\^' marker\./],
      ['terminal length', /% Incomplete command at '\^' marker\./],
      ['show in', /% Ambiguous command at '\^' marker\./],
    ],
  },
  cisco_xr: {
    privileged: 'show running-config',
    long: 'show interfaces',
    decoy: 'RP/0/RSP0/CPU0:decoy#',
    errors: [
      ['show bogus', /% Invalid input detected at '\^' marker\./],
      ['terminal length', /% Incomplete command\./],
      ['show in', /% Ambiguous command: {2}"show in"/],
    ],
  },
  arista_eos: {
    privileged: 'show running-config',
    long: 'show interfaces',
    decoy: 'decoy-leaf>',
    errors: [
      ['show bogus', /"show bogus": % Invalid input$/],
      ['terminal length', /% Incomplete command/],
      ['show in', /% Ambiguous command/],
    ],
  },
  juniper_junos: {
    privileged: 'show configuration',
    long: 'show interfaces',
    decoy: 'admin@decoy> ',
    errors: [
      ['show bogus', /syntax error, expecting <command>\./],
      ['bogus', /unknown command\./],
      ['show', /syntax error, expecting <command>\./],
      ['show c', /'c' is ambiguous\./],
    ],
  },
};

const name = (p: PlatformId, what: string) => `${what}-${p.replace('_', '-')}`;

for (const platform of PLATFORMS) {
  const c = CASES[platform];
  test(`${platform}: prompt after a banner with prompt-like lines, privilege, every error string`, async () => {
    const banner = `*** lab ***\n${c.decoy}\nAuthorized access only\n${c.decoy}`;
    const rig = await deviceRig([spec(name(platform, 'banner'), platform, { banner, latencyMs: 15 })]);
    try {
      const s = (await (await rig.connector()).open(rig.device(name(platform, 'banner')), quick.signal)) as CliSession;
      assert.equal(s.hostname, name(platform, 'banner'), 'the hostname comes from the real prompt, not the banner');
      assert.match(await s.run(c.privileged, quick), /netops|hostname|host-name/);
      for (const [cmd, line] of c.errors) {
        await assert.rejects(
          s.run(cmd, quick),
          (e: unknown) =>
            e instanceof DeviceError && e.code === 'command_rejected' && line.test(e.message) && e.message.includes(`"${cmd}"`),
          `${cmd} is refused with ${line}`,
        );
      }
      // Still usable after refusals.
      assert.ok((await s.run('show version', quick)).length > 50);
      await s.close();
    } finally {
      await rig.close();
    }
  });

  test(`${platform}: paging that cannot be turned off still gives the complete output`, async () => {
    const rig = await deviceRig([spec(name(platform, 'plain'), platform), spec(name(platform, 'paged'), platform, { pagingStuck: true })]);
    try {
      const conn = await rig.connector();
      const [a, b] = [
        await conn.open(rig.device(name(platform, 'plain')), quick.signal),
        await conn.open(rig.device(name(platform, 'paged')), quick.signal),
      ];
      const [outA, outB] = [await a.run(c.long, quick), await b.run(c.long, quick)];
      await Promise.all([a.close(), b.close()]);
      assert.ok(outA.split('\n').length > 30, `${c.long} is longer than a page`);
      assert.doesNotMatch(outB, /--More--|---\(more/);
      assert.equal(outB.replaceAll(name(platform, 'paged'), 'X'), outA.replaceAll(name(platform, 'plain'), 'X'));
    } finally {
      await rig.close();
    }
  });
}

test('every platform: a changed host key is refused before any login', async () => {
  const rig = await deviceRig(PLATFORMS.map((p) => spec(name(p, 'rekeyed'), p, { fault: 'changed-host-key' })));
  try {
    const conn = await rig.connector();
    for (const p of PLATFORMS) {
      await assert.rejects(
        conn.open(rig.device(name(p, 'rekeyed')), quick.signal),
        (e: unknown) => e instanceof DeviceError && e.code === 'host_key_rejected' && /CHANGED/.test(e.message),
      );
    }
  } finally {
    await rig.close();
  }
});
