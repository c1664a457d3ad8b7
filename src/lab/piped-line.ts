/**
 * A typed line with output modifiers (`show running-config | include ntp`): the command
 * before the first `|`, which must be one that prints output, then its modifiers read
 * against the platform's table; or the platform's refusal of either.
 */
import { lineRefusal, pipeRefusal } from './cli-refusals.js';
import { matchCommand } from './command-matcher.js';
import type { LabAction, LabCommand, LabMode, LabPlatform } from './lab-platforms.js';
import { type PipeStep, parsePipes } from './output-modifiers.js';

export type PipedLine = { kind: 'run'; command: LabCommand; tokens: string[]; steps: PipeStep[] } | { kind: 'refused'; text: string };

/** Actions whose output modifiers may follow. */
const PIPEABLE: ReadonlySet<LabAction['kind']> = new Set(['output', 'show-config', 'diff', 'config-view']);

/** Reads `line`, whose modifiers start at `bar`; `caretBase` is where the line starts on screen. */
export function readPipedLine(platform: LabPlatform, mode: LabMode, line: string, bar: number, caretBase: number): PipedLine {
  const base = line.slice(0, bar);
  const tokens = base.trim().split(/\s+/);
  const m = matchCommand(platform.commands, mode, tokens);
  if (m.kind !== 'command') return { kind: 'refused', text: lineRefusal(platform, mode, base, caretBase, m) };
  const refuse = (at: number, word: number, error: 'invalid' | 'incomplete' | 'ambiguous'): PipedLine => ({
    kind: 'refused',
    text: pipeRefusal(platform, mode, { line, caretBase, at, word, error }),
  });
  if (!PIPEABLE.has(m.command.action.kind)) return refuse(bar, tokens.length, 'invalid');
  const p = parsePipes(platform.pipes, line, bar);
  if (!p.ok) return refuse(p.at, p.word, p.error);
  return { kind: 'run', command: m.command, tokens: m.tokens, steps: p.steps };
}
