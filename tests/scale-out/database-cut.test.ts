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
const specs = labSpecs(4, () => ({ latencyMs: 400 }));

test('the database cut mid-change: the worker stops touching devices and says so; nothing acknowledged is lost', {
  skip: db ? false : NO_DATABASE,
}, async () => {
  const rig = await scaleOutRig(db!, specs, { proxy: true, env: { NETOPS_LEASE_TTL_MS: '1500', NETOPS_DEVICE_TIMEOUT_MS: '15000' } });
  try {
    const w1 = await rig.worker('w1', { viaProxy: true });
    const cr = await propose(rig, 'config device=* template=ntp server=192.0.2.41,192.0.2.42,192.0.2.43');
    const approve = rig.oneShot('approve', `approve ${cr}`, { user: 'bob' });
    // Cut once the canary is done and the next wave is in config mode.
    await until('a device in config mode after the canary', () => {
      const s = rig.lab.configModeLog().stays;
      return s.some((x) => x.leftBy === 'exit') && s.some((x) => x.leftAt === undefined);
    });
    const before = w1.lines.length;
    rig.proxy!.cut({ refuse: true });
    const cutAt = performance.now();
    const said = await w1.waitFor(/database|postgres|lease|connection/i, { from: before });
    // Held down well past the lease TTL, judged by the database's clock (reached directly).
    await until('every lease expired', async () => {
      const r = await db!.pool.query('SELECT count(*)::int AS n FROM leases WHERE expires_at > now()');
      return r.rows[0].n === 0;
    });
    const restoredAt = performance.now();
    rig.proxy!.restore();
    await approve.exited;

    const seen = rig.lab.configModeLog();
    const during = seen.actions.filter((a) => a.at > said.at && a.at < restoredAt);
    assert.deepEqual(during, [], `no device command between "${said.text}" and the restore`);
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
