/**
 * The parser checks run on every public capture under tests/fixtures/<source>/ (see each
 * README): the output is recognised, no record is dropped or shifted (the records match an
 * independent count of the output's own headers), no value is invented (each one is in the
 * capture), every interface status word is in the platform's table, and the show version
 * variants named in VERSIONS give exactly their fields.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Fields } from '../../src/devices/parsers/common.js';
import {
  IOS_INTERFACE_STATES,
  parseIosShowInterfaces,
  parseIosShowInventory,
  parseIosShowVersion,
} from '../../src/devices/parsers/cisco-ios.js';
import {
  NXOS_INTERFACE_STATES,
  parseNxosShowInterface,
  parseNxosShowInventory,
  parseNxosShowVersion,
} from '../../src/devices/parsers/cisco-nxos.js';
import {
  XR_INTERFACE_STATES,
  parseXrShowInterfaces,
  parseXrShowInventory,
  parseXrShowVersion,
} from '../../src/devices/parsers/cisco-xr.js';
import { JUNOS_INTERFACE_STATES, parseJunosShowInterfaces } from '../../src/devices/parsers/juniper-junos-interfaces.js';
import {
  parseJunosShowChassisHardware,
  parseJunosShowSystemUptime,
  parseJunosShowVersion,
} from '../../src/devices/parsers/juniper-junos.js';
import { normaliseInterfaces, uptimeSeconds, type InterfaceStates } from '../../src/devices/parsers/normalise.js';

type Parse = (raw: string) => Fields | Fields[] | undefined;

/** How many records the output holds, counted from its own header lines (not by the parser). */
const count = (re: RegExp) => (raw: string) => raw.split(/\r?\n/).filter((l) => re.test(l)).length;
const CISCO_IF = count(/^\S+ is (?:administratively )?(?:up|down|reset|deleted|testing|dormant)\b|^\S.* is [^,]*, line protocol is /);
const CISCO_INV = count(/^\s*NAME:/);
const JUNOS_IF = count(/^(?:Physical interface: |\s+Logical interface )/);

export interface Case {
  parse: Parse;
  /** Interface commands: the platform's word tables must know every status the capture uses. */
  states?: InterfaceStates;
  records?: (raw: string) => number;
  /** Fields whose values are joined member lists (", "), each checked on its own. */
  version?: boolean;
}

export const CASES: Record<string, Record<string, Case>> = {
  ios: {
    ShowVersion: { parse: parseIosShowVersion, version: true },
    ShowInventory: { parse: parseIosShowInventory, records: CISCO_INV },
    ShowInterfaces: { parse: parseIosShowInterfaces, records: CISCO_IF, states: IOS_INTERFACE_STATES },
  },
  iosxe: {
    ShowVersion: { parse: parseIosShowVersion, version: true },
    ShowInventory: { parse: parseIosShowInventory, records: CISCO_INV },
    ShowInterfaces: { parse: parseIosShowInterfaces, records: CISCO_IF, states: IOS_INTERFACE_STATES },
  },
  nxos: {
    ShowVersion: { parse: parseNxosShowVersion, version: true },
    ShowInventory: { parse: parseNxosShowInventory, records: CISCO_INV },
    ShowInterface: { parse: parseNxosShowInterface, records: CISCO_IF, states: NXOS_INTERFACE_STATES },
  },
  iosxr: {
    ShowVersion: { parse: parseXrShowVersion, version: true },
    ShowInventory: { parse: parseXrShowInventory, records: CISCO_INV },
    ShowInterfaces: { parse: parseXrShowInterfaces, records: CISCO_IF, states: XR_INTERFACE_STATES },
  },
  // NAPALM's mocked data, by its driver names and command file names.
  'napalm-ios': {
    show_version: { parse: parseIosShowVersion, version: true },
    show_interfaces: { parse: parseIosShowInterfaces, records: CISCO_IF, states: IOS_INTERFACE_STATES },
  },
  'napalm-nxos_ssh': {
    show_version: { parse: parseNxosShowVersion, version: true },
    show_inventory: { parse: parseNxosShowInventory, records: CISCO_INV },
    show_interface: { parse: parseNxosShowInterface, records: CISCO_IF, states: NXOS_INTERFACE_STATES },
  },
  junos: {
    ShowVersion: { parse: parseJunosShowVersion },
    ShowSystemUptime: { parse: parseJunosShowSystemUptime },
    ShowChassisHardware: { parse: parseJunosShowChassisHardware },
    ShowInterfaces: { parse: parseJunosShowInterfaces, records: JUNOS_IF, states: JUNOS_INTERFACE_STATES },
  },
};

/**
 * Show version of platform variants the shared captures lack, field by field (read off each
 * capture): stacks and StackWise Virtual list every member, ACI mode and XR's virtual and
 * modular routers name their model.
 */
