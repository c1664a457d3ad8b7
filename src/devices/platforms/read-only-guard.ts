/**
 * The guard of `show command="..."`: what the engineer typed reaches the device only when it
 * is a read command of the platform (`ReadOnlyRules` in the platform's description) with
 * allow-listed output modifiers, and nothing that ends the command and starts another. A
 * refusal names the word refused and why, for the chat line.
 */
import type { ReadOnlyRules } from '../platform-types.js';

export interface Refusal {
  word: string;
  why: string;
}

export type Guarded = { ok: true; command: string } | { ok: false; refusal: Refusal };

const refuse = (word: string, why: string): Guarded => ({ ok: false, refusal: { word, why } });

/** Modifiers that write the output somewhere: refused with that reason, whatever a platform calls them. */
const WRITES = new Set(['redirect', 'tee', 'save', 'append', 'file', 'email']);
const MAX_LENGTH = 256;

/** Characters no read command needs, on any platform. */
function badCharacter(command: string): Guarded | undefined {
  if (/[\r\n]/.test(command)) return refuse('line break', 'a line break ends the command and starts another');
  const control = /[\u0000-\u001f\u007f]/.exec(command);
  if (control)
    return refuse(`\\x${control[0].charCodeAt(0).toString(16).padStart(2, '0')}`, 'control characters are not part of a command');
  if (/[^\x20-\x7e]/.test(command)) return refuse('non-ASCII text', 'device CLIs read plain ASCII only');
  const redirect = /[<>]/.exec(command);
  if (redirect) return refuse(redirect[0], 'redirects output to (or input from) a file');
  if (command.length > MAX_LENGTH) return refuse(`${command.length} characters`, `longer than ${MAX_LENGTH} characters`);
  return undefined;
}

/** The word `typed` abbreviates among `words`: itself, the one word it starts, or a refusal. */
function resolve(typed: string, words: string[], what: string): string | Refusal {
  const t = typed.toLowerCase();
  if (words.includes(t)) return t;
  const matches = words.filter((w) => w.startsWith(t));
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) return { word: typed, why: `ambiguous: could be ${matches.join(', ')}` };
  return { word: typed, why: `not ${what} of this platform` };
}

function checkModifier(segment: string, rules: ReadOnlyRules): Refusal | undefined {
  const words = segment.trim().split(/\s+/).filter(Boolean);
  if (!words.length) return { word: '|', why: 'nothing follows the |' };
  const firsts = [...new Set([...rules.vocabulary, ...rules.modifiers.map((m) => m.split(' ')[0]!)])];
  const r = resolve(words[0]!, firsts, 'an output modifier');
  if (typeof r !== 'string') return r;
  if (WRITES.has(r)) return { word: words[0]!, why: `| ${r} writes the output to a file or elsewhere` };
  const allowed = rules.modifiers.filter((m) => m.split(' ')[0] === r);
  if (!allowed.length)
    return { word: words[0]!, why: `| ${r} is not on the allow-list (${rules.modifiers.map((m) => `| ${m}`).join(', ')})` };
  const multi = allowed.find((m) => m.includes(' '));
  if (multi) {
    const second = words[1] ?? '';
    const want = multi.split(' ')[1]!;
    if (!second || !want.startsWith(second.toLowerCase())) return { word: `${r} ${second}`.trim(), why: `only | ${multi} is allowed` };
  }
  return undefined;
}

/** Whether `command` may be sent to a device with these rules; the command as it will be sent. */
export function guardShow(rules: ReadOnlyRules, command: string): Guarded {
  const bad = badCharacter(command);
  if (bad) return bad;
  for (const sep of rules.separators) {
    if (command.includes(sep)) return refuse(sep, 'this platform reads it as the end of one command and the start of another');
  }
  const [head = '', ...modifiers] = command.split('|');
  const first = head.trim().split(/\s+/)[0] ?? '';
  if (!first) return refuse('(nothing)', 'no command given');
  const root = rules.roots.find((r) => first.length >= 2 && r.startsWith(first.toLowerCase()));
  if (!root) return refuse(first, `only ${rules.roots.join(', ')} commands may run here: ${first} is not a read command`);
  for (const m of modifiers) {
    const refusal = checkModifier(m, rules);
    if (refusal) return { ok: false, refusal };
  }
  return { ok: true, command: command.trim() };
}

/** The refusal as one chat line. */
export const refusalText = (r: Refusal): string => `refused "${r.word}": ${r.why}`;
