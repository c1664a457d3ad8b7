/** The drift diff: named cases printed exactly as `diff -u` prints them, and random edits that the diff's hunks undo and redo. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unifiedDiff } from '../../src/backup/unified-diff.js';

const labels = { before: 'r1 v1', after: 'r1 running' };

const CASES: [string, string, string, string][] = [
  ['identical', 'a\nb\n', 'a\nb\n', ''],
  ['trailing newline only', 'a\nb', 'a\nb\n', ''],
  [
    'one line added in the middle',
    'a\nb\nc\nd\ne\nf\ng\nh\n',
    'a\nb\nc\nd\nX\ne\nf\ng\nh\n',
    '@@ -2,6 +2,7 @@\n b\n c\n d\n+X\n e\n f\n g\n',
  ],
  ['one line changed at the top', 'a\nb\nc\nd\ne\n', 'A\nb\nc\nd\ne\n', '@@ -1,4 +1,4 @@\n-a\n+A\n b\n c\n d\n'],
  ['removed at the end', 'a\nb\nc\n', 'a\nb\n', '@@ -1,3 +1,2 @@\n a\n b\n-c\n'],
  ['from nothing', '', 'a\n', '@@ -0,0 +1 @@\n+a\n'],
  [
    'two far edits: two hunks',
    'l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\nl10\nl11\nl12\n',
    'l1\nX\nl3\nl4\nl5\nl6\nl7\nl8\nl9\nl10\nY\nl12\n',
    '@@ -1,5 +1,5 @@\n l1\n-l2\n+X\n l3\n l4\n l5\n@@ -8,5 +8,5 @@\n l8\n l9\n l10\n-l11\n+Y\n l12\n',
  ],
];

for (const [name, before, after, hunks] of CASES) {
  test(`unified diff: ${name}`, () => {
    const d = unifiedDiff(before, after, labels);
    assert.equal(d.text, hunks ? `--- r1 v1\n+++ r1 running\n${hunks}` : '');
  });
}

/** Applies a unified diff's hunks to `before` (what `patch` does), to check the diff says exactly the change. */
function apply(before: string, diff: string): string {
  const lines = before.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const out: string[] = [];
  let at = 0;
  for (const hunk of diff.split(/^(?=@@ )/m).slice(1)) {
    const [head, ...body] = hunk.replace(/\n$/, '').split('\n');
    const start = Number(/^@@ -(\d+)/.exec(head!)![1]);
    const from = start === 0 ? 0 : start - 1;
    while (at < from) out.push(lines[at++]!);
    for (const l of body) {
      if (l.startsWith('+')) out.push(l.slice(1));
      else {
        assert.equal(lines[at], l.slice(1), `context or removed line ${at + 1}`);
        if (l.startsWith(' ')) out.push(lines[at]!);
        at++;
      }
    }
  }
  while (at < lines.length) out.push(lines[at++]!);
  return out.length ? `${out.join('\n')}\n` : '';
}

test('unified diff: 300 random edits, each diff turns the old text into the new one', () => {
  let seed = 7;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  for (let t = 0; t < 300; t++) {
    const a = Array.from({ length: Math.floor(rnd() * 60) }, () => `line ${Math.floor(rnd() * 10)}`);
    const b = a.flatMap((l) => (rnd() < 0.15 ? [] : rnd() < 0.15 ? [l, `new ${Math.floor(rnd() * 10)}`] : [l]));
    const text = (xs: string[]) => (xs.length ? `${xs.join('\n')}\n` : '');
    const d = unifiedDiff(text(a), text(b), labels);
    assert.equal(apply(text(a), d.text), text(b), `case ${t}`);
    const counted = d.text.split('\n').filter((l) => /^[+-](?![+-]{2} )/.test(l));
    assert.equal(counted.length, d.added + d.removed, `case ${t}: counts`);
  }
});
