/**
 * Arista EOS output parsers.
 *
 * Field mapping from the ntc-templates names used in the fixtures:
 * - show version: model -> model, image -> version (its first word: cEOS appends
 *   `(engineering build)`), serial_number -> serial, uptime -> uptime. EOS prints no
 *   hostname in show version: ''.
 * - show interfaces: interface -> interface, link_status -> status, protocol_status ->
 *   protocol, ip_address (already with its prefix) -> address, description -> description.
 * - show inventory: descr -> description, pid -> pid, sn -> serial; name is the table's
 *   kind plus ntc's port ("Power supply 1", "Fan module 1", "Transceiver 1"), "Chassis"
 *   for the system line. The "System has N ports" table (port counts by type) names no
 *   part, so it yields no inventory record.
 */
import { firstMatch, lines, parseCiscoStyleInterfaces, type Fields } from './common.js';
import { lookup, type InterfaceStates, type WordTable } from './normalise.js';

export function parseEosShowVersion(raw: string): Fields | undefined {
  // [ \t] rather than \s: an empty "Serial number:" must not swallow the next line.
  const version = firstMatch(/^Software image version:[ \t]*(\S+)/m, raw);
  if (!version) return undefined;
  return {
    hostname: '',
    vendor: 'Arista',
    model: firstMatch(/^Arista[ \t]+(\S+)/m, raw),
    version,
    serial: firstMatch(/^Serial number:[ \t]*(\S*)/m, raw),
    uptime: firstMatch(/^Uptime:[ \t]*(.+?)[ \t]*$/m, raw),
  };
}

export const parseEosShowInterfaces = (raw: string): Fields[] | undefined => parseCiscoStyleInterfaces(raw);

type Row = (cells: string[]) => Fields;

const part = (name: string, description: string, pid: string, serial: string): Fields => ({ name, description, pid, serial });

/**
 * Row readers per `System has N <kind>` table. Cells are whitespace-split because captures
 * may have their column padding squeezed; the manufacturer may hold spaces, so the
 * transceiver row is read from both ends.
 */
const TABLES: readonly (readonly [RegExp, Row])[] = [
  [
    /power supply/,
    ([slot = '', ...rest]) =>
      rest.join(' ') === 'Not Present'
        ? part(`Power supply ${slot}`, 'Not Present', '', '')
        : part(`Power supply ${slot}`, '', rest[0] ?? '', rest.at(-1) ?? ''),
  ],
  [/fan module/, ([module = '', , model = '', serial = '']) => part(`Fan module ${module}`, '', model, serial)],
  [
    /transceiver/,
    ([port = '', ...rest]) => {
      // Five or more cells: manufacturer.. model serial rev; four: the revision is blank.
      const tail = rest.length >= 4 ? rest.slice(-3) : [...rest.slice(-2), ''];
      const head = rest.slice(0, rest.length - (rest.length >= 4 ? 3 : 2));
      return part(`Transceiver ${port}`, head.join(' '), tail[0] ?? '', tail[1] ?? '');
    },
  ],
];

const isRule = (line: string) => /^\s*-{3,}[\s-]*$/.test(line);

/** Data lines of an indented table: not the rule, nor a column-title line sitting on a rule. */
function dataLines(section: string[]): string[] {
  return section.filter((line, i) => line.trim() && !isRule(line) && !isRule(section[i + 1] ?? ''));
}

/**
 * `System information`: the model line (`DCS-7150S-52-CL 52-port SFP+ ...`) then the
 * version line (`02.00 JPE13120702 2013-03-27`); newer EOS puts column titles over each.
 */
function chassis(section: string[]): Fields {
  const [modelLine = '', versionLine = ''] = dataLines(section).map((l) => l.trim());
  const [model = '', ...description] = modelLine.split(/\s+/);
  // "<hw version> <serial> <mfg date>"; a blank hardware version leaves serial first.
  const version = versionLine.split(/\s+/);
  return part('Chassis', description.join(' '), model, (version.length >= 3 ? version[1] : version[0]) ?? '');
}

export function parseEosShowInventory(raw: string): Fields[] | undefined {
  const sections: { title: string; body: string[] }[] = [];
  for (const line of lines(raw)) {
    if (/^\S/.test(line)) sections.push({ title: line.trim(), body: [] });
    else sections.at(-1)?.body.push(line);
  }
  const items: Fields[] = [];
  for (const { title, body } of sections) {
    if (title === 'System information') {
      items.push(chassis(body));
      continue;
    }
    const row = /^System has \d+/.test(title) ? TABLES.find(([kind]) => kind.test(title))?.[1] : undefined;
    if (row) items.push(...dataLines(body).map((line) => row(line.trim().split(/\s+/))));
  }
  return items.length ? items : undefined;
}

/** EOS header words: `up`, `down`, `administratively down`, `disabled` (the ntc field keeps what follows `is`). */
export const EOS_STATUS: WordTable = [
  [/^(?:administratively down|disabled)/i, 'admin-down'],
  [/^up\b/i, 'up'],
  [/^(?:down|notconnect|errdisabled|lowerlayerdown)\b/i, 'down'],
];
/** `line protocol is up (connected)`, `down (notconnect)`, `down (disabled)`, `lowerlayerdown`, `dormant`. */
export const EOS_PROTOCOL: WordTable = [
  [/^up\b/i, 'up'],
  [/^(?:down|lowerlayerdown|dormant|notpresent|testing)\b/i, 'down'],
];
export const EOS_INTERFACE_STATES: InterfaceStates = {
  status: (r) => lookup(EOS_STATUS, r.status ?? '') as 'up' | 'down' | 'admin-down' | undefined,
  protocol: (r) => lookup(EOS_PROTOCOL, r.protocol ?? '') as 'up' | 'down' | undefined,
};
