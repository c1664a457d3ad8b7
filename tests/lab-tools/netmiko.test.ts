/**
 * The lab with the tools engineers point at it. First, without any tool: the session set-up
 * a tool sends on login (the recordings' on-open inputs: `terminal length 0`, `terminal width`,
 * `set cli screen-length 0`, ...) and `enable` get the answers the real devices gave in
 * ../shared/fixtures/sessions/<platform>.yaml. Then Netmiko itself (Debian's python3-netmiko
 * for /usr/bin/python3; skipped with the reason when it is not installed, failed instead on CI), through
 * bench/tools/netmiko_show_version.py: `show version` on one device of every platform, with
 * host keys checked against the lab's known_hosts; and through bench/tools/netmiko_config.py,
 * send_config_set on all five (commit() on IOS-XR and Junos), the line then in the running
 * configuration and shown by a send_command with an output modifier.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { PlatformId } from '../../src/core/types.js';
import { emulatedDevice, initialState } from '../../src/lab/lab-device.js';
import { LAB_PLATFORMS, type LabMode } from '../../src/lab/lab-platforms.js';
import { deviceRig, PLATFORMS, spec } from '../devices/device-rig.js';
import { typedCli } from '../lab/emulator-rig.js';
import { TEST_CREDENTIALS } from '../support/test-lab.js';
import { netmikoMissing, runNetmiko, runNetmikoConfig } from '../../bench/tools/netmiko.js';
import { requirement } from '../support/requirements.js';

const SESSIONS = new URL('../../../shared/fixtures/sessions/', import.meta.url);
/** scrapli's recording names for our platforms. */
const RECORDING: Record<PlatformId, string> = {
  cisco_ios: 'cisco_iosxe',
  cisco_nxos: 'cisco_nxos',
  cisco_xr: 'cisco_iosxr',
  arista_eos: 'arista_eos',
  juniper_junos: 'juniper_junos',
};
/** The recordings' privilege levels for the lab's modes. */
const LEVEL: Record<LabMode, string> = { user: 'exec', privileged: 'privilege_exec', config: 'configuration' };

interface Step {
  channel_input?: string;
  channel_output?: string;
}
interface Recording {
  on_open_inputs: string[];
  privilege_level_prompts: Record<string, string>;
  events: Record<string, Record<string, Record<string, Step & { type: string; event_steps?: Step[] }>>>;
}

/** What a device printed between the echo of the input and its prompt, comparable across devices. */
function body(output: string, prompt: string): string {
  const text = output.replace(/\r\n/g, '\n');
  const at = text.lastIndexOf(prompt);
  return (at < 0 ? text : text.slice(0, at))
    .replace(/^\w{3} \w{3} +\d+ [\d:.]+ UTC$/gm, '<time>') // IOS-XR stamps every answer
    .trimEnd();
}

for (const platform of PLATFORMS) {
  const rec = parse(readFileSync(new URL(`${RECORDING[platform]}.yaml`, SESSIONS), 'utf8')) as Recording;
  const lab = LAB_PLATFORMS[platform];
  const level = LEVEL[lab.initialMode];
  const recorded = rec.events[level]!['post_on_open']!;
  const recPrompt = rec.privilege_level_prompts[level]!;

  test(`${platform}: the lab answers a tool's session set-up as the recorded device did`, () => {
    const cli = typedCli(platform);
    for (const input of rec.on_open_inputs) {
      const want = body(recorded[input]!.channel_output!, recPrompt);
      assert.equal(body(cli.type(input), cli.prompt(lab.initialMode)), want, `${level}: ${input}`);
    }
    // Other values than the recorded ones are repeated back the same way.
    for (const input of rec.on_open_inputs.filter((i) => /\b\d{3,}$/.test(i))) {
      const want = body(recorded[input]!.channel_output!, recPrompt).replace(/\d{3,}/, '200');
      assert.equal(body(cli.type(input.replace(/\d+$/, '200')), cli.prompt(lab.initialMode)), want, `${level}: ${input} (200)`);
    }
  });

  const enable = recorded['enable'];
  if (enable?.type === 'interactive' && lab.initialMode === 'user') {
    test(`${platform}: enable asks for the secret and lands in privileged mode, as recorded`, () => {
      const cli = typedCli(platform);
      const [ask, done] = enable.event_steps!;
      assert.equal(cli.type('enable'), ask!.channel_output);
      const after = cli.type(TEST_CREDENTIALS.enableSecret, false);
      assert.equal(body(after, cli.prompt('privileged')), body(done!.channel_output!, rec.privilege_level_prompts['privilege_exec']!));
      assert.ok(after.endsWith(cli.prompt('privileged')), `privileged prompt after the secret: ${JSON.stringify(after)}`);
    });
  }
}

