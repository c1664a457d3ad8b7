/** Juniper Junos parsers against every real capture; the ntc -> product mapping is the one in juniper-junos*.ts. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { captures, fixtureTests, garbageTests, text, versionFrom, type NtcRecord } from './fixture-cases.js';
import type { Fields } from '../../src/devices/parsers/common.js';
import {
  parseJunosShowChassisHardware,
  parseJunosShowSystemUptime,
  parseJunosShowVersion,
} from '../../src/devices/parsers/juniper-junos.js';
import { parseJunosShowInterfaces } from '../../src/devices/parsers/juniper-junos-interfaces.js';

fixtureTests({
  platform: 'juniper_junos',
  command: 'show_version',
  parse: parseJunosShowVersion,
  // Junos show version has no uptime: none is named, so ''.
  expect: versionFrom('Juniper', { hostname: 'hostname', model: 'model', version: 'junos_version', serial: 'serial_number' }),
  corrections: {
    juniper_junos_show_version_srx_cluster: {
      why: 'ntc keeps only node0 of the two-node cluster; the product lists each node, in order',
      apply: (e) => ({ ...e, hostname: 'lab, lab', model: 'srx1500, srx1500', version: '19.4R3-S1.3, 19.4R3-S1.3' }),
    },
  },
});

/** ntc has no uptime field; read off each capture's `up ..., N users` line. */
const UPTIMES: Record<string, string> = {
  juniper_junos_show_system_uptime: '154 days, 19:16',
  juniper_junos_show_system_uptime_2: '185 days, 17:59',
};
const when = (r: NtcRecord, p: string) =>
  `${text(r[`${p}year`])}-${text(r[`${p}month`])}-${text(r[`${p}day`])} ${text(r[`${p}time`])} ${text(r[`${p}timezone`])}`;

fixtureTests({
  platform: 'juniper_junos',
  command: 'show_system_uptime',
  parse: parseJunosShowSystemUptime,
  expect: ([r = {}], capture) => ({
    uptime: UPTIMES[capture.id] ?? 'capture missing from UPTIMES',
    booted: when(r, 'boot_'),
    current_time: when(r, ''),
  }),
});

fixtureTests({
  platform: 'juniper_junos',
  command: 'show_interfaces',
  parse: parseJunosShowInterfaces,
  expect: (records) =>
    records.map((r) => {
      const [local, destination] = [text(r.local), text(r.destination)];
      return {
        interface: text(r.interface),
        status: text(r.link_status),
        protocol: text(r.admin_state),
        address: local && destination.includes('/') ? `${local}/${destination.split('/')[1]}` : local,
        description: text(r.description),
      };
    }),
});

/** ntc's kinds of hardware line, outermost first within one of its records. */
const KINDS = ['chassis', 'mid', 'fpm', 'ps', 're', 'cb', 'afeb', 'tfeb', 'qxm', 'fpc', 'cpu', 'mic', 'pic', 'xcvr', 'fan'];

/**
 * ntc folds a hardware line into the record of the leaf below it (an FPC's fields repeat on
 * every transceiver record under it). Unfolded: a kind's line is new when its fields differ
 * from the previous record's, or a line above it in the same record was new.
 * `name` stands for the item's number, the product name's last word (see `comparable`).
 */
function hardwareLines(records: NtcRecord[]): Fields[] {
  const out: Fields[] = [];
  let previous: NtcRecord = {};
  const FIELDS = ['description', 'part', 'serial_number', 'number', 'version'];
  const of = (r: NtcRecord, kind: string) => FIELDS.map((f) => text(r[`${kind}_${f}`]));
  for (const r of records) {
    let outerIsNew = false;
    for (const kind of KINDS) {
      const [description = '', pid = '', serial = '', number = '', version = ''] = of(r, kind);
      if (![description, pid, serial, number, version].some(Boolean)) continue;
      outerIsNew ||= of(r, kind).join('|') !== of(previous, kind).join('|');
      if (outerIsNew) out.push({ name: number, description, pid, serial });
    }
    previous = r;
  }
  return out;
}

const chassisMisread = (description: string, serial: string) => ({
  why: 'ntc reads the first word of a two-word chassis description as the serial number',
  apply: ([chassis, ...rest]: Fields[]) => [{ ...chassis!, description, serial }, ...rest],
});

fixtureTests({
  platform: 'juniper_junos',
  command: 'show_chassis_hardware',
  parse: parseJunosShowChassisHardware,
  expect: hardwareLines,
  comparable: (items) => items.map((item) => ({ ...item, name: /\s(\d+)$/.exec(item.name!)?.[1] ?? '' })),
  corrections: {
    juniper_junos_show_chassis_hardware3: chassisMisread('JNP204 [MX204]', 'A0000'),
    juniper_junos_show_chassis_hardware_dac_no_revision: chassisMisread('Virtual Chassis', 'XH3123120000'),
  },
});

test('juniper_junos show_chassis_hardware: names are item paths', () => {
  const [capture] = captures('juniper_junos', 'show_chassis_hardware');
  const names = parseJunosShowChassisHardware(capture!.raw)!.map((i) => i.name);
  assert.deepEqual(names.slice(0, 8), ['Chassis', 'Midplane', 'PEM 0', 'PEM 1', 'Routing Engine', 'TFEB 0', 'TFEB 0 / QXM 0', 'FPC 0']);
  assert.deepEqual(names.slice(-3), ['FPC 1 / MIC 1 / PIC 3 / Xcvr 0', 'FPC 1 / MIC 1 / PIC 3 / Xcvr 1', 'Fan Tray']);
});

garbageTests({ parseJunosShowVersion, parseJunosShowSystemUptime, parseJunosShowInterfaces, parseJunosShowChassisHardware });
