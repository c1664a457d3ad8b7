/**
 * The inventory format IOS, NX-OS and IOS-XR share: `NAME: "..", DESCR: ".."` then
 * `PID: .., VID: .., SN: ..`. The capture's chassis record becomes one record per member of
 * the device; its part number and description, wherever other parts repeat them (a fixed
 * switch's module, a chassis's power supplies), become the device's.
 */
import type { Fields } from '../../devices/parsers/common.js';
import { replaceValue, type ChassisIdentity, type DeviceIdentity } from '../device-identity.js';

export interface CiscoRecord {
  name: string;
  descr: string;
  pid: string;
}

const RECORD = /^[ \t]*NAME:.*\n[ \t]*PID:.*$/gm;
const nameOf = (record: string) =>
  /NAME:\s*(?:"([^"]*)"|([^,]*?)\s*,)/
    .exec(record)
    ?.slice(1)
    .find((v) => v !== undefined) ?? '';

/** The record with its own name, description, part number and serial; spacing as captured. */
function setRecord(template: string, r: CiscoRecord, serial: string): string {
  return template
    .replace(/NAME:\s*(?:"[^"]*"|[^,]*)/, `NAME: "${r.name}"`)
    .replace(/DESCR:\s*(?:"[^"]*"|.*)/, `DESCR: "${r.descr}"`)
    .replace(/PID:([^,\n]*),/, (_, field: string) => `PID: ${r.pid.padEnd(Math.max(r.pid.length + 1, field.length - 1))},`)
    .replace(/SN:[ \t]*\S*/, `SN: ${serial}`);
}

const DROPPED = '\u0000';

export function ciscoChassis(
  text: string,
  old: Fields[],
  id: DeviceIdentity,
  make: (m: ChassisIdentity, i: number, old: Fields) => CiscoRecord,
): string {
  const first = old[0];
  if (!first) return text;
  const records = id.members.map((m, i) => make(m, i, first));
  const names = new Set(old.map((c) => c.name));
  const separator = /\n[ \t]*\n/.test(text) ? '\n\n' : '\n';
  let placed = false;
  const out = text
    .replace(RECORD, (record) => {
      if (!names.has(nameOf(record))) return record;
      if (placed) return DROPPED;
      placed = true;
      return records.map((r, i) => setRecord(record, r, id.members[i]!.serial)).join(separator);
    })
    .replace(/(?:\n[ \t]*)*\u0000/g, '');
  // Other parts that repeat the chassis's part number or description follow the device's.
  return replaceValue(replaceValue(out, first.pid ?? '', records[0]!.pid), first.description ?? '', records[0]!.descr);
}