// On CI (CI=true) a missing Netmiko fails these tests instead of skipping them.
const netmiko = requirement('Netmiko', netmikoMissing());
const noNetmiko = netmiko.skip;

/** Lines as a reader sees them: no carriage returns, trailing blanks or surrounding blank lines. */
const lines = (text: string) =>
  text
    .replace(/\r/g, '')
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .trim();

test('Netmiko: show version on every platform, enable where needed, host keys checked', { skip: noNetmiko, timeout: 120_000 }, async () => {
  netmiko.check();
  const specs = [
    ...PLATFORMS.map((p, i) => spec(`nm-${p.replace('_', '-')}`, p, { latencyMs: 20, captureIndex: i })),
    spec('nm-changed-key', 'cisco_ios', { fault: 'changed-host-key' }),
  ];
  const rig = await deviceRig(specs);
  try {
    const devices = rig.lab.devices.map((d) => ({ name: d.spec.name, host: rig.lab.host, port: d.port, platform: d.spec.platform }));
    const r = await runNetmiko({
      devices,
      concurrency: devices.length,
      knownHosts: rig.knownHostsFile,
      keepOutput: true,
      timeoutS: 20,
      username: TEST_CREDENTIALS.username,
      password: TEST_CREDENTIALS.password,
      secret: TEST_CREDENTIALS.enableSecret,
    });
    for (const [i, s] of specs.entries()) {
      const got = r.devices.find((d) => d.name === s.name)!;
      if (s.fault === 'changed-host-key') {
        assert.equal(got.ok, false, 'a key that is not in known_hosts is refused');
        assert.match(got.error ?? '', /not found in known_hosts|BadHostKey|host key/i);
        continue;
      }
      assert.equal(got.ok, true, `${s.name}: ${got.error}`);
      const served = emulatedDevice(s, { enableSecret: TEST_CREDENTIALS.enableSecret }, initialState(s, i)).outputs['show-version']!;
      // IOS-XR stamps the time above the output; Netmiko keeps that line, as on a real router.
      const { lead, leadIn } = LAB_PLATFORMS[s.platform];
      const shown = (lead && !leadIn?.test(served) ? lead() : '') + served;
      assert.equal(lines(got.output ?? ''), lines(shown), `${s.name}: Netmiko returns exactly the device's output`);
    }
  } finally {
    await rig.close();
  }
});

/** Per platform: the line Netmiko sends, how the running configuration then holds it, and the check command. */
const CHANGE: Record<PlatformId, { lines: string[]; statement: string; check: string }> = {
  cisco_ios: { lines: ['ntp server 192.0.2.77'], statement: 'ntp server 192.0.2.77', check: 'show running-config | include ntp' },
  cisco_nxos: { lines: ['ntp server 192.0.2.77'], statement: 'ntp server 192.0.2.77', check: 'show running-config | include ntp' },
  arista_eos: { lines: ['ntp server 192.0.2.77'], statement: 'ntp server 192.0.2.77', check: 'show running-config | include ntp' },
  cisco_xr: { lines: ['ntp', 'server 192.0.2.77'], statement: 'ntp server 192.0.2.77', check: 'show running-config' },
  juniper_junos: {
    lines: ['set system ntp server 192.0.2.77'],
    statement: 'system ntp server 192.0.2.77',
    check: 'show configuration | display set | match ntp',
  },
};

test('Netmiko: send_config_set, commit() where the platform has a candidate, the line then running', {
  skip: noNetmiko,
  timeout: 120_000,
}, async () => {
  netmiko.check();
  const specs = PLATFORMS.map((p, i) => spec(`nc-${p.replace('_', '-')}`, p, { latencyMs: 5, captureIndex: i }));
  const rig = await deviceRig(specs);
  try {
    const devices = rig.lab.devices.map((d) => ({
      name: d.spec.name,
      host: rig.lab.host,
      port: d.port,
      platform: d.spec.platform,
      lines: CHANGE[d.spec.platform].lines,
      check: CHANGE[d.spec.platform].check,
    }));
    const r = await runNetmikoConfig({
      devices,
      knownHosts: rig.knownHostsFile,
      username: TEST_CREDENTIALS.username,
      password: TEST_CREDENTIALS.password,
      secret: TEST_CREDENTIALS.enableSecret,
    });
    for (const s of specs) {
      const got = r.devices.find((d) => d.name === s.name)!;
      assert.equal(got.ok, true, `${s.name}: ${got.error}`);
      const { statement } = CHANGE[s.platform];
      assert.ok(rig.lab.device(s.name).state.running.statements().includes(statement), `${s.name}: ${statement} is running`);
      assert.match(got.check ?? '', /192\.0\.2\.77/, `${s.name}: the check command shows the line`);
    }
  } finally {
    await rig.close();
  }
});
