import type { LabCommand, LabMode } from './lab-platforms.js';

export type Match =
  | { kind: 'command'; command: LabCommand; tokens: string[] }
  | { kind: 'invalid'; tokenIndex: number }
  | { kind: 'incomplete' }
  | { kind: 'ambiguous'; tokenIndex: number };

function wordMatches(template: string, token: string): boolean {
  if (template === '<n>') return /^\d+$/.test(token);
  if (template === '<word>') return token.length > 0;
  return template.toLowerCase().startsWith(token.toLowerCase());
}

const takesRest = (c: LabCommand) => c.words.at(-1) === '<rest>';

/**
 * Matches typed words against the mode's commands the way Cisco-style CLIs do: every
 * word may be abbreviated while it stays unique. Reports where the input went wrong.
 * Commands ending in `<rest>` (configuration statements) are the fallback when no fixed
 * command matches: the configuration itself judges them.
 */
export function matchCommand(commands: LabCommand[], mode: LabMode, tokens: string[]): Match {
  const inMode = commands.filter((c) => c.modes.includes(mode));
  const fixed = matchFixed(
    inMode.filter((c) => !takesRest(c)),
    tokens,
  );
  if (fixed.kind === 'command') return fixed;
  const rest = inMode.filter(takesRest).find((c) => {
    const head = c.words.slice(0, -1);
    return tokens.length > head.length && head.every((w, i) => wordMatches(w, tokens[i]!));
  });
  return rest ? { kind: 'command', command: rest, tokens } : fixed;
}

function matchFixed(commands: LabCommand[], tokens: string[]): Match {
  let candidates = commands;
  for (const [i, token] of tokens.entries()) {
    const next = candidates.filter((c) => c.words[i] !== undefined && wordMatches(c.words[i]!, token));
    if (next.length === 0) return { kind: 'invalid', tokenIndex: i };
    const literals = new Set(next.map((c) => c.words[i]));
    const exact = next.filter((c) => c.words[i]!.toLowerCase() === token.toLowerCase());
    if (literals.size > 1 && exact.length === 0 && !next.every((c) => c.words[i]!.startsWith('<'))) {
      return { kind: 'ambiguous', tokenIndex: i };
    }
    candidates = exact.length ? exact : next;
  }
  const complete = candidates.find((c) => c.words.length === tokens.length);
  if (complete) return { kind: 'command', command: complete, tokens };
  if (tokens.length > 0 && candidates.length > 0) return { kind: 'incomplete' };
  return { kind: 'invalid', tokenIndex: tokens.length };
}
