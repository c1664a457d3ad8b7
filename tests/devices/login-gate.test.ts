/**
 * The login gate: bounded logins starting together, slots handed back on release or when the
 * lease runs out, waits that a deadline or cancel ends; then the same through the connector,
 * over real SSH against the lab, with a black-holed device holding a slot.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setImmediate as tick } from 'node:timers/promises';
import { DeviceError } from '../../src/core/errors.js';
import { LoginGate } from '../../src/devices/login-gate.js';
import { deviceRig, never, spec } from './device-rig.js';

/** Tracks whether a promise has settled yet, without awaiting it. */
function settled<T>(p: Promise<T>): { readonly done: boolean; p: Promise<T> } {
  const s = { done: false, p };
  p.then(
    () => {
      s.done = true;
    },
    () => {
      s.done = true;
    },
  );
  return s;
}

test('login gate: the slot count bounds logins starting together; releases admit waiters in order', async () => {
  const gate = new LoginGate(2, 60_000);
  const a = await gate.enter(never);
  const b = await gate.enter(never);
  const c = settled(gate.enter(never));
  const d = settled(gate.enter(never));
  await tick();
  assert.equal(c.done, false, 'a third login waits while two hold their slots');
  b();
  b(); // a second release of the same slot hands back nothing more
  const releaseC = await c.p;
  await tick();
  assert.equal(d.done, false, 'the double release did not open an extra slot');
  a();
  const releaseD = await d.p;
  releaseC();
  releaseD();
  // Both slots are free again: two logins start at once, a third waits.
  const e = await gate.enter(never);
  const f = settled(gate.enter(never));
  await tick();
  assert.equal(f.done, true);
  const g = settled(gate.enter(never));
  await tick();
  assert.equal(g.done, false);
  e();
  await g.p;
});

test('login gate: a slot held past its lease goes to the next login without a release', async () => {
  // The lease is wall time (the gate's own timer). A second is far longer than the step from
  // taking the slot to the check below (well under a millisecond idle), so a busy machine
  // pausing this process cannot let the lease run out before the check.
  const LEASE_MS = 1000;
  const gate = new LoginGate(1, LEASE_MS);
  const started = performance.now();
  await gate.enter(never); // never released: a device that does not answer
  const next = settled(gate.enter(never));
  await tick();
  assert.equal(next.done, false, 'the next login waits while the lease runs');
  await next.p;
  // Node may fire a timer a millisecond early (it rounds), never a lease early.
  assert.ok(performance.now() - started >= LEASE_MS - 5, 'admitted by the lease, not before it');
});

test('login gate: a deadline or cancel ends the wait with its reason and leaves the queue', async () => {
  const gate = new LoginGate(1, 60_000);
  const held = await gate.enter(never);
  const ctrl = new AbortController();
  const cancelled = gate.enter(ctrl.signal);
  const after = settled(gate.enter(never));
  ctrl.abort(new DeviceError('timeout', 'no result within 5 s'));
  await assert.rejects(cancelled, (e: unknown) => e instanceof DeviceError && e.code === 'timeout');
  held();
  await after.p; // the slot went to the login behind the cancelled one
  await assert.rejects(
    gate.enter(AbortSignal.abort(new DeviceError('cancelled', 'cancelled'))),
    (e: unknown) => e instanceof DeviceError && e.code === 'cancelled',
  );
});

test('connector: a black-holed device holds its login slot only for the lease, never until its timeout', async () => {
  const rig = await deviceRig([spec('dark', 'cisco_ios', { fault: 'silent' }), spec('fine', 'arista_eos')]);
  try {
    const order: string[] = [];
    const attempt = (c: Awaited<ReturnType<typeof rig.connector>>, name: string) =>
      c.open(rig.device(name), never).then(
        async (s) => {
          order.push(`${name} open`);
          await s.close();
        },
        (e: unknown) => {
          order.push(`${name} ${(e as DeviceError).code}`);
        },
      );

    // One slot, a lease longer than the handshake timeout: the healthy device waits its turn.
    // The timeouts are the dark device's; the healthy one's login (about 50 ms idle) must never
    // meet them, however busy the machine.
    const queued = await rig.connector({ maxHandshakes: 1, loginLeaseMs: 60_000, connectTimeoutMs: 3000 });
    await Promise.all([attempt(queued, 'dark'), attempt(queued, 'fine')]);
    assert.deepEqual(order, ['dark timeout', 'fine open']);

    // One slot, a short lease: the healthy device logs in while the dark one is still silent.
    order.length = 0;
    const leased = await rig.connector({ maxHandshakes: 1, loginLeaseMs: 50, connectTimeoutMs: 5000 });
    await Promise.all([attempt(leased, 'dark'), attempt(leased, 'fine')]);
    assert.deepEqual(order, ['fine open', 'dark timeout']);
  } finally {
    await rig.close();
  }
});
