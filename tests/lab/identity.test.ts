/**
 * One coherent identity per simulated device (issue 13, item 5): what show version says
 * (model, version, serial), the inventory's chassis and the running configuration's version
 * line agree, read through the bot's own parsers; serials are unique across the lab; devices
 * of one platform are different boxes. First over SSH through the bot on the lab of
 * data/lab.json, then for every capture the lab ships, without SSH.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import showInventory from '../../commands/show-inventory.js';
import showVersion from '../../commands/show-version.js';
import { PLATFORM_IDS, type DeviceResult, type PlatformId } from '../../src/core/types.js';
import { captures } from '../../src/lab/captures.js';
import { expandLab, labDefinitionSchema, type LabDeviceSpec } from '../../src/lab/lab-definition.js';
import { emulatedDevice, initialState } from '../../src/lab/lab-device.js';
import { LAB_PLATFORMS } from '../../src/lab/lab-platforms.js';
import { consoleActor, startRig, TEST_CREDENTIALS } from '../support/test-lab.js';

type Fields = Record<string, string>;

const LAB = labDefinitionSchema.parse(JSON.parse(readFileSync(new URL('../../data/lab.json', import.meta.url), 'utf8')));

const firstWord = (s: string) => s.trim().split(/\s+/)[0] ?? '';

/** Per platform: which inventory rows are a chassis, and what its configuration's version line must say. */
const EXPECT: Record<PlatformId, { chassis: RegExp; configLine: RegExp; configSays: (v: Fields) => string }> = {
  cisco_ios: { chassis: /^(?:Chassis|Switch \d+)$/, configLine: /^version (\S+)$/m, configSays: (v) => /^\d+\.\d+/.exec(v.version!)![0] },
  cisco_nxos: { chassis: /^Chassis$/, configLine: /^version (\S+)/m, configSays: (v) => firstWord(v.version!) },
  cisco_xr: { chassis: /^Rack \d+$/, configLine: /^!! IOS XR Configuration version = (\S+)$/m, configSays: (v) => firstWord(v.version!) },
  arista_eos: { chassis: /^Chassis$/, configLine: /^! device: \S+ \((.*)\)$/m, configSays: (v) => `${v.model}, EOS-${v.version}` },
  juniper_junos: { chassis: /^(?:[a-z]+\d+ \/ )?Chassis$/, configLine: /^version (\S+);$/m, configSays: (v) => v.version!.split(', ')[0]! },
};

const NOT_SERIAL = /^(?:|N\/A|BUILTIN)$/;

/** What contradicts itself in one device's outputs; [] when they agree. */
function contradictions(platform: PlatformId, version: Fields, inventory: Fields[], config: string): string[] {
  const e = EXPECT[platform];
  const problems: string[] = [];
  const models = version.model!.split(', ');
  const serials = version.serial ? version.serial.split(', ') : [];
  const chassis = inventory.filter((p) => e.chassis.test(p.name!));
  if (chassis.length !== models.length) problems.push(`${models.length} chassis in show version, ${chassis.length} in the inventory`);
  for (const [i, model] of models.entries()) {
    const c = chassis[i];
    if (!model) problems.push(`show version names no model for chassis ${i + 1}`);
    if (!c) continue;
    const named = `${c.pid} ${c.description}`.toLowerCase();
    if (!named.includes(model.toLowerCase()))
      problems.push(`chassis ${i + 1} is "${c.pid}" / "${c.description}", show version says ${model}`);
    if (NOT_SERIAL.test(c.serial!)) problems.push(`chassis ${i + 1} has no serial`);
    if (serials[i] !== undefined && serials[i] !== c.serial)
      problems.push(`chassis ${i + 1} serial ${c.serial}, show version says ${serials[i]}`);
  }
  const line = e.configLine.exec(config)?.[1];
  // A capture that prints no version (Junos vmhost) has nothing for the configuration to agree with.
  if (version.version && line !== e.configSays(version))
    problems.push(`configuration says version "${line}", show version ${JSON.stringify(version.version)}`);
  return problems;
}

/** Serials seen on more than one device, or twice on one device (other than a part that is the chassis itself). */
function repeatedSerials(devices: { name: string; version: Fields; inventory: Fields[] }[]): string[] {
  const owner = new Map<string, string>();
  const problems: string[] = [];
  for (const d of devices) {
    const chassis = new Set(d.version.serial ? d.version.serial.split(', ') : []);
    const seen = new Set<string>();
    for (const serial of d.inventory.map((p) => p.serial!).filter((s) => !NOT_SERIAL.test(s))) {
      const other = owner.get(serial);
      if (other && other !== d.name) problems.push(`${serial} on ${other} and ${d.name}`);
      if (seen.has(serial) && !chassis.has(serial) && d.inventory.find((p) => p.serial === serial)?.name !== 'Chassis')
        problems.push(`${serial} twice on ${d.name}`);
      owner.set(serial, d.name);
      seen.add(serial);
    }
  }
  return problems;
}

