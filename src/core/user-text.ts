/**
 * User text shown back to users (in errors): cut to a readable length, with control
 * characters, escape sequences and invisible characters shown as visible escapes, never raw
 * (a pasted ESC [ 2 J must not clear an engineer's terminal, a bidi override must not reorder
 * what they read). And characters that only look like Latin ones (Cyrillic е for e), named.
 */

/** Characters that draw nothing or reorder text: zero-width, bidi controls, BOM, line separators. */
const INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/u;
const CONTROL = /[\p{Cc}]/u;

const SHORT_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\x1b': '\\e' };

function escapeChar(ch: string): string {
  const short = SHORT_ESCAPES[ch];
  if (short) return short;
  const cp = ch.codePointAt(0)!;
  if (CONTROL.test(ch)) return `\\x${cp.toString(16).padStart(2, '0')}`;
  if (INVISIBLE.test(ch)) return `\\u{${cp.toString(16).toUpperCase()}}`;
  return ch;
}

/** Text made safe to show: every control or invisible character escaped, cut past `max` shown characters. */
export function visible(text: string, max = 60): string {
  let out = '';
  let shown = 0;
  for (const ch of text) {
    const piece = escapeChar(ch);
    if (shown + piece.length > max) return `${out}…`;
    out += piece;
    shown += piece.length;
  }
  return out;
}

/** Escapes only (no cut): for whole messages that quote user text. */
export function escapeControls(text: string): string {
  let out = '';
  for (const ch of text) out += escapeChar(ch);
  return out;
}

/** `"text"`, made visible and cut: the one way user text is quoted in an error. */
export function quote(text: string, max = 40): string {
  return `"${visible(text, max)}"`;
}

/** Lookalikes of Latin letters, digits and ASCII punctuation, with their Unicode names. */
const CONFUSABLES: Record<string, [name: string, looksLike: string]> = {
  а: ['CYRILLIC SMALL LETTER A', 'a'],
  е: ['CYRILLIC SMALL LETTER IE', 'e'],
  о: ['CYRILLIC SMALL LETTER O', 'o'],
  р: ['CYRILLIC SMALL LETTER ER', 'p'],
  с: ['CYRILLIC SMALL LETTER ES', 'c'],
  у: ['CYRILLIC SMALL LETTER U', 'y'],
  х: ['CYRILLIC SMALL LETTER HA', 'x'],
  ѕ: ['CYRILLIC SMALL LETTER DZE', 's'],
  і: ['CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I', 'i'],
  ј: ['CYRILLIC SMALL LETTER JE', 'j'],
  ԁ: ['CYRILLIC SMALL LETTER KOMI DE', 'd'],
  һ: ['CYRILLIC SMALL LETTER SHHA', 'h'],
  ӏ: ['CYRILLIC SMALL LETTER PALOCHKA', 'l'],
  ԝ: ['CYRILLIC SMALL LETTER WE', 'w'],
  А: ['CYRILLIC CAPITAL LETTER A', 'A'],
  В: ['CYRILLIC CAPITAL LETTER VE', 'B'],
  Е: ['CYRILLIC CAPITAL LETTER IE', 'E'],
  К: ['CYRILLIC CAPITAL LETTER KA', 'K'],
  М: ['CYRILLIC CAPITAL LETTER EM', 'M'],
  Н: ['CYRILLIC CAPITAL LETTER EN', 'H'],
  О: ['CYRILLIC CAPITAL LETTER O', 'O'],
  Р: ['CYRILLIC CAPITAL LETTER ER', 'P'],
  С: ['CYRILLIC CAPITAL LETTER ES', 'C'],
  Т: ['CYRILLIC CAPITAL LETTER TE', 'T'],
  Х: ['CYRILLIC CAPITAL LETTER HA', 'X'],
  ο: ['GREEK SMALL LETTER OMICRON', 'o'],
  α: ['GREEK SMALL LETTER ALPHA', 'a'],
  ι: ['GREEK SMALL LETTER IOTA', 'i'],
  ν: ['GREEK SMALL LETTER NU', 'v'],
  ρ: ['GREEK SMALL LETTER RHO', 'p'],
  υ: ['GREEK SMALL LETTER UPSILON', 'u'],
  Α: ['GREEK CAPITAL LETTER ALPHA', 'A'],
  Β: ['GREEK CAPITAL LETTER BETA', 'B'],
  Ε: ['GREEK CAPITAL LETTER EPSILON', 'E'],
  Ο: ['GREEK CAPITAL LETTER OMICRON', 'O'],
  Ρ: ['GREEK CAPITAL LETTER RHO', 'P'],
  Τ: ['GREEK CAPITAL LETTER TAU', 'T'],
  '\u2010': ['HYPHEN', '-'],
  '\u2011': ['NON-BREAKING HYPHEN', '-'],
  '\u2013': ['EN DASH', '-'],
  '\u2014': ['EM DASH', '-'],
  '\u2212': ['MINUS SIGN', '-'],
  '\u201c': ['LEFT DOUBLE QUOTATION MARK', '"'],
  '\u201d': ['RIGHT DOUBLE QUOTATION MARK', '"'],
  '\u00a0': ['NO-BREAK SPACE', ' '],
};

function confusable(ch: string): [name: string, looksLike: string] | undefined {
  const known = CONFUSABLES[ch];
  if (known) return known;
  const cp = ch.codePointAt(0)!;
  // Fullwidth forms (ｓｉｔｅ＝east) are ASCII shifted by 0xFEE0.
  if (cp >= 0xff01 && cp <= 0xff5e) return [`FULLWIDTH FORM OF "${String.fromCodePoint(cp - 0xfee0)}"`, String.fromCodePoint(cp - 0xfee0)];
  return undefined;
}

export interface Lookalike {
  char: string;
  codePoint: string;
  name: string;
  looksLike: string;
}

/**
 * The first lookalike character in a word that also holds ASCII letters, digits or
 * punctuation (`sitе=east` with a Cyrillic е): a word wholly in another script is left alone.
 */
export function findLookalike(word: string): Lookalike | undefined {
  if (!/[\x21-\x7e]/.test(word)) return undefined;
  for (const ch of word) {
    const c = confusable(ch);
    if (c)
      return { char: ch, codePoint: `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`, name: c[0], looksLike: c[1] };
  }
  return undefined;
}
