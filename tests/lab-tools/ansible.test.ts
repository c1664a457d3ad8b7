/**
 * Real Ansible (ansible-playbook, connection network_cli over paramiko, the Debian collections)
 * against the lab over SSH, on all five platforms, host keys checked against the lab's
 * known_hosts: a `*_command` task (with `become: true` / `become_method: enable` where the
 * login lands in user mode) and `*_facts` (what each cliconf's get_device_info reads; not Junos,
 * whose facts need NETCONF), then a `*_config` task that adds one line, run twice: the second
 * run must report `changed: false`, and the line must be in the device's running configuration.
 * Junos's facts and config go over NETCONF (connection ansible.netcommon.netconf), as the collection needs.
 * Without ansible-playbook the tests say how to install it and skip; with CI=true they fail.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PlatformId } from '../../src/core/types.js';
import { emulatedDevice, initialState } from '../../src/lab/lab-device.js';
import { LAB_PLATFORMS } from '../../src/lab/lab-platforms.js';
import { deviceRig, PLATFORMS, spec } from '../devices/device-rig.js';
import { TEST_CREDENTIALS } from '../support/test-lab.js';
import { ansibleMissing, NETWORK_OS, runPlaybook } from './ansible-rig.js';

const missing = ansibleMissing();
const skip = missing && process.env['CI'] !== 'true' ? missing : false;
if (missing && !skip) test('ansible-playbook is installed (CI)', () => assert.fail(missing));

const COLLECTION: Record<PlatformId, string> = {
  cisco_ios: 'cisco.ios.ios',
  cisco_nxos: 'cisco.nxos.nxos',
  cisco_xr: 'cisco.iosxr.iosxr',
  arista_eos: 'arista.eos.eos',
  juniper_junos: 'junipernetworks.junos.junos',
};

/** Per platform: the command task's extra command (an output modifier a playbook would use), and the config task. */
const EXTRA: Record<PlatformId, string> = {
  cisco_ios: 'show running-config | include ntp',
  cisco_nxos: 'show version | json',
  cisco_xr: 'show version | utility head -n 5',
  arista_eos: 'show version | json',
  juniper_junos: 'show version | display xml',
};
const CONFIG: Record<PlatformId, { args: object; statement: string }> = {
  cisco_ios: { args: { lines: ['ntp server 192.0.2.99'] }, statement: 'ntp server 192.0.2.99' },
  cisco_nxos: { args: { lines: ['ntp server 192.0.2.99'] }, statement: 'ntp server 192.0.2.99' },
  arista_eos: { args: { lines: ['ntp server 192.0.2.99'] }, statement: 'ntp server 192.0.2.99' },
  cisco_xr: { args: { parents: ['ntp'], lines: ['server 192.0.2.99'] }, statement: 'ntp server 192.0.2.99' },
  juniper_junos: { args: { lines: ['set system ntp server 192.0.2.99'] }, statement: 'system ntp server 192.0.2.99' },
};
const when = (p: PlatformId) => `ansible_network_os == '${NETWORK_OS[p]}'`;
const lines = (text: string) =>
  text
    .replace(/\r/g, '')
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .trim();
const specs = () => PLATFORMS.map((p, i) => spec(`an-${p.replace('_', '-')}`, p, { latencyMs: 5, captureIndex: i }));

test('Ansible: *_command on every platform, become/enable where needed, host keys checked', { skip, timeout: 300_000 }, async () => {
  const changed = spec('an-changed-key', 'cisco_ios', { fault: 'changed-host-key' });
  const rig = await deviceRig([...specs(), changed]);
  try {
    const tasks = [
      ...PLATFORMS.map((p) => ({
        name: `show ${p}`,
        when: when(p),
        [`${COLLECTION[p]}_command`]: { commands: ['show version', EXTRA[p]] },
      })),
      // The facts modules read the device the way each cliconf's get_device_info does (Junos': over NETCONF only).
      ...PLATFORMS.filter((p) => p !== 'juniper_junos').map((p) => ({
        name: `facts ${p}`,
        when: when(p),
        [`${COLLECTION[p]}_facts`]: { gather_subset: ['min'] },
      })),
    ];
    const { results, stderr } = await runPlaybook(rig.lab, tasks);
    for (const [i, s] of specs().entries()) {
      const r = results[s.name]?.[`show ${s.platform}`];
      assert.ok(r && !r.failed && !r.skipped, `${s.name}: ${r?.msg ?? 'no result'} ${stderr.slice(-500)}`);
      const served = emulatedDevice(s, { enableSecret: TEST_CREDENTIALS.enableSecret }, initialState(s, i)).outputs['show-version']!;
      // Ansible turns IOS-XR's timestamp off, the capture's own stamp included.
      const leadIn = LAB_PLATFORMS[s.platform].leadIn;
      assert.equal(lines(String(r.stdout?.[0])), lines(leadIn ? served.replace(leadIn, '') : served), `${s.name}: show version as served`);
      assert.ok(r.stdout?.[1], `${s.name}: ${EXTRA[s.platform]} answered`);
      const facts = results[s.name]?.[`facts ${s.platform}`];
      if (s.platform !== 'juniper_junos') {
        assert.ok(facts && !facts.failed, `${s.name} facts: ${facts?.msg}`);
        assert.equal(facts.ansible_facts?.['ansible_net_hostname'], s.name, `${s.name}: the device's name in its facts`);
        assert.ok(facts.ansible_facts?.['ansible_net_version'], `${s.name}: a version in its facts`);
      }
    }
    const refused = results[changed.name]?.['show cisco_ios'];
    assert.equal(refused?.failed, true, 'a host key that is not in known_hosts is refused');
    assert.match(refused?.msg ?? '', /host key|known_hosts|BadHostKey/i);
    const eos = results['an-arista-eos']!['show arista_eos']!.stdout![1] as unknown as { version: string; modelName: string };
    assert.match(eos.version, /^\d+\.\d+/, 'eos_command parses show version | json');
    assert.match(String(results['an-juniper-junos']!['show juniper_junos']!.stdout![1]), /<junos-version>[^<]+<\/junos-version>/);
  } finally {
    await rig.close();
  }
});

