/**
 * Output modifiers (`show running-config | include ntp`, `show version | json`,
 * `show configuration | display set`): one mechanism for every simulated platform. Each
 * platform lists the modifiers it knows and their wording (`pipes` in
 * src/lab/platforms/<platform>.ts); this module reads the typed modifiers against that
 * table and applies them to a command's output.
 */
import type { EmulatedDevice } from './cli-emulator.js';
import type { ConfigStore } from './config-store.js';
import type { LabMode, OutputName } from './lab-platforms.js';

/** What a view of an output is given: the device, which output the command printed, and that text. */
export interface ViewContext {
  device: EmulatedDevice;
  /** The command's output: a named output, the configuration shown, or a candidate diff. */
  source: OutputName | 'configuration' | 'diff';
  mode: LabMode;
  /** The text the command printed without the modifier. */
  text: string;
  /** The configuration the command shows (the candidate in config mode). */
  config: ConfigStore;
}

/**
 * Another view of the same output (JSON, XML, set statements). Undefined when the command has
 * no such view: the device refuses the modifier, as EOS does for `| json` after a command
 * without a JSON model.
 */
export type OutputView = (c: ViewContext) => string | undefined;

/**
 * A modifier's views, one per output that has one (`{ 'show-version': versionXml,
 * configuration: configXml }`): the hook a new view plugs into with one line.
 */
export const byOutput =
  (views: Partial<Record<ViewContext['source'], OutputView>>): OutputView =>
  (c) =>
    views[c.source]?.(c);

export type Pipe =
  /** Keeps lines by a regular expression; `ignoreCase` where the platform matches so (Junos). */
  | { kind: 'include' | 'exclude' | 'begin' | 'section'; ignoreCase?: boolean }
  /** Counts lines (those matching the regular expression, when one is given). */
  | { kind: 'count'; say: (n: number) => string }
  /** The first n lines (IOS-XR `utility head -n 20`, NX-OS `head lines 20`), or the last (Junos, NX-OS `last 20`). */
  | { kind: 'head' | 'last' }
  /** No pager for this command. */
  | { kind: 'no-more' }
  | { kind: 'view'; view: OutputView };

/** One modifier: its words (`<regex>` the rest of the modifier, `<n>` a number) and what it does. */
export interface PipeSpec {
  words: string[];
  pipe: Pipe;
}

export interface PipeTable {
  specs: PipeSpec[];
  /**
   * Several modifiers on one line (`| include x | count`). Without it, as on IOS, everything
   * after a modifier's first words is its regular expression, `|` included.
   */
  chain: boolean;
  /**
   * `cisco`: `_` is a delimiter (start, end, space, comma, braces), as IOS and IOS-XR read it;
   * `posix`: a plain character (NX-OS, EOS and Junos hand the expression to a POSIX engine).
   */
  regex: 'cisco' | 'posix';
}

export const pipe = (words: string, p: Pipe): PipeSpec => ({ words: words.split(' '), pipe: p });

export interface PipeStep {
  pipe: Pipe;
  regex?: RegExp;
  n?: number;
  /** Where the modifier's first word starts in the typed line (for the caret of a refusal). */
  at: number;
}

export type PipeParse =
  | { ok: true; steps: PipeStep[] }
  | { ok: false; error: 'invalid' | 'incomplete' | 'ambiguous'; at: number; word: number };

/** Where the modifiers start: the first `|` outside double quotes, or -1. */
export function pipeStart(line: string): number {
  let quoted = false;
  for (const [i, ch] of [...line].entries()) {
    if (ch === '"') quoted = !quoted;
    else if (ch === '|' && !quoted) return i;
  }
  return -1;
}

interface Word {
  text: string;
  at: number;
}

const wordsOf = (text: string, offset: number): Word[] => [...text.matchAll(/\S+/g)].map((m) => ({ text: m[0], at: offset + m.index }));

/** Reads the modifiers typed from `start` (the first `|`) to the end of the line. */
export function parsePipes(table: PipeTable, line: string, start: number): PipeParse {
  const steps: PipeStep[] = [];
  let at = start;
  let index = line.slice(0, start).trim().split(/\s+/).length;
  while (at >= 0 && at < line.length) {
    const rest = line.slice(at + 1);
    const cut = table.chain ? pipeStart(rest) : -1;
    const segment = cut < 0 ? rest : rest.slice(0, cut);
    const r = parseSegment(table, segment, at + 1, index + 1);
    if (!r.ok) return r;
    steps.push(r.step);
    index += 1 + wordsOf(segment, 0).length;
    at = cut < 0 ? -1 : at + 1 + cut;
  }
  return { ok: true, steps };
}

