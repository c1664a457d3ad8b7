/**
 * 250 devices of the five platforms through the service, with every failure mode mixed in:
 * each device ends with its own reason, and the good ones parse their own show version.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LabFault } from '../../src/lab/cli-emulator.js';
import { consoleActor, labSpecs, startRig } from '../support/test-lab.js';
import { PLATFORMS } from './device-rig.js';

/** Device index -> fault, spread over the platforms (index % 5 is the platform). */
const FAULTS: [LabFault, number[]][] = [
  ['refuse-auth', [3, 51, 102, 154, 205]],
  ['hang', [7, 88, 149]],
  ['drop', [12, 64, 120, 171, 233]],
  ['changed-host-key', [20, 96, 183, 244]],
  ['silent', [30, 199]],
  ['no-shell', [77, 158]],
];
const EXPECTED: Record<LabFault, { status: string; code: string; reason: RegExp }> = {
  'refuse-auth': { status: 'failed', code: 'auth_failed', reason: /authentication rejected/ },
  hang: { status: 'timeout', code: 'timeout', reason: /no answer within|no result within/ },
  drop: { status: 'failed', code: 'connection_lost', reason: /connection closed/ },
  'changed-host-key': { status: 'failed', code: 'host_key_rejected', reason: /host key CHANGED/ },
  silent: { status: 'timeout', code: 'timeout', reason: /no SSH handshake within 1\.5 s/ },
  'no-shell': { status: 'timeout', code: 'timeout', reason: /no result within 6 s/ },
  none: { status: 'ok', code: '', reason: /^$/ },
};

test('250-device mixed-platform fan-out: per-device reasons for every failure mode, the rest parsed', async () => {
  const faultOf = new Map(FAULTS.flatMap(([fault, idx]) => idx.map((i) => [i, fault] as const)));
  const specs = labSpecs(250, (i) => ({ platform: PLATFORMS[i % 5], fault: faultOf.get(i) ?? 'none', latencyMs: i % 10 === 9 ? 40 : 0 }));
  const rig = await startRig(specs, {
    env: {
      NETOPS_CONCURRENCY: '60',
      NETOPS_CONNECT_TIMEOUT_MS: '1500',
      NETOPS_COMMAND_TIMEOUT_MS: '2000',
      NETOPS_DEVICE_TIMEOUT_MS: '6000',
    },
  });
  try {
    const sub = await rig.app.service.submit('/net show-version site=east,west --confirm', consoleActor);
    if (sub.kind !== 'job') throw new Error('expected a job');
    const job = await sub.done;
    assert.equal(job.results.length, 250);
    const byName = new Map(job.results.map((r) => [r.device, r]));
    for (const [i, s] of specs.entries()) {
      const r = byName.get(s.name)!;
      const want = EXPECTED[faultOf.get(i) ?? 'none'];
      assert.equal(r.status, want.status, `${s.name} (${s.platform}): ${r.error?.reason}`);
      if (want.status === 'ok') {
        const row = Array.isArray(r.parsed) ? r.parsed[0] : r.parsed;
        assert.ok(row?.vendor, `${s.name} (${s.platform}) parsed its show version`);
        assert.ok(!r.unparsed, `${s.name} parsed`);
        continue;
      }
      assert.equal(r.error?.code, want.code, `${s.name}: ${r.error?.reason}`);
      assert.match(r.error!.reason, want.reason);
    }
    assert.equal(job.results.filter((r) => r.status === 'ok').length, 250 - faultOf.size);
    assert.equal(job.state, 'partially-failed');
  } finally {
    await rig.close();
  }
});
