/**
 * One coherent identity per simulated device. A device's show version capture decides its
 * model(s) and software version; its serials are the lab's own, derived from the device name,
 * so they are unique across the lab and the same on every run. The inventory capture keeps its
 * parts but names the device's own chassis, and the running configuration's version line
 * follows the software version. What differs per platform is data: ./identity/<platform>.ts.
 */
import { createHash } from 'node:crypto';
import type { Fields } from '../devices/parsers/common.js';

/** One chassis: a single box, or one member of a stack or cluster. */
export interface ChassisIdentity {
  model: string;
  serial: string;
  /** The chassis line of show version, where the platform prints one (NX-OS). */
  description?: string;
  /** The member's name where show version heads each member's part (Junos `node0`). */
  member?: string;
}

export interface DeviceIdentity {
  version: string;
  members: ChassisIdentity[];
}

/** What the capture's show version says, before the lab's serials are put in. */
export interface VersionReading {
  models: string[];
  version: string;
  descriptions?: string[];
  members?: string[];
}

export interface IdentityRecipe {
  /** Model(s), version and chassis line(s) of a show version capture (the bot's own parser). */
  read(showVersion: string): VersionReading | undefined;
  /** Where show version prints a chassis serial: group 1 what precedes it, group 2 the serial (may be blank). Global. */
  versionSerials: RegExp[];
  /** The parts of an inventory capture (the bot's own parser). */
  parts(inventory: string): Fields[] | undefined;
  /** The parsed parts that are a chassis. */
  chassisName: RegExp;
  /** The capture's chassis record(s) made the device's own (model, serial; one per member). */
  chassis(inventory: string, old: Fields[], id: DeviceIdentity): string;
  /** The running configuration's version line: which line it is, and the device's own. */
  configVersion: { line: RegExp; make: (line: string, id: DeviceIdentity) => string };
}

/** Values in a serial column that are not serials. */
const NOT_SERIAL = /^(?:|N\/A|BUILTIN|NONE|0)$/i;

/**
 * The lab's serial number `k` of a device: a vendor-looking prefix (the captured serial's
 * three letters when it has them), six characters from the device name, two from `k`.
 */
export function labSerial(device: string, k: number, like = ''): string {
  const prefix = /^[A-Z]{3}(?=\d)/.exec(like)?.[0] ?? 'LAB';
  const digest = BigInt(`0x${createHash('sha256').update(device).digest('hex').slice(0, 12)}`);
  const name = digest.toString(36).toUpperCase().padStart(6, '0').slice(-6);
  return `${prefix}${name}${k.toString(36).toUpperCase().padStart(2, '0')}`;
}

interface SerialSpot {
  index: number;
  length: number;
  before: string;
  serial: string;
}

/** Every chassis serial show version prints, in the order it prints them. */
function versionSerialSpots(recipe: IdentityRecipe, text: string): SerialSpot[] {
  const spots: SerialSpot[] = [];
  for (const re of recipe.versionSerials) {
    for (const m of text.matchAll(re)) spots.push({ index: m.index, length: m[0].length, before: m[1] ?? '', serial: m[2] ?? '' });
  }
  return spots.sort((a, b) => a.index - b.index);
}

/** Which member each printed serial belongs to: one member per distinct serial, a blank one is a member of its own. */
function memberOfSpots(spots: SerialSpot[]): number[] {
  const seen = new Map<string, number>();
  return spots.map((s, i) => {
    const key = s.serial || `#blank${i}`;
    if (!seen.has(key)) seen.set(key, seen.size);
    return seen.get(key)!;
  });
}

/** The identity a device gets from its show version capture. */
export function identityOf(recipe: IdentityRecipe, showVersion: string, device: string): DeviceIdentity {
  const reading = recipe.read(showVersion) ?? { models: [], version: '' };
  const spots = versionSerialSpots(recipe, showVersion);
  const members = memberOfSpots(spots);
  const count = Math.max(1, reading.models.length, new Set(members).size);
  return {
    version: reading.version,
    members: Array.from({ length: count }, (_, i) => ({
      model: reading.models[i] ?? reading.models[0] ?? '',
      serial: labSerial(device, i, spots[members.indexOf(i)]?.serial),
      description: reading.descriptions?.[i] ?? reading.descriptions?.[0],
      member: reading.members?.[i],
    })),
  };
}

