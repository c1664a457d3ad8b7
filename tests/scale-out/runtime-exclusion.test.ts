/**
 * The runtime's use of the Exclusion port in one process: reads hold their device too, so a
 * read never runs on a device a change is being applied to; a lost hold stops a device before
 * its next command; a change decision is taken once, whoever clicks twice.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fanOut } from '../../src/core/job-engine.js';
import { runChange } from '../../src/core/change-job.js';
import { MemoryExclusion, type Exclusion, type Hold } from '../../src/core/exclusion.js';
import { systemClock } from '../../src/core/clock.js';
import type { ConfigResult, DeviceConnector, DeviceSession } from '../../src/core/ports.js';
import type { Device, JobSummary } from '../../src/core/types.js';

/** Records every command with the job that sent it; a change's configure waits for `gate`. */
class Recorder implements DeviceConnector {
  readonly log: string[] = [];
  constructor(private readonly gate: Promise<void> = Promise.resolve()) {}
  async open(device: Device): Promise<DeviceSession> {
    const { log, gate } = this;
    return {
      run: async (c) => {
        log.push(`${device.name} run ${c}`);
        return 'ok';
      },
      configure: async (lines): Promise<ConfigResult> => {
        log.push(`${device.name} configure start`);
        await gate;
        log.push(`${device.name} configure end`);
        return { diff: lines.join('\n'), diffSource: 'device', committed: true };
      },
      rollback: async () => '',
      save: async () => {
        log.push(`${device.name} save`);
      },
      close: async () => undefined,
    };
  }
}

const dev = (name: string, group?: string): Device => ({
  name,
  host: 'h',
  port: 22,
  platform: 'cisco_ios',
  site: 's',
  role: 'r',
  tags: [],
  credentials: 'default',
  ...(group ? { group } : {}),
});
const job = (id: string, targets: string[]): JobSummary => ({
  id,
  command: 'x',
  commandLine: 'x',
  actor: { id: 'a', name: 'a', via: 'console' },
  state: 'queued',
  targets,
  startedAt: 0,
  results: [],
});
const common = {
  concurrency: 4,
  deviceTimeoutMs: 10_000,
  commandTimeoutMs: 10_000,
  observer: () => undefined,
  clock: systemClock,
  redact: (t: string) => t,
};
const readOp = async (s: DeviceSession) => ({
  raw: await s.run('show version', { timeoutMs: 1000, signal: new AbortController().signal }),
});

test('runtime: a read waits while a change holds its device, then runs', async () => {
  let open!: () => void;
  const gate = new Promise<void>((r) => {
    open = r;
  });
  const connector = new Recorder(gate);
  const exclusion = new MemoryExclusion();
  const r1 = dev('r1', 'g1');
  const change = runChange({
    ...common,
    job: job('J-1', ['r1']),
    devices: [r1],
    plans: new Map([['r1', { lines: ['ntp server 192.0.2.1'] }]]),
    connector,
    signal: new AbortController().signal,
    exclusion,
    confirmMinutes: 5,
  });
  // Wait until the change is inside configure, then start a read of the same device.
  while (!connector.log.includes('r1 configure start')) await new Promise((r) => setImmediate(r));
  const read = fanOut({
    ...common,
    job: job('J-2', ['r1']),
    devices: [r1],
    connector,
    operation: readOp,
    signal: new AbortController().signal,
    exclusion,
  });
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  assert.ok(!connector.log.includes('r1 run show version'), 'the read must not run while the change holds r1');
  open();
  const [c, r] = await Promise.all([change, read]);
  assert.equal(c.results[0]!.status, 'ok');
  assert.equal(r.results[0]!.status, 'ok');
  assert.ok(connector.log.indexOf('r1 save') < connector.log.indexOf('r1 run show version'), connector.log.join('\n'));
});

