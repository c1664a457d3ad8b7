import type { LabCommand, LabMode } from './lab-platforms.js';

export type Match =
  | { kind: 'command'; command: LabCommand; tokens: string[] }
  | { kind: 'invalid'; tokenIndex: number }
  | { kind: 'incomplete' }
  | { kind: 'ambiguous' };

function wordMatches(template: string, token: string): boolean {
  if (template === '<n>') return /^\d+$/.test(token);
  if (template === '<word>') return token.length > 0;
  return template.toLowerCase().startsWith(token.toLowerCase());
}

/**
 * Matches typed words against the mode's commands the way Cisco-style CLIs do: every
 * word may be abbreviated while it stays unique. Reports where the input went wrong.
 */
export function matchCommand(commands: LabCommand[], mode: LabMode, tokens: string[]): Match {
  let candidates = commands.filter((c) => c.modes.includes(mode));
  for (const [i, token] of tokens.entries()) {
    const next = candidates.filter((c) => c.words[i] !== undefined && wordMatches(c.words[i]!, token));
    if (next.length === 0) return { kind: 'invalid', tokenIndex: i };
    const literals = new Set(next.map((c) => c.words[i]));
    const exact = next.filter((c) => c.words[i]!.toLowerCase() === token.toLowerCase());
    if (literals.size > 1 && exact.length === 0 && !next.every((c) => c.words[i]!.startsWith('<'))) {
      return { kind: 'ambiguous' };
    }
    candidates = exact.length ? exact : next;
  }
  const complete = candidates.find((c) => c.words.length === tokens.length);
  if (complete) return { kind: 'command', command: complete, tokens };
  if (tokens.length > 0 && candidates.length > 0) return { kind: 'incomplete' };
  return { kind: 'invalid', tokenIndex: tokens.length };
}
