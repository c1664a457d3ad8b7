import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runChange } from '../../src/core/change-job.js';
import { KeyedLock } from '../../src/core/keyed-lock.js';
import { MemoryExclusion } from '../../src/core/exclusion.js';
import { DeviceError } from '../../src/core/errors.js';
import { systemClock } from '../../src/core/clock.js';
import type { ConfigOptions, ConfigResult, DeviceConnector, DeviceSession, RollbackPlan } from '../../src/core/ports.js';
import type { Device, JobSummary } from '../../src/core/types.js';

/** A recording fake of the DeviceConnector port: each device's configure/verify answers are scripted. */
class ScriptedDevices implements DeviceConnector {
  readonly calls: string[] = [];
  constructor(private readonly script: Record<string, { refuse?: string; verifyOutput: string }>) {}
  async open(device: Device): Promise<DeviceSession> {
    const s = this.script[device.name]!;
    const calls = this.calls;
    return {
      async configure(lines: string[], o: ConfigOptions): Promise<ConfigResult> {
        calls.push(`${device.name} configure ${o.mode} ${lines.join(';')}`);
        if (s.refuse)
          return {
            diff: '',
            diffSource: 'planned',
            committed: false,
            error: new DeviceError('command_rejected', `"${lines[0]}": ${s.refuse}`),
          };
        return {
          diff: lines.map((l) => `+ ${l}`).join('\n'),
          diffSource: 'device',
          committed: true,
          rollback: { device: device.name, steps: [{ command: 'rollback 1' }] },
        };
      },
      async run(command: string) {
        calls.push(`${device.name} run ${command}`);
        return s.verifyOutput;
      },
      async rollback(plan: RollbackPlan) {
        calls.push(`${device.name} rollback ${plan.steps.map((x) => x.command).join(';')}`);
        return '';
      },
      async save() {
        calls.push(`${device.name} save`);
      },
      async close() {},
    };
  }
}

const device = (name: string): Device => ({
  name,
  host: 'h',
  port: 22,
  platform: 'cisco_ios',
  site: 's',
  role: 'r',
  tags: [],
  credentials: 'default',
});

test('change runner: a verification that fails rolls the device back; a refused line changes nothing', async () => {
  const devices = ['a', 'b', 'c'].map(device);
  const fake = new ScriptedDevices({
    a: { verifyOutput: 'ntp server 192.0.2.1' },
    b: { verifyOutput: 'no ntp here' },
    c: { refuse: "% Invalid input detected at '^' marker.", verifyOutput: '' },
  });
  const plan = {
    lines: ['ntp server 192.0.2.1'],
    verify: {
      command: 'show running-config',
      check: (out: string) => (out.includes('ntp server 192.0.2.1') ? undefined : 'ntp server 192.0.2.1 missing'),
    },
  };
  const job: JobSummary = {
    id: 'J-9',
    command: 'config',
    commandLine: 'x',
    actor: { id: 'a', name: 'a', via: 'console' },
    state: 'queued',
    targets: ['a', 'b', 'c'],
    startedAt: 0,
    results: [],
  };
  await runChange({
    job,
    devices,
    plans: new Map(devices.map((d) => [d.name, plan])),
    connector: fake,
    concurrency: 1,
    deviceTimeoutMs: 5000,
    commandTimeoutMs: 5000,
    signal: new AbortController().signal,
    observer: () => undefined,
    clock: systemClock,
    redact: (t) => t,
    exclusion: new MemoryExclusion(),
    confirmMinutes: 5,
  });
  const by = new Map(job.results.map((r) => [r.device, r]));
  assert.equal(by.get('a')!.status, 'ok');
  assert.equal(by.get('b')!.status, 'failed');
  assert.match(by.get('b')!.error!.reason, /verification failed \(ntp server 192\.0\.2\.1 missing\); rolled back, never saved/);
  assert.ok(fake.calls.includes('b rollback rollback 1'));
  // Saved only once verified: the device that failed verification never had its change saved.
  assert.ok(fake.calls.includes('a save'));
  assert.ok(!fake.calls.includes('b save'));
  assert.ok(fake.calls.indexOf('a save') > fake.calls.indexOf('a run show running-config'));
  // b failed, so c (not yet started) is skipped: the change halts at the first failure.
  assert.equal(by.get('c')!.status, 'skipped');
  assert.ok(!fake.calls.some((c) => c.startsWith('c ')));
  assert.equal(job.state, 'partially-failed');
});

