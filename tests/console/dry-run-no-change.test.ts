/**
 * A dry run on every platform, through the console against the SSH lab: before the change
 * each device shows what it would change (diffs inline, platform noise removed); once the
 * change is in place, each says "no change" (IOS and NX-OS, which cannot diff a candidate,
 * by reading their running configuration).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { ConsoleAdapter } from '../../src/console/console-adapter.js';
import { systemClock } from '../../src/core/clock.js';
import type { DeviceJson } from '../../src/render/machine-output.js';
import { consoleActor, labSpecs, startRig } from '../support/test-lab.js';

const PLATFORMS = ['cisco_ios', 'cisco_nxos', 'cisco_xr', 'arista_eos', 'juniper_junos'] as const;
const bob = { id: 'bob', name: 'bob', via: 'console' as const };

test('dry run: diffs inline without noise, then "no change" on every platform once the change is in place', {
  timeout: 120_000,
}, async () => {
  const rig = await startRig(
    labSpecs(5, (i) => ({ platform: PLATFORMS[i] })),
    { env: { NETOPS_APPROVERS: 'bob' } },
  );
  let text = '';
  const out = new Writable({
    write(chunk, _e, done) {
      text += String(chunk);
      done();
    },
  });
  const adapter = new ConsoleAdapter(rig.app.service, { out, clock: systemClock, attachmentsDir: join(rig.dir, 'exports') });
  const line = '/net config device=* template=ntp server=192.0.2.77 --confirm';
  const dryRun = async () => {
    text = '';
    assert.equal(await adapter.run(`${line} --dry-run`, consoleActor, { format: 'json' }), 0);
    return JSON.parse(text) as DeviceJson[];
  };
  try {
    const before = await dryRun();
    assert.equal(before.length, 5);
    for (const d of before) {
      assert.notEqual(d.records[0]?.change, 'no change', d.device);
      assert.match(d.records[0]?.diff_text ?? '', /192\.0\.2\.77/, `${d.device}: the diff names the server`);
      assert.doesNotMatch(
        d.records[0]?.diff_text ?? '',
        /Building configuration|^\w{3} \w{3} +\d+ \d\d:\d\d:\d\d/m,
        `${d.device}: no noise`,
      );
    }
    // The table form shows the diffs inline under each device.
    text = '';
    await adapter.run(`${line} --dry-run`, consoleActor);
    assert.match(text, /Diffs \(5\):/);
    for (const d of before) assert.match(text, new RegExp(`^== ${d.device}$`, 'm'));

    text = '';
    await adapter.run(line, consoleActor);
    const cr = /^(CR-\d+) waiting for approval/m.exec(text)?.[1];
    assert.ok(cr, text);
    text = '';
    assert.equal(await adapter.run(`/net approve ${cr}`, bob), 0, text);
    assert.match(text, /\(by alice, approved by bob\): succeeded/);

    const after = await dryRun();
    assert.deepEqual(
      after.map((d) => [d.device, d.records[0]?.change, d.records[0]?.diff_text]),
      before.map((d) => [d.device, 'no change', '']),
    );
  } finally {
    await rig.close();
  }
});
