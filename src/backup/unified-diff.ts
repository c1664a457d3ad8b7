/**
 * A unified diff of two texts, line by line (Myers' O(ND) algorithm), the way `diff -u` and
 * git print it: `---`/`+++` headers, `@@ -a,b +c,d @@` hunks with three lines of context.
 * Written here because no dependency of the project diffs text (the devices' own diffs are
 * parsed in devices/parsers/config-diff.ts, which only reads them).
 */

type Op = { kind: ' ' | '-' | '+'; line: string };

/** Beyond this many differing lines the edit script is "replace everything": the trace grows with D² (8 MB here). */
const MAX_EDITS = 1000;
const CONTEXT = 3;

export interface UnifiedDiff {
  /** '' when the texts are the same. */
  text: string;
  added: number;
  removed: number;
}

export function unifiedDiff(before: string, after: string, labels: { before: string; after: string }): UnifiedDiff {
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = editScript(a, b);
  const added = ops.filter((o) => o.kind === '+').length;
  const removed = ops.filter((o) => o.kind === '-').length;
  if (added + removed === 0) return { text: '', added, removed };
  const lines = [`--- ${labels.before}`, `+++ ${labels.after}`, ...hunks(ops)];
  return { text: `${lines.join('\n')}\n`, added, removed };
}

/** Lines without their terminators; a final newline does not make an empty last line. */
function splitLines(text: string): string[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** The common head and tail are taken off first: a configuration drifts in a few places. */
function editScript(a: string[], b: string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const same = (lines: string[]) => lines.map((line): Op => ({ kind: ' ', line }));
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  return [...same(a.slice(0, head)), ...middle(midA, midB), ...same(a.slice(a.length - tail))];
}

function middle(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return replaceAll(a, b);
  const max = Math.min(n + m, MAX_EDITS);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!);
      let x = down ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, a, b, offset, d);
    }
  }
  return replaceAll(a, b);
}

/** Walks the saved frontiers back from the end, collecting the edits in reverse. */
function backtrack(trace: Int32Array[], a: string[], b: string[], offset: number, dEnd: number): Op[] {
  const out: Op[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = dEnd; d > 0; d--) {
    const v = trace[d]!;
    const k = x - y;
    const down = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!);
    const prevK = down ? k + 1 : k - 1;
    const prevX = v[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      out.push({ kind: ' ', line: a[--x]! });
      y--;
    }
    if (down) out.push({ kind: '+', line: b[--y]! });
    else out.push({ kind: '-', line: a[--x]! });
  }
  while (x > 0 && y > 0) {
    out.push({ kind: ' ', line: a[--x]! });
    y--;
  }
  return out.reverse();
}

function replaceAll(a: string[], b: string[]): Op[] {
  return [...a.map((line): Op => ({ kind: '-', line })), ...b.map((line): Op => ({ kind: '+', line }))];
}

/** Groups the edits into hunks, each with up to three unchanged lines around it. */
function hunks(ops: Op[]): string[] {
  const out: string[] = [];
  const changed = ops.map((o, i) => (o.kind === ' ' ? -1 : i)).filter((i) => i >= 0);
  let i = 0;
  while (i < changed.length) {
    const start = Math.max(0, changed[i]! - CONTEXT);
    let end = changed[i]!;
    // Edits closer than twice the context share one hunk.
    while (i + 1 < changed.length && changed[i + 1]! - end <= 2 * CONTEXT) end = changed[++i]!;
    const stop = Math.min(ops.length, end + CONTEXT + 1);
    out.push(header(ops, start, stop), ...ops.slice(start, stop).map((o) => `${o.kind}${o.line}`));
    i++;
  }
  return out;
}

function header(ops: Op[], start: number, stop: number): string {
  const before = ops.slice(0, start);
  const inside = ops.slice(start, stop);
  const oldStart = before.filter((o) => o.kind !== '+').length;
  const newStart = before.filter((o) => o.kind !== '-').length;
  const oldLen = inside.filter((o) => o.kind !== '+').length;
  const newLen = inside.filter((o) => o.kind !== '-').length;
  const range = (s: number, len: number) => (len === 1 ? `${s + 1}` : `${len === 0 ? s : s + 1},${len}`);
  return `@@ -${range(oldStart, oldLen)} +${range(newStart, newLen)} @@`;
}
