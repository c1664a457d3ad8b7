import { UserError } from './errors.js';
import { isSelectorKey, type SelectorTerm } from '../inventory/selector.js';
import { findLookalike, quote } from './user-text.js';

/** `/net <command> [key=value ...] [--flag[=value] ...] [words ...]`, parsed but not yet validated. */
export interface ParsedCommandLine {
  command: string;
  selector: SelectorTerm[];
  args: Record<string, string>;
  flags: Record<string, string | true>;
  positional: string[];
}

/** Splits on white space; double quotes group words, `\"` escapes a quote inside them. */
export function tokenize(line: string): string[] {
  const tokens: string[] = [];
  let cur = '';
  let inQuote = false;
  let has = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (inQuote && ch === '\\' && line[i + 1] === '"') {
      cur += '"';
      i++;
      continue;
    }
    // A quoted value is one value: a line break or control character in it could become a second device command.
    if (inQuote && /[\x00-\x1f\x7f]/.test(ch))
      throw new UserError('parse', 'a quoted value may not hold line breaks or control characters', 'put the value on one line');
    if (ch === '"') {
      inQuote = !inQuote;
      has = true;
      continue;
    }
    if (!inQuote && /\s/.test(ch)) {
      if (has) tokens.push(cur);
      cur = '';
      has = false;
      continue;
    }
    cur += ch;
    has = true;
  }
  if (inQuote) throw new UserError('parse', 'unclosed double quote', 'close the quoted value with "');
  if (has) tokens.push(cur);
  return tokens;
}

const KEY = /^[a-z][a-z0-9_-]*$/;

/** The values of the term already given for this key and operator. */
function first(terms: SelectorTerm[], key: string, op: string): string[] {
  return terms.find((t) => t.key === key && t.negated === (op === '!='))?.values ?? [];
}

/** A word that only looks like plain text (`sitе` with a Cyrillic е) would select nothing or the wrong thing: name the character. */
function assertNoLookalikes(tokens: string[]): void {
  for (const word of tokens.flatMap((t) => t.split(/[\s=,]+/))) {
    const l = findLookalike(word);
    if (l)
      throw new UserError(
        'parse',
        `${quote(word)} holds ${l.name} (${l.codePoint}), which looks like "${l.looksLike}"`,
        'retype it with plain letters (a keyboard layout switched, or text pasted from a document?)',
      );
  }
}

export function parseCommandLine(line: string): ParsedCommandLine {
  const tokens = tokenize(line.trim());
  assertNoLookalikes(tokens);
  if (tokens[0] === '/net') tokens.shift();
  const command = tokens.shift()?.toLowerCase();
  if (!command) throw new UserError('parse', 'no command given', 'try /net help');
  if (command.length > 40) throw new UserError('unknown_command', `unknown command ${quote(command)}`, 'see /net help');
  const out: ParsedCommandLine = { command, selector: [], args: {}, flags: {}, positional: [] };
  for (const tok of tokens) {
    if (tok.startsWith('--')) {
      const [name, ...rest] = tok.slice(2).split('=');
      if (!name || !KEY.test(name) || name.length > 40)
        throw new UserError('parse', `bad flag ${quote(tok)}`, 'flags look like --dry-run or --timeout=30');
      if (name in out.flags) throw new UserError('parse', `--${name} given twice`, `give --${name} once`);
      out.flags[name] = rest.length ? rest.join('=') : true;
      continue;
    }
    const m = /^([^=!]+)(!?=)(.*)$/.exec(tok);
    if (!m) {
      out.positional.push(tok);
      continue;
    }
    const [, key, op, value] = m as unknown as [string, string, string, string];
    if (!KEY.test(key) || key.length > 40)
      throw new UserError('parse', `bad key ${quote(key)}`, 'keys are lower-case words such as site or role');
    if (value === '') throw new UserError('parse', `${key}${op} needs a value`, `for example ${key}${op}east`);
    if (isSelectorKey(key)) {
      const values = value.split(',').map((v) => v.trim());
      if (values.some((v) => v === ''))
        throw new UserError('parse', `empty value in ${quote(tok)}`, 'write comma lists without gaps: site=east,west');
      // Terms are ANDed: site=east site=west would select nothing, where a comma list was meant.
      if (out.selector.some((t) => t.key === key && t.negated === (op === '!=')))
        throw new UserError(
          'parse',
          `${key}${op} given twice`,
          `terms are ANDed; for either, give one comma list: ${key}${op}${[...first(out.selector, key, op), ...values].join(',')}`,
        );
      out.selector.push({ key, negated: op === '!=', values });
    } else {
      if (op === '!=')
        throw new UserError('parse', `"${key}" cannot be negated`, `only target keys (device, site, role, platform, tag, group) take !=`);
      if (key in out.args) throw new UserError('parse', `${key} given twice`, `give ${key}= once`);
      out.args[key] = value;
    }
  }
  return out;
}
