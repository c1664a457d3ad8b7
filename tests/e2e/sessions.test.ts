import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { parse as parseYaml } from 'yaml';
import { labSpecs, startRig, consoleActor, TEST_CREDENTIALS } from '../support/test-lab.js';
import { SshConnector } from '../../src/devices/ssh-connector.js';
import { KnownHosts } from '../../src/devices/known-hosts.js';
import { DeviceError } from '../../src/core/errors.js';
import type { Device } from '../../src/core/types.js';
import { deviceIdentity } from '../../src/lab/lab-device.js';
import { uptimeSeconds } from '../../src/devices/parsers/normalise.js';

const FIXTURES = new URL('../../../shared/fixtures/devices/cisco_ios/show_version/', import.meta.url);
const never = new AbortController().signal;

function connector(knownHosts: KnownHosts, tofu = false) {
  return new SshConnector({
    credentials: { default: TEST_CREDENTIALS },
    knownHosts,
    trustOnFirstUse: tofu,
    // Far above one login on loopback (about 50 ms idle): no test here is about a timeout.
    connectTimeoutMs: 10_000,
    promptTimeoutMs: 10_000,
    keepaliveMs: 0,
  });
}

test('show-version over SSH parses every IOS capture to the fields in its .yml', async () => {
  const raws = (await readdir(FIXTURES)).filter((f) => f.endsWith('.raw')).sort();
  assert.ok(raws.length >= 7);
  // The lab serves its shipped copies of the same captures, in the same order.
  const rig = await startRig(labSpecs(raws.length, (i) => ({ captureIndex: i })));
  try {
    const sub = await rig.app.service.submit('show-version device=* --confirm', consoleActor);
    if (sub.kind !== 'job') throw new Error('expected a job');
    const job = await sub.done;
    for (const [i, file] of raws.entries()) {
      const expected = (
        parseYaml(await readFile(new URL(file.replace('.raw', '.yml'), FIXTURES), 'utf8')) as {
          parsed_sample: { hardware: string[]; version: string; serial: string[]; uptime: string; hostname: string }[];
        }
      ).parsed_sample[0]!;
      const r = job.results.find((x) => x.device === rig.lab.devices[i]!.spec.name)!;
      assert.equal(r.status, 'ok', `${file}: ${r.error?.reason}`);
      assert.deepEqual(
        r.parsed?.[0],
        {
          hostname: r.device, // the lab puts the device's own name where the capture's hostname was
          vendor: 'Cisco',
          model: expected.hardware.join(', '),
          version: expected.version,
          // Serials are the lab's own (unique per device); one per member, as in the capture.
          serial: deviceIdentity(rig.lab.devices[i]!.spec)
            .members.map((m) => m.serial)
            .join(', '),
          uptime: expected.uptime,
          // The normalised duration beside the device's words (issue 17).
          uptime_seconds: String(uptimeSeconds(expected.uptime)),
        },
        file,
      );
    }
  } finally {
    await rig.close();
  }
});

test('paging that cannot be turned off (--More--) still gives the complete output', async () => {
  const rig = await startRig(labSpecs(2, (i) => ({ pagingStuck: i === 1, captureIndex: 1 })));
  try {
    const kh = await KnownHosts.load(rig.config.knownHostsFile);
    const [plain, paged] = rig.lab.inventory().devices as Device[];
    const c = connector(kh);
    const a = await c.open({ ...plain!, credentials: 'default' }, never);
    const b = await c.open({ ...paged!, credentials: 'default' }, never);
    const outA = await a.run('show version', { timeoutMs: 10_000, signal: never });
    const outB = await b.run('show version', { timeoutMs: 10_000, signal: never });
    await a.close();
    await b.close();
    assert.ok(outA.split('\n').length > 40, 'the capture is longer than a page');
    assert.doesNotMatch(outB, /--More--/);
    // The same capture on both, each with its own name and (lab-made) serial.
    const mask = (out: string, name: string) =>
      deviceIdentity(rig.lab.device(name).spec).members.reduce((o, m) => o.replaceAll(m.serial, 'S'), out.replaceAll(name, 'X'));
    assert.equal(mask(outB, paged!.name), mask(outA, plain!.name));
  } finally {
    await rig.close();
  }
});

test('device error lines become typed errors that quote the device', async () => {
  const rig = await startRig(labSpecs(1));
  try {
    const kh = await KnownHosts.load(rig.config.knownHostsFile);
    const s = await connector(kh).open({ ...(rig.lab.inventory().devices[0] as Device), credentials: 'default' }, never);
    const cases: [string, RegExp][] = [
      ['show bogus thing', /% Invalid input detected at '\^' marker\./],
      ['terminal length', /% Incomplete command\./],
      ['blorp', /% Bad IP address or host name/],
    ];
    for (const [cmd, line] of cases) {
      await assert.rejects(
        s.run(cmd, { timeoutMs: 10_000, signal: never }),
        (e: unknown) => e instanceof DeviceError && e.code === 'command_rejected' && line.test(e.message) && e.message.includes(cmd),
      );
    }
    // The session stays usable after a rejected command, and enable worked (running-config needs it).
    assert.match(await s.run('show running-config', { timeoutMs: 10_000, signal: never }), /^hostname /m);
    await s.close();
  } finally {
    await rig.close();
  }
});

test('host keys: unknown and changed keys are refused; trust-on-first-use records the key', async () => {
  const rig = await startRig(labSpecs(2, (i) => ({ fault: i === 1 ? 'changed-host-key' : 'none' })));
  try {
    const [good, changed] = rig.lab.inventory().devices as Device[];
    const known = await KnownHosts.load(rig.config.knownHostsFile);
    await assert.rejects(
      connector(known).open({ ...changed!, credentials: 'default' }, never),
      (e: unknown) => e instanceof DeviceError && e.code === 'host_key_rejected' && /CHANGED/.test(e.message),
    );

    const emptyFile = `${rig.dir}/empty_known_hosts`;
    await writeFile(emptyFile, '');
    await assert.rejects(
      connector(await KnownHosts.load(emptyFile)).open({ ...good!, credentials: 'default' }, never),
      (e: unknown) => e instanceof DeviceError && e.code === 'host_key_rejected' && /unknown/.test(e.message),
    );

    const tofu = await KnownHosts.load(emptyFile);
    const s = await connector(tofu, true).open({ ...good!, credentials: 'default' }, never);
    await s.close();
    const recorded = await readFile(emptyFile, 'utf8');
    assert.match(recorded, new RegExp(`^\\[127\\.0\\.0\\.1\\]:${good!.port} ssh-ed25519 `));
    // Once recorded, a strict connector accepts it.
    const again = await connector(await KnownHosts.load(emptyFile)).open({ ...good!, credentials: 'default' }, never);
    await again.close();
  } finally {
    await rig.close();
  }
});

test('a closed port is unreachable, not an exception', async () => {
  const srv = createServer();
  const port = await new Promise<number>((r) => srv.listen(0, '127.0.0.1', () => r((srv.address() as { port: number }).port)));
  await new Promise((r) => srv.close(r));
  const kh = await KnownHosts.load('/nonexistent/known_hosts');
  const dev: Device = {
    name: 'gone',
    host: '127.0.0.1',
    port,
    platform: 'cisco_ios',
    site: 's',
    role: 'r',
    tags: [],
    credentials: 'default',
  };
  await assert.rejects(
    connector(kh).open(dev, never),
    (e: unknown) => e instanceof DeviceError && e.code === 'unreachable' && /ECONNREFUSED/.test(e.message),
  );
});
