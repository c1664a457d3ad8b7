/**
 * What a simulated CLI prints when it answers or refuses a line: a word it does not know, a command
 * left incomplete or ambiguous, a privileged command in user mode, a modifier it has not.
 * The wording is the platform's (`errors` in src/lab/platforms/<platform>.ts).
 */
import { type Match, matchCommand } from './command-matcher.js';
import type { LabMode, LabPlatform, Say } from './lab-platforms.js';

export type Refused = Exclude<Match, { kind: 'command' }>;

/** The refusal of a typed line; `caretBase` is where the line starts on screen. */
export function lineRefusal(platform: LabPlatform, mode: LabMode, line: string, caretBase: number, m: Refused): string {
  const { commands, errors } = platform;
  const tokens = line.trim().split(/\s+/).filter(Boolean);
  const col = (i: number) => caretBase + column(line, i);
  if (m.kind === 'incomplete') return errors.incomplete(col(tokens.length));
  if (m.kind === 'ambiguous') return errors.ambiguous(line.trim(), col(m.tokenIndex));
  if (errors.privilegeRequired && matchCommand(commands, 'privileged', tokens).kind === 'command') return errors.privilegeRequired;
  return errors.invalid({ column: col(m.tokenIndex), word: m.tokenIndex, words: tokens.length, mode });
}

export type PipeError = 'invalid' | 'incomplete' | 'ambiguous';

/** The refusal of an output modifier, the caret under the character at `at` of the line. */
export function pipeRefusal(
  platform: LabPlatform,
  mode: LabMode,
  o: { line: string; caretBase: number; at: number; word: number; error: PipeError },
): string {
  const { errors } = platform;
  const col = o.caretBase + o.at;
  if (o.error === 'incomplete') return errors.incomplete(col);
  if (o.error === 'ambiguous') return errors.ambiguous(o.line.trim(), col);
  return errors.invalid({ column: col, word: o.word, words: o.word + 1, mode });
}

/** A configuration line the configuration refused, the caret under its word `word`. */
export function wordRefusal(platform: LabPlatform, mode: LabMode, line: string, caretBase: number, word: number): string {
  return platform.errors.invalid({ column: caretBase + column(line, word), word, words: 0, mode });
}

/** A command's answer: fixed text, or made from the value the user typed. */
export function answer(say: Say | undefined, value: string | undefined): string {
  return typeof say === 'function' ? say(value ?? '') : (say ?? '');
}

/** Column of the token at `index` in the typed line, for the caret under a bad word. */
export function column(line: string, index: number): number {
  let i = 0;
  for (const m of line.matchAll(/\S+/g)) {
    if (i++ === index) return m.index;
  }
  return line.length;
}
