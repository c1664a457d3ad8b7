import { UserError } from './errors.js';
import { isSelectorKey, type SelectorTerm } from '../inventory/selector.js';

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

export function parseCommandLine(line: string): ParsedCommandLine {
  const tokens = tokenize(line.trim());
  if (tokens[0] === '/net') tokens.shift();
  const command = tokens.shift()?.toLowerCase();
  if (!command) throw new UserError('parse', 'no command given', 'try /net help');
  const out: ParsedCommandLine = { command, selector: [], args: {}, flags: {}, positional: [] };
  for (const tok of tokens) {
    if (tok.startsWith('--')) {
      const [name, ...rest] = tok.slice(2).split('=');
      if (!name || !KEY.test(name)) throw new UserError('parse', `bad flag "${tok}"`, 'flags look like --dry-run or --timeout=30');
      out.flags[name] = rest.length ? rest.join('=') : true;
      continue;
    }
    const m = /^([^=!]+)(!?=)(.*)$/.exec(tok);
    if (!m) {
      out.positional.push(tok);
      continue;
    }
    const [, key, op, value] = m as unknown as [string, string, string, string];
    if (!KEY.test(key)) throw new UserError('parse', `bad key "${key}"`, 'keys are lower-case words such as site or role');
    if (value === '') throw new UserError('parse', `${key}${op} needs a value`, `for example ${key}${op}east`);
    if (isSelectorKey(key)) {
      const values = value.split(',').map((v) => v.trim());
      if (values.some((v) => v === ''))
        throw new UserError('parse', `empty value in "${tok}"`, 'write comma lists without gaps: site=east,west');
      out.selector.push({ key, negated: op === '!=', values });
    } else {
      if (op === '!=')
        throw new UserError('parse', `"${key}" cannot be negated`, `only target keys (device, site, role, platform, tag, group) take !=`);
      if (key in out.args) throw new UserError('parse', `${key} given twice`);
      out.args[key] = value;
    }
  }
  return out;
}