const VERSIONS: Record<string, Partial<Fields>> = {
  'iosxe/ShowVersion/golden_output_c3850_output.txt': {
    hostname: 'R1',
    model: Array(5).fill('WS-C3850-24P').join(', '),
    version: '16.4.20170410:165034',
    serial: 'FCW1932D0LB, FOC1932X0K1, FCW1932C0MA, FCW1932D0L0, FOC1932X0F9',
  },
  'iosxe/ShowVersion/golden_output_9500h_svl_output.txt': { model: 'C9606R, C9606R', serial: 'FXS2522Q2PC, FXS2522Q2PV' },
  'iosxe/ShowVersion/golden_output_isr4k_output.txt': { model: 'ISR4451-X/K9', version: '16.6.5', serial: 'FGL273610NK' },
  'iosxe/ShowVersion/golden_output_c8000v_output.txt': { model: 'C8000V', serial: '9E42BIFKVLR' },
  'iosxe/ShowVersion/golden_output_2_output.txt': { model: 'WS-C2940-8TT-S', version: '12.1(22)EA12' },
  'ios/ShowVersion/golden_output_ios_cat6k_output.txt': { model: 'WS-C6503-E', version: '12.2(18)SXF7' },
  'nxos/ShowVersion/golden_output_4_output.txt': { model: 'N9K-C93180YC-EX', version: '15.3(2b) [build 15.3(2b)]', serial: 'FDO24210DKA' },
  'nxos/ShowVersion/golden_output_output.txt': { model: '3048', version: '6.0(2)U6(10)' },
  'iosxr/ShowVersion/golden_output_1_output.txt': { hostname: 'PE1', model: 'ASR9K Series', version: '6.1.4.10I', serial: '' },
  'iosxr/ShowVersion/golden_output_2_output.txt': { model: 'IOS XRv Series', version: '6.2.1.23I' },
  'iosxr/ShowVersion/golden_output_3_output.txt': { hostname: '', model: 'IOS-XRv 9000', version: '6.3.1.15I' },
  'iosxr/ShowVersion/golden_output_4_output.txt': { model: 'CRS-16/S-B', version: '6.4.2' },
};

/**
 * genieparser keeps its outputs in Python source: some start with the command typed (with
 * or without a prompt), and some are indented with the code around them. The command line
 * is dropped (a session strips its echo) and an indent of 4 or more common to every line is
 * taken off (as Python's textwrap.dedent does): no device indents its whole answer that far,
 * while Junos does indent a lone logical interface by two.
 */
function asDeviceOutput(text: string): string {
  const lines = text.split(/\r?\n/);
  while (lines.length && (!lines[0]!.trim() || /^\s*(?:\S+[#>]\s*)?show /.test(lines[0]!))) lines.shift();
  const indents = lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length);
  const common = Math.min(...indents);
  return common >= 4 ? lines.map((l) => l.slice(common)).join('\n') : lines.join('\n');
}

const squash = (s: string) => s.replace(/\s+/g, ' ');

/** A value is in the capture: each member of a joined list, an address without its prefix length. */
function inCapture(value: string, raw: string): boolean {
  const text = squash(raw);
  return value.split(', ').every((part) => text.includes(squash(part.replace(/\/\d+$/, ''))) || text.includes(squash(part)));
}

/** One test per capture file under tests/fixtures/<source>/<platform>/<command>/, for the platforms given. */
export function variantTests(source: string, platforms: string[], caseKey: (platform: string) => string = (p) => p): void {
  const root = new URL(`../fixtures/${source}/`, import.meta.url);
  for (const platform of platforms) {
    const cases = CASES[caseKey(platform)]!;
    for (const command of Object.keys(cases)) {
      const dir = new URL(`${platform}/${command}/`, root);
      const files = readdirSync(dir).sort();
      const c = cases[command]!;
      for (const file of files) {
        const id = `${platform}/${command}/${file}`;
        test(`${source} ${id}`, () => {
          const raw = asDeviceOutput(readFileSync(new URL(file, dir), 'utf8'));
          const got = c.parse(raw);
          assert.ok(got, 'recognised');
          const records = Array.isArray(got) ? got : [got];
          if (c.records) assert.equal(records.length, c.records(raw), 'one record per header line, none dropped');
          for (const r of records) {
            for (const [k, v] of Object.entries(r)) {
              if (k === 'vendor' || k === 'name' || !v) continue;
              assert.ok(inCapture(v, raw), `${k}: "${v}" is not in the capture`);
            }
          }
          if (c.states) {
            for (const r of normaliseInterfaces(records, c.states)!) {
              assert.ok(['up', 'down', 'admin-down'].includes(r.status!), `${r.interface}: status "${r.device_status}" known`);
              if (r.device_protocol)
                assert.ok(['up', 'down'].includes(r.protocol!), `${r.interface}: protocol "${r.device_protocol}" known`);
            }
          }
          const expected = VERSIONS[id];
          if (expected) {
            const r = records[0]!;
            assert.deepEqual(Object.fromEntries(Object.keys(expected).map((k) => [k, r[k]])), expected);
          }
          if (c.version) {
            const v = records[0]!;
            assert.ok(v.version, 'a version');
            if (v.uptime) assert.ok(uptimeSeconds(v.uptime) !== undefined, `uptime "${v.uptime}" reads as a duration`);
          }
        });
      }
    }
  }
}
