import type { Column } from './views.js';

/** Columns are never shortened below this many characters (or their label, if shorter). */
const MIN_WIDTH = 6;
const GAP = 2;

/** A cell cut to `width` characters, the cut marked with `…`. */
export function shorten(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/**
 * Column widths that fit `width`: the widest column gives up a character until the table
 * fits or every column is at its floor (then the table is as narrow as it can be, and wraps).
 */
export function fitWidths(natural: number[], floors: number[], width: number | undefined): number[] {
  const widths = [...natural];
  if (!width) return widths;
  const total = () => widths.reduce((a, b) => a + b, 0) + GAP * Math.max(0, widths.length - 1);
  while (total() > width) {
    let widest = -1;
    for (let i = 0; i < widths.length; i++) {
      if (widths[i]! > floors[i]! && (widest < 0 || widths[i]! > widths[widest]!)) widest = i;
    }
    if (widest < 0) break;
    widths[widest]! -= 1;
  }
  return widths;
}

export interface TableLayout {
  /** Terminal width to fit; undefined: no limit. */
  width?: number;
  /** Show every cell in full, however wide (`--wide`). */
  wide?: boolean;
}

/** A plain-text table: title line, rule, rows; fitted to the layout's width unless wide. */
export function drawTable(columns: Column[], rows: Record<string, string>[], layout: TableLayout = {}): string {
  const natural = columns.map((c) => Math.max(c.label.length, ...rows.map((r) => (r[c.key] ?? '').length)));
  // The first column names the row (the device): it is never shortened.
  const floors = columns.map((_c, i) => (i === 0 ? natural[0]! : Math.min(natural[i]!, MIN_WIDTH)));
  const widths = layout.wide ? natural : fitWidths(natural, floors, layout.width);
  const line = (cells: string[]) =>
    cells
      .map((v, i) => shorten(v, widths[i]!).padEnd(widths[i]!))
      .join(' '.repeat(GAP))
      .trimEnd();
  return [
    line(columns.map((c) => c.label)),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) => line(columns.map((c) => r[c.key] ?? ''))),
  ].join('\n');
}
