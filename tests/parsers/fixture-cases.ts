/**
 * Loads the real device captures in ../shared/fixtures/devices/<platform>/<command>/ (each
 * .raw with the ntc-templates expectations in the .yml beside it) and runs the table-driven
 * parser tests against them. Each test file states its ntc -> product field mapping.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import type { Fields } from '../../src/devices/parsers/common.js';

const DEVICES = new URL('../../../shared/fixtures/devices/', import.meta.url);

export type NtcRecord = Record<string, unknown>;

export interface Capture {
  /** File name without `.raw`, e.g. `cisco_ios_show_version4`. */
  id: string;
  raw: string;
  expected: NtcRecord[];
}

export function captures(platform: string, command: string): Capture[] {
  const dir = new URL(`${platform}/${command}/`, DEVICES);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.raw'))
    .sort()
    .map((f) => {
      const id = f.slice(0, -'.raw'.length);
      const yml = parse(readFileSync(new URL(`${id}.yml`, dir), 'utf8')) as { parsed_sample?: NtcRecord[] };
      return { id, raw: readFileSync(new URL(f, dir), 'utf8'), expected: yml.parsed_sample ?? [] };
    });
}

/** An ntc value as the product shows it: lists joined with ", ", absent as ''. */
export function text(value: unknown): string {
  if (Array.isArray(value)) return value.map(text).join(', ');
  return value === undefined || value === null ? '' : String(value).trim();
}

type VersionField = 'hostname' | 'model' | 'version' | 'serial' | 'uptime';

/** Show version's product fields, each from the ntc field named for it ('' where none is named). */
export const versionFrom =
  (vendor: string, ntcNames: Partial<Record<VersionField, string>>) =>
  ([r = {}]: NtcRecord[]): Fields => {
    const from = (field: VersionField) => (ntcNames[field] ? text(r[ntcNames[field]]) : '');
    return {
      hostname: from('hostname'),
      vendor,
      model: from('model'),
      version: from('version'),
      serial: from('serial'),
      uptime: from('uptime'),
    };
  };

/** The inventory format IOS, NX-OS and IOS-XR share, with the same ntc names. */
export const ciscoInventory = (records: NtcRecord[]): Fields[] =>
  records.map((r) => ({ name: text(r.name), description: text(r.descr), pid: text(r.pid), serial: text(r.sn) }));

/** ntc's ip_address and prefix_length as the product's one address field. */
export const withPrefix = (ip: unknown, length: unknown): string => (text(ip) && text(length) ? `${text(ip)}/${text(length)}` : text(ip));

/** Where ntc's expectation is wrong or narrower than the product's, keyed by capture id; each states why. */
export type Corrections<T> = Record<string, { why: string; apply: (expected: T) => T }>;

interface Table<T> {
  platform: string;
  command: string;
  parse: (raw: string) => T | undefined;
  /** The product value expected from the capture's ntc records. */
  expect: (ntc: NtcRecord[], capture: Capture) => T;
  /** Where ntc holds less than the product, the part of the result that can be compared (checking the rest itself). */
  comparable?: (got: T) => T;
  corrections?: Corrections<T>;
}

/**
 * One test per capture: the parser recognises it (an odd capture is never dropped) and its
 * product fields equal the mapped ntc values (records compared one by one, same count).
 */
export function fixtureTests<T extends Fields | Fields[]>(t: Table<T>): void {
  const all = captures(t.platform, t.command);
  test(`${t.platform} ${t.command}: fixtures present`, () => assert.ok(all.length > 0));
  for (const c of all) {
    test(`${t.platform} ${t.command}: ${c.id}`, () => {
      const parsed = t.parse(c.raw);
      assert.ok(parsed !== undefined, 'capture not recognised');
      const got = t.comparable ? t.comparable(parsed) : parsed;
      const fix = t.corrections?.[c.id];
      const expected = fix ? fix.apply(t.expect(c.expected, c)) : t.expect(c.expected, c);
      if (Array.isArray(expected) && Array.isArray(got)) {
        assert.equal(got.length, expected.length, 'record count');
        for (const [i, e] of expected.entries()) assert.deepEqual(got[i], e, `record ${i}`);
      } else assert.deepEqual(got, expected);
    });
  }
}

const GARBAGE: readonly [string, string][] = [
  ['empty', ''],
  ['ios error', "% Invalid input detected at '^' marker."],
  ['junos error', 'syntax error, expecting <command>.'],
  ['prose', 'This is fine.\nNothing to see here: really.\n'],
];

/** Text that is not the command's output yields undefined, never an empty record. */
export function garbageTests(parsers: Record<string, (raw: string) => unknown>): void {
  for (const [name, parse] of Object.entries(parsers)) {
    test(`${name}: garbage is not recognised`, () => {
      for (const [label, raw] of GARBAGE) assert.equal(parse(raw), undefined, label);
    });
  }
}