const job = async (rig: Awaited<ReturnType<typeof startRig>>, line: string): Promise<DeviceResult[]> => {
  const sub = await rig.app.service.submit(line, consoleActor);
  if (sub.kind !== 'job') throw new Error(`expected a job for ${line}`);
  return (await sub.done).results;
};

test('every device of the lab in data/lab.json tells one story: show version, inventory and configuration agree', async () => {
  const specs = expandLab({ ...LAB, latencyMs: 0 });
  assert.equal(specs.length, 12);
  const rig = await startRig(specs);
  try {
    const [versions, inventories, configs] = [
      await job(rig, 'show-version device=* --confirm'),
      await job(rig, 'show-inventory device=* --confirm'),
      await job(rig, 'show-config device=* --confirm'),
    ];
    const seen = specs.map((s) => {
      const of = (rs: DeviceResult[]) => {
        const r = rs.find((x) => x.device === s.name)!;
        assert.equal(r.status, 'ok', `${s.name}: ${r.error?.reason}`);
        assert.ok(r.parsed && !r.unparsed, `${s.name}: the bot parses what the lab serves`);
        return r;
      };
      const version = of(versions).parsed![0]!;
      const inventory = of(inventories).parsed!;
      assert.deepEqual(contradictions(s.platform, version, inventory, of(configs).raw ?? ''), [], s.name);
      // No part is listed twice: each inventory row names a part of its own.
      const names = inventory.map((p) => `${p.name} ${p.serial}`);
      assert.equal(new Set(names).size, names.length, `${s.name}: a repeated part in ${JSON.stringify(names)}`);
      return { name: s.name, platform: s.platform, version, inventory };
    });
    assert.deepEqual(repeatedSerials(seen), []);
    // Devices of one platform are different boxes: their show version differs beyond the name and serial.
    for (const p of PLATFORM_IDS) {
      const boxes = seen.filter((d) => d.platform === p).map((d) => `${d.version.model} ${d.version.version}`);
      assert.equal(new Set(boxes).size, boxes.length, `${p}: ${boxes.join(' | ')}`);
    }
  } finally {
    await rig.close();
  }
});

test('the same identity is served on every run: serials come from the device name', () => {
  const [a, b] = [expandLab(LAB), expandLab(LAB)].map((specs) =>
    specs.map((s, i) => emulatedDevice(s, { enableSecret: TEST_CREDENTIALS.enableSecret }, initialState(s, i)).outputs),
  );
  assert.deepEqual(a, b);
});

/** One device serving capture `i` of its platform, read through the bot's parsers without SSH. */
function offline(platform: PlatformId, i: number) {
  const spec: LabDeviceSpec = {
    name: `id-${platform.replace('_', '-')}-${i}`,
    platform,
    site: 'east',
    role: 'core',
    latencyMs: 0,
    fault: 'none',
    pagingStuck: false,
    captureIndex: i,
  };
  const state = initialState(spec, i);
  const out = emulatedDevice(spec, { enableSecret: TEST_CREDENTIALS.enableSecret }, state).outputs;
  const raw = `${out['show-version']}\n${out['show-system-uptime'] ?? ''}\n${out['show-hostname'] ?? ''}`;
  return {
    name: spec.name,
    version: showVersion.parse[platform](raw) as Fields | undefined,
    inventory: showInventory.parse[platform](out['show-inventory'] ?? '') as Fields[] | undefined,
    config: state.running.render(spec.name),
  };
}

for (const platform of PLATFORM_IDS) {
  test(`${platform}: every shipped show version capture makes a device whose outputs agree`, () => {
    const count = captures(platform, LAB_PLATFORMS[platform].captures['show-version']!).length;
    assert.ok(count >= 4, `${platform} ships ${count} show version captures`);
    const devices = Array.from({ length: count }, (_, i) => offline(platform, i));
    for (const d of devices) {
      assert.ok(d.version, `${d.name}: show version parses`);
      assert.ok(d.inventory?.length, `${d.name}: the inventory parses`);
      assert.deepEqual(contradictions(platform, d.version, d.inventory, d.config), [], d.name);
    }
    assert.deepEqual(repeatedSerials(devices.map((d) => ({ name: d.name, version: d.version!, inventory: d.inventory! }))), []);
  });
}
