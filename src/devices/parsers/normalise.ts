/**
 * Normalised values beside the device's own words. Parsers return what the device said;
 * these helpers add the forms that mean the same on every platform: uptime in seconds,
 * interface status `up | down | admin-down` and protocol `up | down`. Each platform's
 * word tables live in its parser file; a word no table knows is left as the device said it
 * (never guessed).
 */
import type { Fields } from './common.js';

/** First row whose pattern matches the word, case-insensitively. */
export type WordTable = readonly (readonly [RegExp, string])[];

export function lookup(table: WordTable, word: string): string | undefined {
  const w = word.trim();
  return w ? table.find(([re]) => re.test(w))?.[1] : undefined;
}

export type InterfaceStatus = 'up' | 'down' | 'admin-down';

/** How one platform's interface records read: its status word table and where protocol comes from. */
export interface InterfaceStates {
  status: (r: Fields) => InterfaceStatus | undefined;
  protocol: (r: Fields, status: InterfaceStatus | undefined) => 'up' | 'down' | undefined;
}

/**
 * `status` and `protocol` become the normalised values; the device's words are kept as
 * `device_status` and `device_protocol`.
 */
export function normaliseInterfaces(records: Fields[] | undefined, states: InterfaceStates): Fields[] | undefined {
  return records?.map((r) => {
    const status = states.status(r);
    const protocol = states.protocol(r, status);
    return {
      ...r,
      status: status ?? r.status ?? '',
      protocol: protocol ?? r.protocol ?? '',
      device_status: r.status ?? '',
      device_protocol: r.protocol ?? '',
    };
  });
}

const UNIT_SECONDS: WordTable = [
  [/^(?:years?|yrs?|y)$/i, String(365 * 86400)],
  [/^(?:weeks?|wks?|w)$/i, String(7 * 86400)],
  [/^(?:days?|day\(s\)|d)$/i, '86400'],
  [/^(?:hours?|hour\(s\)|hrs?|h)$/i, '3600'],
  [/^(?:minutes?|minute\(s\)|mins?|m)$/i, '60'],
  [/^(?:seconds?|second\(s\)|secs?|s)$/i, '1'],
];

const TOKEN = /(\d+)\s*([a-z]+(?:\(s\))?)|(\d+):(\d{2})(?::(\d{2}))?/gi;

/**
 * Seconds of an uptime in any of the platforms' wordings: `2 years, 31 weeks, 6 days, 9
 * hours, 55 minutes` (IOS), `60 day(s), 17 hour(s), 6 minute(s), 22 second(s)` (NX-OS),
 * `1 hour and 16 minutes` (EOS), `154 days, 19:16` and `5 mins` (Junos). A value listing
 * several members is read up to the first member's end (a unit no smaller than one already
 * read starts the next member). Undefined when nothing in it is a duration.
 */
export function uptimeSeconds(text: string): number | undefined {
  let total = 0;
  let smallest = Number.POSITIVE_INFINITY;
  let found = false;
  for (const m of text.matchAll(TOKEN)) {
    const parts: [number, number][] =
      m[1] !== undefined
        ? [[Number(m[1]), Number(lookup(UNIT_SECONDS, m[2]!) ?? Number.NaN)]]
        : [
            [Number(m[3]), 3600],
            [Number(m[4]), 60],
            [Number(m[5] ?? 0), 1],
          ];
    if (parts.some(([, unit]) => Number.isNaN(unit))) continue;
    if (parts[0]![1] >= smallest) break;
    for (const [n, unit] of parts) total += n * unit;
    smallest = parts.at(-1)![1];
    found = true;
  }
  return found ? total : undefined;
}

/** Adds `uptime_seconds` (the duration, '' when the uptime reads as none) beside the device's `uptime`. */
export function withUptimeSeconds(fields: Fields | undefined): Fields | undefined {
  if (!fields) return undefined;
  const s = uptimeSeconds(fields.uptime ?? '');
  return { ...fields, uptime_seconds: s === undefined ? '' : String(s) };
}
