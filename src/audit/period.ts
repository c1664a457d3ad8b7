/**
 * Time expressions of the audit filters and settings: durations (`30m`, `2h`, `1d`, `1w`)
 * and points in time (a duration ago, or an ISO 8601 date). Pure: `now` is passed in.
 */
const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
const DURATION = /^(\d+)\s*([smhdw])$/i;
// ISO date, optionally with a time; a time without a zone is taken as UTC, as the trail stores it.
const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/** Milliseconds of `30m`, `2h`, `1d`, `1w`, `45s`; undefined when it is not a duration. */
export function parseDuration(text: string): number | undefined {
  const m = DURATION.exec(text.trim());
  return m ? Number(m[1]) * UNIT_MS[m[2]!.toLowerCase() as keyof typeof UNIT_MS] : undefined;
}

/** Epoch ms of `2h` (ago), `2026-01-15` or `2026-01-15T10:00Z`; undefined when it is neither. */
export function parsePointInTime(text: string, now: number): number | undefined {
  const t = text.trim();
  const d = parseDuration(t);
  if (d !== undefined) return now - d;
  if (!ISO.test(t)) return undefined;
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(t) && t.length > 10;
  const ms = Date.parse(hasZone ? t : t.length === 10 ? `${t}T00:00:00Z` : `${t.replace(' ', 'T')}Z`);
  return Number.isNaN(ms) ? undefined : ms;
}

export const POINT_IN_TIME_HINT = 'use a duration such as 30m, 2h or 1d, or an ISO date such as 2026-01-15 or 2026-01-15T09:30Z';
