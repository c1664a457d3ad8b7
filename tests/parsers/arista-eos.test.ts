/** Arista EOS parsers against every real capture; the ntc -> product mapping is the one in arista-eos.ts. */
import assert from 'node:assert/strict';
import { fixtureTests, garbageTests, text, versionFrom, type NtcRecord } from './fixture-cases.js';
import { parseEosShowInterfaces, parseEosShowInventory, parseEosShowVersion } from '../../src/devices/parsers/arista-eos.js';

fixtureTests({
  platform: 'arista_eos',
  command: 'show_version',
  parse: parseEosShowVersion,
  // EOS show version prints no hostname: none is named, so ''.
  expect: versionFrom('Arista', { model: 'model', version: 'image', serial: 'serial_number', uptime: 'uptime' }),
});

fixtureTests({
  platform: 'arista_eos',
  command: 'show_interfaces',
  parse: parseEosShowInterfaces,
  expect: (records) =>
    records.map((r) => ({
      interface: text(r.interface),
      status: text(r.link_status),
      protocol: text(r.protocol_status),
      address: text(r.ip_address),
      description: text(r.description),
    })),
});

/** ntc's rows of the "System has N ports" table: a count per port type, no part (no pid, no serial). */
const isPortCount = (r: NtcRecord) => text(r.port) !== '' && text(r.pid) === '' && text(r.sn) === '';

/**
 * ntc names a row only by its `port` column (slot, module or port number) and leaves the
 * table it came from out, so the product name is checked for that number at its end
 * ("Power supply 1", "Transceiver 52"), and "Chassis" for the system line.
 */
fixtureTests({
  platform: 'arista_eos',
  command: 'show_inventory',
  parse: parseEosShowInventory,
  comparable: (items) => items.map((item, i) => ({ ...item, name: portOf(item.name!, i) })),
  expect: (records) =>
    records
      .filter((r) => !isPortCount(r))
      .map((r) => ({ name: text(r.port) || 'Chassis', description: text(r.descr), pid: text(r.pid), serial: text(r.sn) })),
});

/** Reduces a product name to ntc's port number after checking its form; the first record is the chassis. */
function portOf(name: string, index: number): string {
  if (index === 0) return name;
  const m = /^(?:Power supply|Fan module|Transceiver) (\d+)$/.exec(name);
  assert.ok(m, `unexpected inventory name ${name}`);
  return m[1]!;
}

garbageTests({ parseEosShowVersion, parseEosShowInterfaces, parseEosShowInventory });
