/**
 * Configuration per platform through real SSH against the lab, seen from the device's side
 * (the lab's running and startup configuration): dry run, commit, rollback, and a refused
 * line that leaves nothing behind.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PlatformId } from '../../src/core/types.js';
import { deviceRig, PLATFORMS, quick, spec } from './device-rig.js';

interface ConfigCase {
  lines: string[];
  /** A statement the change adds, as the lab's configuration lists it. */
  added: RegExp;
  /** What the device's diff (or the planned lines) shows. */
  diff: RegExp;
  bad: string;
  refusal: RegExp;
  /**
   * How the platform works, as a real device of it does (stated here, not read from the
   * platform description under test): where the diff comes from (the device shows one of a
   * candidate or session; otherwise the plan is the diff) and whether lines apply one by one
   * as typed (per-line: a refused line leaves the ones before it applied until a checkpoint is
   * restored). On every platform a done change is in the configuration a reboot loads.
   */
  diffFrom: 'device' | 'planned';
  perLine: boolean;
}

type CiscoCase = Pick<ConfigCase, 'diff' | 'refusal' | 'diffFrom' | 'perLine'>;

const cisco = (c: CiscoCase): ConfigCase => ({
  lines: ['ntp server 192.0.2.55', 'interface Loopback99', 'description netops-test'],
  added: /^ntp server 192\.0\.2\.55$/,
  bad: 'bogus-command 1',
  ...c,
});

const CASES: Record<PlatformId, ConfigCase> = {
  // IOS and NX-OS apply each line as typed; `write memory` / `copy running-config startup-config` save.
  cisco_ios: cisco({
    diff: /^\+ ntp server 192\.0\.2\.55$/m,
    refusal: /% Invalid input detected at '\^' marker\./,
    diffFrom: 'planned',
    perLine: true,
  }),
  cisco_nxos: cisco({
    diff: /^\+ ntp server 192\.0\.2\.55$/m,
    refusal: /% Invalid command at '\^' marker\./,
    diffFrom: 'planned',
    perLine: true,
  }),
  // IOS-XR: a candidate and its diff, nested as XR keeps it (the server goes into the existing
  // `ntp` block); a commit is persistent, nothing to save.
  cisco_xr: cisco({
    diff: /^ ntp\n\+ server 192\.0\.2\.55$[\s\S]*^\+interface Loopback99$/m,
    refusal: /% Invalid input detected at '\^' marker\./,
    diffFrom: 'device',
    perLine: false,
  }),
  // EOS: a configuration session and its diff; the commit reaches running-config, `write memory` saves.
  arista_eos: cisco({
    diff: /^\+\+\+ session:\/[\s\S]*^\+ntp server 192\.0\.2\.55$/m,
    refusal: /% Invalid input$/,
    diffFrom: 'device',
    perLine: false,
  }),
  // Junos: a candidate and `show | compare`; the committed configuration is the one a reboot loads.
  juniper_junos: {
    lines: ['set system ntp server 192.0.2.55', 'set interfaces lo0 unit 99 description netops-test'],
    added: /^system ntp server 192\.0\.2\.55$/,
    diff: /^\[edit system ntp\]\n\+ {4}server 192\.0\.2\.55;$/m,
    bad: 'set bogus 1',
    refusal: /syntax error\./,
    diffFrom: 'device',
    perLine: false,
  },
};

for (const platform of PLATFORMS) {
  const c = CASES[platform];
  test(`${platform}: dry run, commit (saved), rollback, and a refused line that leaves nothing behind`, async () => {
    const name = `cfg-${platform.replace('_', '-')}`;
    const rig = await deviceRig([spec(name, platform)]);
    try {
      const state = rig.lab.device(name).state;
      const original = state.running.statements();
      const s = await (await rig.connector()).open(rig.device(name), quick.signal);

      const dry = await s.configure(c.lines, { ...quick, mode: 'check' });
      assert.equal(dry.committed, false);
      assert.equal(dry.error, undefined);
      assert.match(dry.diff, c.diff);
      assert.equal(dry.diffSource, c.diffFrom);
      assert.deepEqual(state.running.statements(), original, 'a dry run changes nothing');

      const done = await s.configure(c.lines, { ...quick, confirmMinutes: 5, label: 'netops-J1' });
      assert.equal(done.committed, true, done.error?.message);
      assert.match(done.diff, c.diff);
      assert.ok(
        state.running.statements().some((l) => c.added.test(l)),
        'the change is running',
      );
      assert.ok(
        state.startup.statements().some((l) => c.added.test(l)),
        'and saved',
      );

      assert.ok(done.rollback);
      await s.rollback(done.rollback, quick);
      assert.deepEqual(state.running.statements(), original, 'the rollback restores the configuration');

      const refused = await s.configure(
        ['ntp server 192.0.2.66', c.bad].map((l, i) => (i === 0 ? c.lines[0]!.replace('55', '66') : l)),
        quick,
      );
      assert.equal(refused.committed, false);
      assert.equal(refused.error?.code, 'command_rejected');
      assert.match(refused.error!.message, c.refusal);
      assert.ok(refused.error!.message.includes(c.bad), 'the refused line is named');
      assert.deepEqual(state.running.statements(), original, 'nothing of a refused change stays');
      // The session is back where it started: an ordinary command still runs.
      assert.ok((await s.run('show version', quick)).length > 50);
      await s.close();
    } finally {
      await rig.close();
    }
  });
}

// A checkpoint that cannot be restored (flash full, the file removed by hand): the lab's store
// keeps nothing, so the restore after a refused line is refused too, as the device would.
for (const platform of PLATFORMS.filter((p) => CASES[p].perLine)) {
  test(`${platform}: a refused line whose checkpoint restore is refused too says the change is partly applied`, async () => {
    const name = `cfg-lost-${platform.replace('_', '-')}`;
    const rig = await deviceRig([spec(name, platform)]);
    try {
      const state = rig.lab.device(name).state;
      state.checkpoints.set = () => state.checkpoints;
      const s = await (await rig.connector()).open(rig.device(name), quick.signal);
      const c = CASES[platform];
      const result = await s.configure([c.lines[0]!, c.bad], quick);
      assert.equal(result.committed, false);
      assert.equal(result.partlyApplied, true);
      assert.match(result.error!.message, c.refusal);
      assert.match(
        result.error!.message,
        /restoring the checkpoint was refused too \(.+\): the lines before the refused one are still applied/,
      );
      assert.ok(
        state.running.statements().some((l) => c.added.test(l)),
        'the first line is indeed still running',
      );
      await s.close();
    } finally {
      await rig.close();
    }
  });
}