test('runtime: two members of one group never change at once; other devices are not held up', async () => {
  const connector = new Recorder();
  const devices = [dev('c0'), dev('a1', 'g'), dev('a2', 'g'), dev('b1')];
  const result = await runChange({
    ...common,
    job: job(
      'J-3',
      devices.map((d) => d.name),
    ),
    devices,
    plans: new Map(devices.map((d) => [d.name, { lines: ['x'] }])),
    connector,
    signal: new AbortController().signal,
    exclusion: new MemoryExclusion(),
    confirmMinutes: 5,
  });
  assert.equal(result.state, 'succeeded');
  const at = (e: string) => connector.log.indexOf(e);
  // a1 and a2 share group g: one ends before the other starts, whichever order.
  const [first, second] = at('a1 configure start') < at('a2 configure start') ? ['a1', 'a2'] : ['a2', 'a1'];
  assert.ok(at(`${first} save`) < at(`${second} configure start`), connector.log.join('\n'));
});

/** An exclusion whose hold is lost as soon as it is granted (a worker that cannot renew). */
class LosingExclusion implements Exclusion {
  async hold(keys: string[]): Promise<Hold> {
    const ctrl = new AbortController();
    ctrl.abort(new Error('renewal failed'));
    return { tokens: Object.fromEntries(keys.map((k) => [k, 1])), lost: ctrl.signal, release: async () => undefined };
  }
}

test('runtime: a lost hold stops the device before its next command', async () => {
  const connector = new Recorder();
  const r = await fanOut({
    ...common,
    job: job('J-4', ['r9']),
    devices: [dev('r9')],
    connector,
    operation: readOp,
    signal: new AbortController().signal,
    exclusion: new LosingExclusion(),
  });
  assert.equal(r.results[0]!.status, 'failed');
  assert.equal(r.results[0]!.error!.code, 'lease_lost');
  assert.deepEqual(connector.log, []);
});

test('runtime: an approval is decided once: a double click or a reject after it finds nothing', async () => {
  const { mkdtemp, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { JsonStateStore } = await import('../../src/audit/state-store.js');
  const { ChangeDesk } = await import('../../src/core/change-desk.js');
  const { Policy } = await import('../../src/core/policy.js');
  const { UserError } = await import('../../src/core/errors.js');
  const dir = await mkdtemp(join(tmpdir(), 'netops-claim-'));
  try {
    const state = await JsonStateStore.open(join(dir, 'state.json'));
    const actions: string[] = [];
    const audit = {
      append: async (e: { action: string }) => {
        actions.push(e.action);
        return {} as never;
      },
      flush: async () => undefined,
    };
    const desk = new ChangeDesk({ state, audit, clock: systemClock, policy: new Policy({ approvers: ['bob'] }), ttlMs: 60_000 });
    const alice = { id: 'alice', name: 'alice', via: 'console' as const };
    const bob = { id: 'bob', name: 'bob', via: 'console' as const };
    const command = { name: 'config', describe: () => 'ntp' } as never;
    await desk.propose({
      id: 'J-7',
      command,
      args: {},
      devices: [],
      plan: [{ device: 'r1', platform: 'cisco_ios', lines: ['x'] }],
      commandLine: 'x',
      actor: alice,
    });
    // A second front: its own desk over the same store, which never saw the proposal.
    const other = new ChangeDesk({ state, audit, clock: systemClock, policy: new Policy({ approvers: ['bob'] }), ttlMs: 60_000 });
    const runs: string[] = [];
    const results = await Promise.allSettled([
      desk.approve('CR-7', bob, () => runs.push('desk')),
      other.approve('CR-7', bob, () => runs.push('other')),
    ]);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1, 'exactly one approval wins');
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    assert.ok(lost.reason instanceof UserError && lost.reason.code === 'not_found');
    await assert.rejects(desk.reject('CR-7', bob), /no change request CR-7 is waiting/);
    assert.deepEqual(actions, ['change.requested', 'change.approved']);
    assert.deepEqual(await state.pendingChanges(), []);
    desk.stop();
    other.stop();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
