/**
 * 250 devices of the five platforms through the service, with every failure mode mixed in:
 * each device ends with its own reason, and the good ones parse their own show version.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PlatformId } from '../../src/core/types.js';
import type { LabFault } from '../../src/lab/cli-emulator.js';
import type { LabDeviceSpec } from '../../src/lab/lab-definition.js';
import { consoleActor, labSpecs, startRig } from '../support/test-lab.js';
import { captures, text } from '../parsers/fixture-cases.js';
import { PLATFORMS } from './device-rig.js';

/**
 * Where each platform's show version states its software version and hardware model
 * (ntc-templates' field names in the capture's .yml, as tests/parsers maps them).
 */
const NTC_FIELDS: Record<PlatformId, { version: string; model: string }> = {
  cisco_ios: { version: 'version', model: 'hardware' },
  cisco_nxos: { version: 'os', model: 'platform' },
  cisco_xr: { version: 'version', model: 'hardware' },
  arista_eos: { version: 'image', model: 'model' },
  juniper_junos: { version: 'junos_version', model: 'model' },
};

/** What a lab device's own show version says: the capture it serves (its captureIndex, as the lab picks it). */
function ownShowVersion(s: LabDeviceSpec): { version: string; model: string } {
  const list = captures(s.platform, 'show_version');
  const [ntc = {}] = list[s.captureIndex % list.length]!.expected;
  const f = NTC_FIELDS[s.platform];
  return { version: text(ntc[f.version]), model: text(ntc[f.model]) };
}

/** A clustered device lists each node ("a, b"); ntc keeps the first node only. */
const firstNode = (value: string | undefined) => (value ?? '').split(', ')[0];

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
  silent: { status: 'timeout', code: 'timeout', reason: /no SSH handshake within 6 s/ },
  'no-shell': { status: 'timeout', code: 'timeout', reason: /no result within 15 s/ },
  none: { status: 'ok', code: '', reason: /^$/ },
  // Answers show version as any device does: only its port tables are stale.
  'stale-ports': { status: 'ok', code: '', reason: /^$/ },
};

test('250-device mixed-platform fan-out: per-device reasons for every failure mode, the rest parsed', async () => {
  const faultOf = new Map(FAULTS.flatMap(([fault, idx]) => idx.map((i) => [i, fault] as const)));
  const specs = labSpecs(250, (i) => ({ platform: PLATFORMS[i % 5], fault: faultOf.get(i) ?? 'none', latencyMs: i % 10 === 9 ? 40 : 0 }));
  const rig = await startRig(specs, {
    // Timeouts short enough to keep the faulty devices from dragging the test out, long enough
    // that a healthy device never meets one on a busy machine: an idle one logs in within about
    // 50 ms and answers within 100 ms, its whole turn within about 300 ms.
    env: {
      NETOPS_CONCURRENCY: '60',
      NETOPS_CONNECT_TIMEOUT_MS: '6000',
      NETOPS_COMMAND_TIMEOUT_MS: '6000',
      NETOPS_DEVICE_TIMEOUT_MS: '15000',
    },
  });
  try {
    const sub = await rig.app.service.submit('/net show-version site=east,west --confirm', consoleActor);
    if (sub.kind !== 'job') throw new Error('expected a job');
    const job = await sub.done;
    assert.equal(job.results.length, 250);
    const byName = new Map(job.results.map((r) => [r.device, r]));
    const named = new Set<PlatformId>();
    for (const [i, s] of specs.entries()) {
      const r = byName.get(s.name)!;
      const want = EXPECTED[faultOf.get(i) ?? 'none'];
      assert.equal(r.status, want.status, `${s.name} (${s.platform}): ${r.error?.reason}`);
      if (want.status === 'ok') {
        const row = r.parsed?.[0];
        const own = ownShowVersion(s);
        assert.ok(!r.unparsed && row, `${s.name} (${s.platform}) parsed its show version`);
        assert.equal(firstNode(row.version), firstNode(own.version), `${s.name} (${s.platform}): version of its own capture`);
        assert.equal(firstNode(row.model), firstNode(own.model), `${s.name} (${s.platform}): model of its own capture`);
        // The lab puts the device's name where its platform prints a hostname; none is someone else's.
        const host = firstNode(row.hostname);
        assert.ok(host === '' || host === s.name, `${s.name}: hostname ${row.hostname}`);
        if (host === s.name) named.add(s.platform);
        continue;
      }
      assert.equal(r.error?.code, want.code, `${s.name}: ${r.error?.reason}`);
      assert.match(r.error!.reason, want.reason);
    }
    // Not vacuous: these platforms' show version names the host in the captures the lab serves.
    for (const p of ['cisco_ios', 'cisco_nxos', 'cisco_xr', 'juniper_junos'] as const)
      assert.ok(named.has(p), `${p} devices named themselves`);
    const versions = new Set(job.results.map((r) => r.parsed?.[0]?.version).filter(Boolean));
    assert.ok(versions.size >= 10, `the devices served different captures: ${versions.size} versions`);
    assert.equal(job.results.filter((r) => r.status === 'ok').length, 250 - faultOf.size);
    assert.equal(job.state, 'partially-failed');
  } finally {
    await rig.close();
  }
});
