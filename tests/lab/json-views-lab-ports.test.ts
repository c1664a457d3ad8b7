/**
 * `| json` of show interfaces on a device of the shipped lab (data/lab.json), where the text
 * lists the lab's own ports: EOS and NX-OS JSON carry what the text says of each port (name,
 * line protocol, description, address, MTU, MAC, bandwidth), so a tool reading either view
 * sees the same ports as show-ports and show-neighbors.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { PlatformId } from '../../src/core/types.js';
import { parseEosShowInterfaces } from '../../src/devices/parsers/arista-eos.js';
import { expandLab, labDefinitionSchema } from '../../src/lab/lab-definition.js';
import { labClis, ready, shown } from './emulator-rig.js';

const LAB = expandLab({
  ...labDefinitionSchema.parse(JSON.parse(readFileSync(new URL('../../data/lab.json', import.meta.url), 'utf8'))),
  latencyMs: 0,
});
/** The first device of the platform in the shipped lab, at its top mode. */
const inLab = (platform: PlatformId) => {
  const d = LAB.find((s) => s.platform === platform)!;
  return { cli: ready(labClis(LAB)(d.name), platform), name: d.name };
};
const colon = (mac: string) => (mac.replace(/\./g, '').match(/../g) ?? []).join(':');

test('arista_eos: show interfaces | json lists the lab ports the text lists, with the same values', () => {
  const { cli } = inLab('arista_eos');
  const { interfaces } = JSON.parse(shown(cli, 'arista_eos', 'show interfaces | json')) as {
    interfaces: Record<string, Record<string, unknown>>;
  };
  const printed = shown(cli, 'arista_eos', 'show interfaces');
  const want = parseEosShowInterfaces(printed)!;
  assert.ok(want.length > 0, printed);
  assert.deepEqual(
    Object.keys(interfaces),
    want.map((w) => w['interface']),
  );
  const blocks = printed.split(/\n(?=\S)/);
  for (const w of want) {
    const j = interfaces[w['interface']!]!;
    const block = blocks.find((b) => b.startsWith(`${w['interface']} is`))!;
    assert.equal(j['lineProtocolStatus'], w['protocol']!.split(' ')[0], `${w['interface']}: protocol`);
    assert.equal(j['description'] ?? '', w['description'], `${w['interface']}: description`);
    const addr = (j['interfaceAddress'] as { primaryIp: { address: string; maskLen: number } }[])[0]?.primaryIp;
    assert.equal(addr ? `${addr.address}/${addr.maskLen}` : '', w['address'], `${w['interface']}: address`);
    assert.equal(j['mtu'], Number(/MTU (\d+)/.exec(block)![1]), `${w['interface']}: mtu`);
    assert.equal(j['physicalAddress'], colon(/address is (\S+)/.exec(block)![1]!), `${w['interface']}: physicalAddress`);
    assert.equal(j['bandwidth'], Number(/BW (\d+) kbit/.exec(block)![1]) * 1000, `${w['interface']}: bandwidth (bit/s)`);
  }
});

test('cisco_nxos: show interface | json lists the lab ports the text lists, with their MTU, MAC and bandwidth', () => {
  const { cli } = inLab('cisco_nxos');
  const rows = (
    JSON.parse(shown(cli, 'cisco_nxos', 'show interface | json')) as { TABLE_interface: { ROW_interface: Record<string, string>[] } }
  ).TABLE_interface.ROW_interface;
  const printed = [
    ...shown(cli, 'cisco_nxos', 'show interface').matchAll(
      /^(\S+) is .*\n.*\n\s+Hardware: .*?address: (\S+)[\s\S]*?MTU (\d+) bytes, BW (\d+) Kbit/gm,
    ),
  ];
  assert.ok(printed.length > 0);
  assert.deepEqual(
    rows.map((r) => [r['interface'], r['eth_mtu'] ?? '', r['eth_hw_addr'] ?? '', String(r['eth_bw'] ?? '')]),
    printed.map((m) => [m[1], m[3], m[2], m[4]]),
  );
});
