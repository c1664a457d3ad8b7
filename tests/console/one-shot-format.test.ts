/**
 * One-shot output through the console adapter against the SSH lab: --format=json is one
 * object per device (status, reason, parsed fields with normalised values) and parses back;
 * CSV has a row per record; tables fit the given width; exit codes are unchanged.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { ConsoleAdapter } from '../../src/console/console-adapter.js';
import { systemClock } from '../../src/core/clock.js';
import type { DeviceJson } from '../../src/render/machine-output.js';
import { consoleActor, labSpecs, startRig, type TestRig } from '../support/test-lab.js';

const PLATFORMS = ['cisco_ios', 'cisco_nxos', 'cisco_xr', 'arista_eos', 'juniper_junos'] as const;

function capture() {
  let text = '';
  const out = new Writable({
    write(chunk, _enc, done) {
      text += String(chunk);
      done();
    },
  });
  return { out, text: () => text };
}

async function oneShot(rig: TestRig, argv: string[]) {
  const c = capture();
  const adapter = new ConsoleAdapter(rig.app.service, { out: c.out, clock: systemClock, attachmentsDir: join(rig.dir, 'exports') });
  const code = await adapter.runArgs(argv, consoleActor);
  return { code, text: c.text() };
}

/** Five platforms (the Junos one a cluster capture) and one device that refuses the login. */
const specs = () =>
  labSpecs(6, (i) => ({ platform: PLATFORMS[i % 5], captureIndex: i === 4 ? 2 : 0, fault: i === 5 ? 'refuse-auth' : 'none' }));

test('--format=json: one object per device, parsed back; normalised values beside the device words', async () => {
  const rig = await startRig(specs());
  try {
    const { code, text } = await oneShot(rig, ['/net show-version device=* --confirm', '--format=json']);
    assert.equal(code, 1, 'a device failed: exit 1 as with the table');
    const devices = JSON.parse(text) as DeviceJson[];
    assert.deepEqual(
      devices.map((d) => d.device),
      rig.lab.devices.map((d) => d.spec.name).sort(),
    );
    const failed = devices.filter((d) => d.status !== 'ok');
    assert.equal(failed.length, 1);
    assert.match(failed[0]!.reason ?? '', /auth/i);
    assert.deepEqual(failed[0]!.records, []);
    for (const d of devices.filter((x) => x.status === 'ok')) {
      const [r] = d.records;
      assert.ok(r, d.device);
      assert.ok(r.version, `${d.device} version`);
      assert.match(r.uptime_seconds ?? '', /^\d+$/, `${d.device}: uptime "${r.uptime}" as seconds`);
      assert.ok(r.serial, `${d.device}: a serial from whichever command has it`);
    }
    // The SRX cluster keeps both members' values in the data.
    const srx = devices.find((d) => d.records[0]?.model?.includes(','));
    assert.equal(srx?.records[0]?.model, 'srx1500, srx1500');
  } finally {
    await rig.close();
  }
});

test('--format=csv: a header, one row per record, quoted where needed; table fits 80 and 200 columns', async () => {
  const rig = await startRig(specs());
  try {
    const csv = await oneShot(rig, ['/net', 'show-interfaces', 'device=*', '--confirm', '--format=csv']);
    const rows = csv.text.trimEnd().split('\r\n');
    assert.match(rows[0]!, /^device,result,reason,interface,status,protocol,address,description,device_status,device_protocol$/);
    assert.ok(rows.length > 10);
    assert.ok(rows.some((r) => /,failed,.*auth/i.test(r)));

    for (const width of [80, 200]) {
      const adapterWidth = await oneShotWidth(rig, width);
      const table = adapterWidth.split('\n').filter((l) => /^(?:Device|east-|west-)/.test(l));
      assert.ok(table.length >= 5);
      assert.ok(Math.max(...table.map((l) => [...l].length)) <= width, `fits ${width}`);
      if (width === 80) assert.match(adapterWidth, /…/);
      else assert.doesNotMatch(adapterWidth, /…/);
      assert.match(adapterWidth, /srx1500 ×2/);
    }
  } finally {
    await rig.close();
  }
});

async function oneShotWidth(rig: TestRig, columns: number): Promise<string> {
  const c = capture();
  const adapter = new ConsoleAdapter(rig.app.service, { out: c.out, clock: systemClock, attachmentsDir: join(rig.dir, 'exports') });
  await adapter.run('/net show-version device=* --confirm', consoleActor, { columns });
  return c.text();
}

test('input errors: exit 2, nothing runs; with JSON asked for, the mistake goes to stderr and stdout stays data-only', async () => {
  const rig = await startRig(labSpecs(1));
  try {
    const { code, text } = await oneShot(rig, ['/net show-version device=* --confirm', '--format=xml']);
    assert.equal(code, 2);
    assert.match(text, /--format: expected one of table, json, csv/);

    const out = capture();
    const err = capture();
    const adapter = new ConsoleAdapter(rig.app.service, {
      out: out.out,
      err: err.out,
      clock: systemClock,
      attachmentsDir: join(rig.dir, 'exports'),
    });
    assert.equal(await adapter.runArgs(['/net show-version site=nowhere', '--format=json'], consoleActor), 2);
    assert.equal(out.text(), '');
    assert.match(err.text(), /^error: no site named "nowhere"/);
    await rig.app.audit.flush();
    assert.equal(rig.app.audit.records().length, 0);
  } finally {
    await rig.close();
  }
});