type SegmentParse = { ok: true; step: PipeStep } | Extract<PipeParse, { ok: false }>;

function parseSegment(table: PipeTable, segment: string, offset: number, index: number): SegmentParse {
  const words = wordsOf(segment, offset);
  const first = words[0];
  if (!first) return { ok: false, error: 'incomplete', at: offset, word: index };
  let candidates = table.specs;
  for (const [i, w] of words.entries()) {
    const here = candidates.filter((s) => s.words[i] !== undefined && fits(s.words[i]!, w.text));
    if (here.some((s) => s.words[i] === '<regex>')) {
      const spec = here.find((s) => s.words[i] === '<regex>')!;
      return {
        ok: true,
        step: {
          pipe: spec.pipe,
          regex: toRegex(segment.slice(w.at - offset), spec.pipe, table.regex),
          at: first.at,
          ...number(spec, words),
        },
      };
    }
    if (here.length === 0) return { ok: false, error: 'invalid', at: w.at, word: index + i };
    const exact = here.filter((s) => s.words[i] === w.text);
    const literals = new Set(here.map((s) => s.words[i]));
    if (literals.size > 1 && exact.length === 0 && !here.every((s) => s.words[i]!.startsWith('<'))) {
      return { ok: false, error: 'ambiguous', at: w.at, word: index + i };
    }
    candidates = exact.length ? exact : here;
  }
  const done = candidates.find((s) => s.words.length === words.length);
  if (!done) return { ok: false, error: 'incomplete', at: offset + segment.length, word: index + words.length };
  return { ok: true, step: { pipe: done.pipe, at: first.at, ...number(done, words) } };
}

function fits(template: string, word: string): boolean {
  if (template === '<regex>') return true;
  if (template === '<n>') return /^\d+$/.test(word);
  return template.startsWith(word);
}

function number(spec: PipeSpec, words: Word[]): { n?: number } {
  const i = spec.words.indexOf('<n>');
  return i < 0 || words[i] === undefined ? {} : { n: Number(words[i]!.text) };
}

/**
 * A device's regular expression as a JavaScript one: surrounding quotes dropped, and Cisco's
 * `_` spelled out where the platform reads it so. One that does not compile is taken literally.
 */
function toRegex(typed: string, p: Pipe, dialect: PipeTable['regex']): RegExp {
  const source = typed.trim().replace(/^"(.*)"$/, '$1');
  const flags = 'ignoreCase' in p && p.ignoreCase ? 'i' : '';
  try {
    return new RegExp(dialect === 'cisco' ? source.replace(/(?<!\\)_/g, '(?:^|$|[\\s,{}()])') : source, flags);
  } catch {
    return new RegExp(source.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), flags);
  }
}

export type PipeResult = { ok: true; text: string; paging: boolean } | { ok: false; at: number };

/** Applies the modifiers in turn; a view the command has not refuses the modifier. */
export function runPipes(steps: PipeStep[], ctx: ViewContext): PipeResult {
  let text = ctx.text;
  let paging = true;
  for (const s of steps) {
    const p = s.pipe;
    if (p.kind === 'no-more') paging = false;
    else if (p.kind === 'view') {
      const shown = p.view({ ...ctx, text });
      if (shown === undefined) return { ok: false, at: s.at };
      text = shown;
    } else text = filterLines(text.split('\n'), s).join('\n');
  }
  return { ok: true, text, paging };
}

function filterLines(lines: string[], s: PipeStep): string[] {
  const re = s.regex;
  const hit = (l: string) => (re ? re.test(l) : true);
  switch (s.pipe.kind) {
    case 'include':
      return lines.filter(hit);
    case 'exclude':
      return lines.filter((l) => !hit(l));
    case 'begin': {
      const i = lines.findIndex(hit);
      return i < 0 ? [] : lines.slice(i);
    }
    case 'section':
      return sections(lines, hit);
    case 'count':
      return [s.pipe.say(lines.filter((l) => l !== '' && hit(l)).length)];
    case 'head':
      return lines.slice(0, s.n ?? 10);
    case 'last':
      return lines.slice(-(s.n ?? 10));
    default:
      return lines;
  }
}

const indent = (l: string) => l.length - l.trimStart().length;

/** A matching line and the lines indented under it, as IOS, NX-OS and EOS `| section` print. */
function sections(lines: string[], hit: (l: string) => boolean): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!hit(lines[i]!)) continue;
    const depth = indent(lines[i]!);
    out.push(lines[i]!);
    while (i + 1 < lines.length && lines[i + 1]!.trim() !== '' && indent(lines[i + 1]!) > depth) out.push(lines[++i]!);
  }
  return out;
}
