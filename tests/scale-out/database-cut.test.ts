/**
 * PostgreSQL lost mid-change for the worker (a TCP proxy between it and the server is cut, the
 * server itself keeps running for everyone else), then restored. The worker cannot renew its
 * lease: it stops touching devices and says so; nothing that was acknowledged is lost (every
 * change the lab saw finish before the cut is in the audit trail, the chain verifies); and once
 * the database is back the same worker takes work again.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { NO_DATABASE, testDatabase } from '../support/postgres.js';
import { identityOf, scaleOutRig, workerOf } from '../support/scale-out-rig.js';
import { jobOf, propose, until } from '../support/scale-out-scenario.js';
import { labSpecs } from '../support/test-lab.js';

const db = await testDatabase('database_cut');
after(() => db?.drop());

// Four devices, each alone in its redundancy group: a canary, then the other three at once.
const LATENCY_MS = 400;
const TTL_MS = 1500;
const specs = labSpecs(4, () => ({ latencyMs: LATENCY_MS }));

test('the database cut mid-change: the worker stops touching devices and says so; nothing acknowledged is lost', {
  skip: db ? false : NO_DATABASE,
}, async () => {
  const rig = await scaleOutRig(db!, specs, {
    proxy: true,
    env: { NETOPS_LEASE_TTL_MS: String(TTL_MS), NETOPS_DEVICE_TIMEOUT_MS: '15000' },
  });
  try {
    const w1 = await rig.worker('w1', { viaProxy: true });
    // Eight lines at the lab's latency: a device's change outlasts the lease TTL, so a worker that
    // finishes the lines in hand after losing the database is caught.
    const servers = Array.from({ length: 8 }, (_, i) => `192.0.2.${41 + i}`);
    const cr = await propose(rig, `config device=* template=ntp server=${servers.join(',')} --confirm`);
    const approve = rig.oneShot('approve', `approve ${cr}`, { user: 'bob' });
    // Cut once the canary is done and the next wave is sending its lines.
    await until('a device mid-change after the canary', () => {
      const { stays, actions } = rig.lab.configModeLog();
      const sending = (x: (typeof stays)[number]) =>
        actions.some((a) => a.session === x.session && a.kind === 'config-line' && a.at > x.enteredAt);
      return stays.some((x) => x.leftBy === 'exit') && stays.some((x) => x.leftAt === undefined && sending(x));
    });
    const before = w1.lines.length;
    rig.proxy!.cut({ refuse: true });
    const cutAt = performance.now();
    const said = await w1.waitFor(/lease/i, { from: before });
    // Held down well past the lease TTL, judged by the database's clock (reached directly).
    await until('every lease expired', async () => {
      const r = await db!.pool.query('SELECT count(*)::int AS n FROM leases WHERE expires_at > now()');
      return r.rows[0].n === 0;
    });
    const restoredAt = performance.now();
    rig.proxy!.restore();
    await approve.exited;

    // Every lease was last renewed before the cut, so each expired within a TTL of it: from then on
    // another worker could hold the device. The lab performs a line its latency after receiving it.
    const seen = rig.lab.configModeLog();
    const late = seen.actions.filter((a) => a.at - LATENCY_MS > cutAt + TTL_MS && a.at < restoredAt);
    assert.deepEqual(late, [], `no device command once the leases could have expired (the worker said: ${said.text})\n${w1.output()}`);
    const doneBeforeCut = [...new Set(seen.stays.filter((s) => s.leftBy === 'exit' && s.leftAt! < cutAt).map((s) => s.device))];
    assert.ok(doneBeforeCut.length >= 1, 'the canary finished before the cut');
    const audit = await rig.audit();
    for (const d of doneBeforeCut) {
      const r = audit.find((x) => x.action === 'device.result' && x.job_id === jobOf(cr) && x.targets.includes(d));
      assert.equal(r?.outcome, 'ok', `${d}: its acknowledged result is in the trail`);
    }
    const verify = await rig.script('audit-verify.ts');
    assert.equal(verify.code, 0, verify.output());

    // Back: the same worker takes work again.
    const read = rig.oneShot('read', `show-version device=${specs[0]!.name}`);
    assert.equal(await read.exited, 0, `${read.output()}\n${w1.output()}`);
    const last = (await rig.audit()).filter((r) => r.action === 'device.result').at(-1);
    assert.equal(last && workerOf(last), identityOf(w1));
  } finally {
    await rig.close();
  }
});
