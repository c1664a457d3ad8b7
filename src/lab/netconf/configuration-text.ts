/**
 * Junos configuration text (the brace hierarchy of `<configuration-text>`, as `show
 * configuration` prints it) as the set statements the lab's configuration store holds:
 * `system { ntp { server 192.0.2.1; } }` is `set system ntp server 192.0.2.1`. Comments
 * (C-style blocks, `#` lines) are dropped; an unbalanced brace is an error naming its line.
 */

export type TextStatements = { ok: true; statements: string[] } | { ok: false; message: string };

const TOKENS = /"(?:[^"\\]|\\.)*"|[{};]|[^\s{};"]+/g;

export function setStatements(text: string): TextStatements {
  const statements: string[] = [];
  const path: string[][] = [];
  let words: string[] = [];
  const lines = text.replace(/\/\*[\s\S]*?\*\//g, '').split('\n');
  for (const [i, raw] of lines.entries()) {
    const line = raw.replace(/^\s*#.*$/, '');
    for (const [token] of line.matchAll(TOKENS)) {
      if (token === '{') {
        if (!words.length) return { ok: false, message: `line ${i + 1}: '{' without a statement before it` };
        path.push(words);
        words = [];
      } else if (token === '}') {
        if (words.length) return { ok: false, message: `line ${i + 1}: missing ';' before '}'` };
        if (!path.pop()) return { ok: false, message: `line ${i + 1}: '}' closes nothing` };
      } else if (token === ';') {
        if (words.length) statements.push(['set', ...path.flat(), ...words].join(' '));
        words = [];
      } else {
        words.push(token);
      }
    }
  }
  if (words.length) return { ok: false, message: `missing ';' after '${words.join(' ')}'` };
  if (path.length) return { ok: false, message: `'${path.at(-1)!.join(' ')} {' is not closed` };
  return { ok: true, statements };
}