const CLI_CONFIG: PlatformId[] = PLATFORMS.filter((p) => p !== 'juniper_junos');

test('Ansible: *_config changes one line, a second run changes nothing (IOS, NX-OS, EOS, IOS-XR)', { skip, timeout: 300_000 }, async () => {
  const all = specs().filter((s) => CLI_CONFIG.includes(s.platform));
  const rig = await deviceRig(all);
  try {
    const tasks = [1, 2].flatMap((n) =>
      CLI_CONFIG.map((p) => ({ name: `config ${n} ${p}`, when: when(p), [`${COLLECTION[p]}_config`]: CONFIG[p].args })),
    );
    const { results, stderr } = await runPlaybook(rig.lab, tasks);
    for (const s of all) {
      const first = results[s.name]?.[`config 1 ${s.platform}`];
      const second = results[s.name]?.[`config 2 ${s.platform}`];
      assert.ok(first && !first.failed, `${s.name}: ${first?.msg ?? 'no result'} ${stderr.slice(-500)}`);
      assert.equal(first.changed, true, `${s.name}: the first run changes the line`);
      assert.ok(second && !second.failed, `${s.name}: ${second?.msg}`);
      assert.equal(second.changed, false, `${s.name}: the second run is idempotent`);
      assert.ok(rig.lab.device(s.name).state.running.statements().includes(CONFIG[s.platform].statement), `${s.name}: the line is running`);
    }
  } finally {
    await rig.close();
  }
});

/**
 * junipernetworks.junos.junos_config needs connection netconf (over network_cli its lock and
 * load are not in the cliconf plugin: "Method not found"): ncclient on the device's `netconf`
 * subsystem, host key checked. junos_facts reads the same session's software, chassis and
 * interface RPCs. The second run finds an empty diff and commits nothing.
 */
test('Ansible over NETCONF (Junos): junos_facts, and junos_config changes one line, a second run nothing', {
  skip,
  timeout: 300_000,
}, async () => {
  const junos = specs().filter((s) => s.platform === 'juniper_junos');
  const changed = spec('an-junos-changed-key', 'juniper_junos', { fault: 'changed-host-key' });
  const rig = await deviceRig([...junos, changed]);
  try {
    const p = 'juniper_junos' as const;
    const tasks = [
      { name: 'facts', [`${COLLECTION[p]}_facts`]: { gather_subset: ['min', 'interfaces'] } },
      ...[1, 2].map((n) => ({ name: `config ${n}`, [`${COLLECTION[p]}_config`]: CONFIG[p].args })),
    ];
    const { results, stderr } = await runPlaybook(rig.lab, tasks, { netconf: [p] });
    const name = junos[0]!.name;
    const device = rig.lab.device(name);
    const facts = results[name]?.['facts'];
    assert.ok(facts && !facts.failed, `facts: ${facts?.msg ?? 'no result'} ${stderr.slice(-500)}`);
    const f = facts.ansible_facts ?? {};
    assert.equal(f['ansible_net_hostname'], name, "the device's name in its facts");
    assert.equal(f['ansible_net_api'], 'netconf');
    assert.match(String(f['ansible_net_version']), /^\d+\.\d+/);
    assert.match(String(f['ansible_net_serialnum']), /\S/, 'the chassis serial from get-chassis-inventory');
    const interfaces = f['ansible_net_interfaces'] as Record<string, { 'oper-status': string }>;
    assert.equal(interfaces['ge-0/0/0']?.['oper-status'], 'up', 'get-interface-information as show interfaces has it');

    const [first, second] = [results[name]?.['config 1'], results[name]?.['config 2']];
    assert.ok(first && !first.failed, `config 1: ${first?.msg ?? 'no result'} ${stderr.slice(-500)}`);
    assert.equal(first.changed, true, 'the first run changes the line');
    assert.ok(second && !second.failed, `config 2: ${second?.msg}`);
    assert.equal(second.changed, false, 'the second run is idempotent');
    assert.ok(device.state.running.statements().includes(CONFIG[p].statement), 'the line is running');
    // One commit, through NETCONF, with junos_config's log; the second run's lock went with its unlock.
    assert.deepEqual(
      (device.state.commits ?? []).map((c) => [c.client, c.log]),
      [['NETCONF', 'configured by junos_config']],
    );
    assert.equal(device.state.exclusive, undefined, 'no lock left behind');
    const refused = results[changed.name]?.['facts'];
    assert.equal(refused?.failed || refused?.unreachable, true, 'a NETCONF host key that is not in known_hosts is refused');
    assert.match(refused?.msg ?? '', /host key|known_hosts|unknown host/i);
    assert.deepEqual(rig.lab.device(changed.name).state.commits ?? [], [], 'nothing reached the device with the changed key');
  } finally {
    await rig.close();
  }
});
