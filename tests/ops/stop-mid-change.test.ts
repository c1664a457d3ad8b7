/**
 * SIGTERM to `npm start` while a device is in configuration mode for an approved change, with
 * NETOPS_SHUTDOWN_GRACE=0 (cancel at once): that device still finishes its change (commit,
 * verify, save) or its rollback, the trail says which, the devices never touched are named as
 * interrupted, and each device's configuration agrees with the trail.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { labSpecs } from '../support/test-lab.js';
import { entryRig, FINAL, interruptedDevices, logRecords, npmAuditVerify, readTrail, signal, until } from './entry-rig.js';

const NTP = 'ntp server 192.0.2.55';

test('SIGTERM mid-change: the device in config mode finishes its change, the trail says so, the untouched are named', {
  timeout: 300_000,
}, async () => {
  // No redundancy groups, and slow commands: the canary stays in config mode long enough to be caught there.
  const rig = await entryRig(labSpecs(8, () => ({ latencyMs: 250 })).map((d) => ({ ...d, group: undefined })));
  try {
    const front = await rig.front({ NETOPS_APPROVERS: 'bob', NETOPS_CONCURRENCY: '2', NETOPS_SHUTDOWN_GRACE: '0' });
    front.send(`/net config device=* template=ntp server=192.0.2.55 --confirm`);
    const cr = (await front.waitFor(/CR-\d+/)).text.match(/CR-\d+/)![0];
    front.send('as bob');
    front.send(`/net approve ${cr}`);
    const inConfig = () => rig.lab.configModeLog().stays.filter((s) => s.leftAt === undefined);
    await until(() => inConfig().length > 0, 'a device in configuration mode');
    const mid = inConfig().map((s) => s.device);
    signal(front, 'SIGTERM');
    assert.equal(await front.exited, 0, front.output());

    const trail = await readTrail(rig.dir);
    const results = new Map(trail.filter((r) => r.action === 'device.result').map((r) => [r.targets![0]!, r]));
    for (const d of mid) {
      const r = results.get(d);
      assert.ok(r, `${d} was mid-change at the signal and has no result`);
      const detail = r.detail as { parsed?: { change: string; verify: string }[]; error?: { reason: string } };
      // Finished either way, and the trail says which: committed and verified, or rolled back.
      if (r.outcome === 'ok') assert.deepEqual(detail.parsed?.[0]?.change, 'committed');
      else assert.match(String(detail.error?.reason), /rolled back, never saved/);
      // It left configuration mode itself: the connection did not drop mid-change.
      const stays = rig.lab.configModeLog().stays.filter((s) => s.device === d);
      assert.ok(
        stays.every((s) => s.leftBy === 'exit'),
        JSON.stringify(stays),
      );
    }
    // On the devices: a change is there whole exactly where the trail says it was committed.
    for (const d of rig.lab.devices) {
      const has = d.state.running.flat().some((l) => l.trim() === NTP);
      assert.equal(has, results.get(d.spec.name)?.outcome === 'ok', `${d.spec.name}: the change is ${has ? 'present' : 'absent'}`);
    }
    // The devices the stop cut off are named, and none of them was ever in configuration mode.
    const named = interruptedDevices(trail).get(cr.replace('CR', 'J')) ?? [];
    assert.ok(named.length > 0, 'the stop came mid-change');
    const touched = new Set(rig.lab.configModeLog().stays.map((s) => s.device));
    for (const d of named) {
      assert.ok(!touched.has(d), `${d} was named as interrupted but had been in config mode`);
      assert.ok(!FINAL.has(String(results.get(d)?.outcome)), `${d} both ended and named`);
    }
    assert.equal(named.length + [...results.values()].filter((r) => FINAL.has(String(r.outcome))).length, 8);

    const verify = await npmAuditVerify(rig.env());
    assert.equal(verify.code, 0, verify.stdout);
    const msgs = logRecords(front).map((l) => String(l['msg']));
    assert.ok(msgs.includes('grace over: cancelling what is left') && msgs.at(-1) === 'stopped', msgs.join('\n'));
  } finally {
    await rig.close();
  }
});
