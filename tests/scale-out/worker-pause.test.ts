/**
 * A worker frozen (SIGSTOP) in the middle of a change for longer than its lease, then woken
 * (SIGCONT): the lease has expired in the database, so the worker must not send the device one
 * more command, and its late result must be refused by the fencing token. Judged by the lab
 * (no config action after the wake) and the audit trail (no result from the frozen worker).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { NO_DATABASE, testDatabase } from '../support/postgres.js';
import { identityOf, scaleOutRig, workerOf } from '../support/scale-out-rig.js';
import { actionsAfter, jobOf, propose, until } from '../support/scale-out-scenario.js';
import { labSpecs } from '../support/test-lab.js';

const db = await testDatabase('worker_pause');
after(() => db?.drop());

const specs = labSpecs(1, () => ({ latencyMs: 500 }));
const device = specs[0]!.name;
const TTL_MS = 1500;

test('a worker frozen past its lease TTL touches no device after waking, and its late result is refused', {
  skip: db ? false : NO_DATABASE,
}, async () => {
  const rig = await scaleOutRig(db!, specs, { env: { NETOPS_LEASE_TTL_MS: String(TTL_MS), NETOPS_DEVICE_TIMEOUT_MS: '10000' } });
  try {
    const w1 = await rig.worker('w1');
    const servers = ['192.0.2.31', '192.0.2.32', '192.0.2.33', '192.0.2.34', '192.0.2.35'];
    const cr = await propose(rig, `config device=${device} template=ntp server=${servers.join(',')}`);
    const approve = rig.oneShot('approve', `approve ${cr}`, { user: 'bob' });
    await until('the first change line on the device', () =>
      rig.lab.configModeLog().actions.some((a) => a.device === device && a.kind === 'config-line'),
    );
    w1.pause();
    // Frozen until the database itself says the lease has run out (its clock, not ours).
    await until('the lease to expire in the database', async () => {
      const r = await db!.pool.query('SELECT expires_at < now() AS gone FROM leases WHERE key = $1', [`device:${device}`]);
      return r.rows.length === 0 || r.rows[0].gone === true;
    });
    const wokenAt = performance.now();
    w1.resume();
    await approve.exited;
    // Give the woken worker every chance to misbehave: it must have noticed the lost lease and stopped.
    await w1.waitFor(/lease|fenc|stale|lost/i);

    const seen = rig.lab.configModeLog();
    assert.deepEqual(actionsAfter(seen, wokenAt, device), [], `no device command after waking\n${w1.output()}\n${approve.output()}`);
    const audit = await rig.audit();
    const late = audit.filter((r) => r.action === 'device.result' && r.targets.includes(device) && workerOf(r) === identityOf(w1));
    assert.deepEqual(late, [], 'the frozen worker wrote no result: refused by its stale fencing token');
    const results = audit.filter((r) => r.action === 'device.result' && r.job_id === jobOf(cr));
    assert.equal(results.length, 1, `one result for the device: ${JSON.stringify(results)}`);
    assert.match(JSON.stringify(results[0]), /unknown/i, 'reported state unknown for a person to check');
  } finally {
    await rig.close();
  }
});
