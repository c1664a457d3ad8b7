/**
 * Juniper Junos output parsers (show interfaces is in juniper-junos-interfaces.ts).
 *
 * Field mapping from the ntc-templates names used in the fixtures:
 * - show version: hostname -> hostname, model -> model, junos_version -> version,
 *   serial_number -> serial. Junos show version has no uptime: '' (see show system uptime).
 * - show system uptime: boot_year-boot_month-boot_day boot_time boot_timezone -> booted,
 *   year-month-day time timezone -> current_time; uptime (the `up 154 days, 19:16` of the
 *   load line) has no ntc field.
 * - show chassis hardware: one record per hardware line. ntc folds each line into a wide
 *   record by kind (chassis_*, ps_*, fpc_*, mic_*, pic_*, xcvr_*, ...); from each kind:
 *   <kind>_description -> description, <kind>_part -> pid, <kind>_serial_number -> serial;
 *   name is the line's item path ("FPC 1 / MIC 0 / PIC 2 / Xcvr 0").
 */
import { firstMatch, joinValues, lines, words, type Fields } from './common.js';

/** Virtual chassis members, cluster nodes and multi-RE systems head each member's output `fpc0:`, `node1:`, `re0:`. */
const MEMBER = /^((?:fpc|node|member|re|lcc|sfc)\d+):\s*$/;

function members(raw: string): string[] {
  const chunks: string[][] = [[]];
  for (const line of lines(raw)) {
    if (MEMBER.test(line)) chunks.push([]);
    else chunks.at(-1)!.push(line);
  }
  return chunks.map((c) => c.join('\n')).filter((c) => c.trim());
}

/** One value per member, in order; members that lack the field add nothing. */
const perMember = (parts: string[], re: RegExp) => joinValues(parts.map((p) => firstMatch(re, p)).filter(Boolean));

/** Releases before 15.1 print no `Junos:` line; their release is the base OS package's. */
const VERSION = /^(?:Junos:\s*(\S+)|JUNOS (?:Software Release|Base OS boot) \[([^\]]+)\])/m;

export function parseJunosShowVersion(raw: string): Fields | undefined {
  if (!/^Model:/m.test(raw) || !/^(?:Hostname:|Junos:|JUNOS )/m.test(raw)) return undefined;
  const parts = members(raw);
  const version = parts.map((p) => VERSION.exec(p)).map((m) => m?.[1] ?? m?.[2] ?? '');
  return {
    hostname: perMember(parts, /^Hostname:[ \t]*(\S+)/m),
    vendor: 'Juniper',
    model: perMember(parts, /^Model:[ \t]*(\S+)/m),
    version: joinValues(version.filter(Boolean)),
    serial: perMember(parts, /^Serial Number:[ \t]*(\S+)/m),
    uptime: '',
  };
}

export function parseJunosShowSystemUptime(raw: string): Fields | undefined {
  const parts = members(raw).filter((p) => /^System booted:/m.test(p));
  if (!parts.length) return undefined;
  return {
    uptime: perMember(parts, /\bup\s+(.+?),\s+\d+\s+users?\b/),
    booted: perMember(parts, /^System booted:\s*(.+?)\s*(?:\(.*\))?\s*$/m),
    current_time: perMember(parts, /^Current time:\s*(.+?)\s*$/m),
  };
}

const HW_HEADER = /^Item\s+Version\s+Part number\s+Serial number\s+Description/;
const NOT_HARDWARE = /^\s*$|^\s*-{3,}|^\{.*\}$|^Hardware inventory:/;

interface HwColumns {
  version: number;
  part: number;
  serial: number;
  description: number;
}

/** Column starts from the title line: rows are fixed-width, and items and descriptions hold spaces. */
function columnsOf(header: string): HwColumns {
  return {
    version: header.indexOf('Version'),
    part: header.indexOf('Part number'),
    serial: header.indexOf('Serial number'),
    description: header.indexOf('Description'),
  };
}

function hardwareRow(line: string, c: HwColumns): { depth: number; item: string; fields: Omit<Fields, 'name'> } {
  const cells = words(line);
  const within = (from: number, to: number) =>
    cells
      .filter((w) => w.start >= from && w.start < to)
      .map((w) => w.text)
      .join(' ');
  const firstDescription = cells.find((w) => w.start >= c.description);
  return {
    // Junos indents each level of the hardware tree by two spaces.
    depth: Math.floor((line.length - line.trimStart().length) / 2),
    item: within(0, c.version),
    fields: {
      description: firstDescription ? line.slice(firstDescription.start).trim() : '',
      pid: within(c.part, c.serial),
      serial: within(c.serial, c.description),
    },
  };
}

export function parseJunosShowChassisHardware(raw: string): Fields[] | undefined {
  const items: Fields[] = [];
  let columns: HwColumns | undefined;
  let member = '';
  let path: string[] = [];
  for (const line of lines(raw)) {
    const m = MEMBER.exec(line);
    if (m) [member, path] = [m[1]!, []];
    else if (HW_HEADER.test(line)) [columns, path] = [columnsOf(line), []];
    else if (columns && !NOT_HARDWARE.test(line)) {
      const row = hardwareRow(line, columns);
      path = [...path.slice(0, row.depth), row.item];
      items.push({ name: [member, ...path].filter(Boolean).join(' / '), ...row.fields });
    }
  }
  return columns ? items : undefined;
}
