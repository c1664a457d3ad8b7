/**
 * Configuration diffs as people read them: the lines a device prints around its diff that
 * say nothing about the change (IOS-XR's `Building configuration...`, the timestamp every
 * XR command starts with, the `!! IOS XR Configuration` and `!! Last configuration change`
 * headers, Junos' `## Last commit:`) are removed; what changes is kept as the device wrote it.
 */

/** Lines that are never part of a change, on any platform that prints them. */
const NOISE: readonly RegExp[] = [
  /^Building configuration\.\.\.\s*$/,
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d+ \d\d:\d\d:\d\d(?:\.\d+)? \S+\s*$/,
  /^!! IOS XR Configuration\b/,
  /^!! Last configuration change\b/,
  /^## Last (?:commit|changed):/,
  /^Current configuration : \d+ bytes\s*$/,
];

export function cleanDiff(text: string): string {
  return text
    .split(/\r?\n/)
    .filter((l) => !NOISE.some((re) => re.test(l)))
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
}

/**
 * Lines added and removed in a diff: unified diffs (`+`/`-`, EOS), Junos `show | compare`
 * and XR's `show commit changes diff` (both `+`/`-` in the first columns). The `---`/`+++`
 * file headers of a unified diff are not changes.
 */
export function diffCounts(text: string): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const line of text.split(/\r?\n/)) {
    if (/^(?:\+\+\+|---) /.test(line)) continue;
    if (/^\s{0,3}\+/.test(line)) added++;
    else if (/^\s{0,3}-/.test(line)) removed++;
  }
  return { added, removed };
}