/** The show version capture with the device's serials in place of the captured ones. */
export function servedShowVersion(recipe: IdentityRecipe, capture: string, id: DeviceIdentity): string {
  const spots = versionSerialSpots(recipe, capture);
  const members = memberOfSpots(spots);
  let out = capture;
  for (const [i, s] of [...spots.entries()].reverse()) {
    const serial = id.members[members[i]!]?.serial ?? s.serial;
    out = out.slice(0, s.index) + s.before + serial + out.slice(s.index + s.length);
  }
  return out;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A whole value in output text: not part of a longer word or part number. */
const tokenRegex = (value: string) => new RegExp(`(?<![\\w-])${escapeRegex(value)}(?![\\w-])`, 'g');

/**
 * `to` in place of `from` at `at`. Where spaces follow (a fixed-width column), the next column
 * stays where it was, so column-reading parsers (Junos) still find it.
 */
function replaceAt(text: string, at: number, from: string, to: string): string {
  const spaces = /^ */.exec(text.slice(at + from.length))![0].length;
  const width = from.length + spaces;
  const put = spaces > 0 && to.length < width ? to.padEnd(width) : to;
  return text.slice(0, at) + put + text.slice(at + (put === to ? from.length : width));
}

/** Every occurrence of the value `from` (a whole value, not part of a longer one) as `to`, columns kept. */
export function replaceValue(text: string, from: string, to: string): string {
  if (!from || from === to) return text;
  const re = tokenRegex(from);
  let out = text;
  let m: RegExpExecArray | null;
  re.lastIndex = 0;
  for (;;) {
    m = re.exec(out);
    if (!m) return out;
    out = replaceAt(out, m.index, from, to);
    re.lastIndex = m.index + to.length;
  }
}

/** A record (a blank-line separated block) repeated word for word is an artefact of the capture, not another part. */
function dropRepeatedRecords(text: string): string {
  const pieces = text.split(/(\n[ \t]*\n)/); // block, separator, block, ...
  const seen = new Set<string>();
  const out: string[] = [];
  for (let i = 0; i < pieces.length; i += 2) {
    const block = pieces[i]!;
    const key = block.trim();
    if (key && seen.has(key)) continue;
    seen.add(key);
    if (out.length) out.push(pieces[i - 1]!);
    out.push(block);
  }
  return out.join('');
}

/**
 * The inventory capture made the device's own: its chassis record(s) name the device's
 * model and serial, a repeated record is dropped, and every other part gets a serial of its
 * own (a part that shared the captured chassis serial shares the device's).
 */
export function servedInventory(recipe: IdentityRecipe, capture: string, id: DeviceIdentity, device: string): string {
  const old = recipe.parts(capture) ?? [];
  const oldChassis = old.filter((p) => recipe.chassisName.test(p.name ?? ''));
  const chassisSerial = new Map(oldChassis.map((c, i) => [c.serial ?? '', id.members[Math.min(i, id.members.length - 1)]!.serial]));
  const own = new Set(id.members.map((m) => m.serial));
  let text = dropRepeatedRecords(recipe.chassis(capture, oldChassis, id));
  let cursor = 0;
  let k = id.members.length;
  for (const part of recipe.parts(text) ?? []) {
    const serial = part.serial ?? '';
    if (recipe.chassisName.test(part.name ?? '') || NOT_SERIAL.test(serial) || own.has(serial)) continue;
    const re = tokenRegex(serial);
    re.lastIndex = cursor;
    const m = re.exec(text);
    if (!m) continue;
    const to = chassisSerial.get(serial) ?? labSerial(device, k++, serial);
    text = replaceAt(text, m.index, serial, to);
    cursor = m.index + to.length;
  }
  return text;
}

/**
 * The configuration line (or header line) with the device's own version, other lines as they
 * are. A capture that prints no version (a truncated Junos vmhost one) has nothing to follow.
 */
export function withConfigVersion(recipe: IdentityRecipe, id: DeviceIdentity): (line: string) => string {
  return (line) => (id.version && recipe.configVersion.line.test(line) ? recipe.configVersion.make(line, id) : line);
}

/** The first word of a version (`10.3(6) [Maintenance Release]` -> `10.3(6)`). */
export const firstWord = (s: string): string => s.trim().split(/\s+/)[0] ?? '';