test('change runner: a refused line is reported with the device line and nothing is rolled back', async () => {
  const devices = [device('c')];
  const fake = new ScriptedDevices({ c: { refuse: "% Invalid input detected at '^' marker.", verifyOutput: '' } });
  const job: JobSummary = {
    id: 'J-10',
    command: 'config',
    commandLine: 'x',
    actor: { id: 'a', name: 'a', via: 'console' },
    state: 'queued',
    targets: ['c'],
    startedAt: 0,
    results: [],
  };
  await runChange({
    job,
    devices,
    plans: new Map([['c', { lines: ['bogus line'] }]]),
    connector: fake,
    concurrency: 1,
    deviceTimeoutMs: 5000,
    commandTimeoutMs: 5000,
    signal: new AbortController().signal,
    observer: () => undefined,
    clock: systemClock,
    redact: (t) => t,
    exclusion: new MemoryExclusion(),
    confirmMinutes: 5,
  });
  assert.equal(job.results[0]!.status, 'failed');
  assert.match(
    job.results[0]!.error!.reason,
    /"bogus line": % Invalid input detected .*; the device refused the change and it was discarded/,
  );
  assert.ok(!fake.calls.some((c) => c.includes('rollback')));
});

test('keyed lock: one holder per key, waiters in order, keys independent', async () => {
  const lock = new KeyedLock();
  const order: string[] = [];
  const r1 = await lock.acquire('g');
  const second = lock.acquire('g').then((r) => {
    order.push('second');
    return r;
  });
  const other = await lock.acquire('h');
  order.push('other');
  assert.deepEqual(order, ['other']);
  r1();
  const r2 = await second;
  assert.deepEqual(order, ['other', 'second']);
  r2();
  other();
});

test('template verification matches whole configuration lines, not substrings', async () => {
  const { verificationFor } = await import('../../src/core/templates.js');
  const t = {
    name: 'ntp',
    summary: '',
    params: {},
    lines: {},
    verify: {
      command: { cisco_ios: 'show running-config', juniper_junos: 'show configuration' },
      expect: { cisco_ios: ['ntp server {server}'], juniper_junos: ['server {server}'] },
    },
  } as unknown as Parameters<typeof verificationFor>[0];
  const ios = verificationFor(t, 'cisco_ios', { server: ['192.0.2.1'] })!;
  assert.equal(ios.check('hostname r1\nntp server 192.0.2.1\n'), undefined);
  assert.match(ios.check('ntp server 192.0.2.10\nntp server 192.0.2.100\n')!, /ntp server 192\.0\.2\.1$/);
  const junos = verificationFor(t, 'juniper_junos', { server: ['10.0.0.1'] })!;
  assert.equal(junos.check('system {\n    ntp {\n        server 10.0.0.1;\n    }\n}'), undefined);
  assert.ok(junos.check('system {\n    name-server 10.0.0.1;\n}'), 'name-server is not an NTP server');
});

test('keyed lock: a cancelled waiter gives up its place and the next one still gets the key', async () => {
  const lock = new KeyedLock();
  const holder = await lock.acquire('dev');
  const ctrl = new AbortController();
  const cancelled = lock.acquire('dev', ctrl.signal);
  const third = lock.acquire('dev');
  ctrl.abort(new Error('job cancelled'));
  await assert.rejects(cancelled, /job cancelled/);
  holder();
  const r = await third; // not stuck behind the cancelled waiter
  r();
});
