import type { Column } from './views.js';

/** Cells that are not a device's answer: a device with no records, or output kept raw. */
const NO_VALUE = new Set(['', '(unparsed)']);

/**
 * The rows that need a look moved first (stable, so each device's order is kept) and the
 * line counting them, for a command whose column marks what healthy looks like. On call,
 * the two BGP sessions that are down matter more than the twelve that are up.
 */
export function attentionFirst(columns: Column[], rows: Record<string, string>[]): { rows: Record<string, string>[]; attention?: string } {
  const column = columns.find((c) => c.attention);
  if (!column?.attention) return { rows };
  const { healthy, noun } = column.attention;
  const counted = rows.filter((r) => !NO_VALUE.has(r[column.key] ?? ''));
  const bad = counted.filter((r) => r[column.key] !== healthy);
  // A set, not bad.includes: the job stream redraws this view on every progress update.
  const needsLook = new Set(bad);
  const others = rows.filter((r) => !needsLook.has(r));
  const plural = counted.length === 1 ? noun : `${noun}s`;
  return { rows: [...bad, ...others], attention: `${bad.length} of ${counted.length} ${plural} not ${healthy}` };
}
