import type { Column } from './views.js';

/** Parsers join one value per member with ", " (see joinValues in src/devices/parsers/common.ts). */
const MEMBER_SEPARATOR = ', ';

/** `srx1500, srx1500` -> `srx1500 ×2`; different values stay listed in order. */
export function showMembers(value: string): string {
  const parts = value.split(MEMBER_SEPARATOR);
  if (parts.length < 2) return value;
  return parts.every((p) => p === parts[0]) ? `${parts[0]} ×${parts.length}` : value;
}

const UNITS: readonly (readonly [string, number])[] = [
  ['y', 365 * 86400],
  ['w', 7 * 86400],
  ['d', 86400],
  ['h', 3600],
  ['m', 60],
  ['s', 1],
];

/** Seconds as its four largest units: `2y 31w 6d 9h`, `3h 5m`, `42s`. */
export function showDuration(seconds: number): string {
  const parts: string[] = [];
  let left = Math.floor(seconds);
  for (const [unit, size] of UNITS) {
    const n = Math.floor(left / size);
    left -= n * size;
    if (n > 0 || (parts.length > 0 && parts.length < 4)) parts.push(`${n}${unit}`);
    if (parts.length === 4) break;
  }
  // Trailing zero units say nothing: `2d 0h 0m` reads better as `2d`.
  while (parts.length > 1 && /^0\D$/.test(parts.at(-1)!)) parts.pop();
  return parts.length ? parts.join(' ') : '0s';
}

/** A cell as shown for its column. */
export function showCell(column: Column, value: string): string {
  if (column.show === 'members') return showMembers(value);
  if (column.show === 'duration') return value === '' || Number.isNaN(Number(value)) ? value : showDuration(Number(value));
  return value;
}
