import { UserError } from '../core/errors.js';
import type { Device } from '../core/types.js';
import type { Inventory } from './inventory.js';
import { suggest } from '../core/suggest.js';

export const SELECTOR_KEYS = ['device', 'site', 'role', 'platform', 'tag', 'group'] as const;
export type SelectorKey = (typeof SELECTOR_KEYS)[number];

/** One `key=value` or `key!=value` term; values are a comma list of globs. */
export interface SelectorTerm {
  key: SelectorKey;
  negated: boolean;
  values: string[];
}

export function isSelectorKey(key: string): key is SelectorKey {
  return (SELECTOR_KEYS as readonly string[]).includes(key);
}

function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

function fieldValues(d: Device, key: SelectorKey): string[] {
  switch (key) {
    case 'device':
      return [d.name];
    case 'tag':
      return d.tags;
    case 'group':
      return d.group ? [d.group] : [];
    default:
      return [d[key]];
  }
}

/** The inventory's values for a key, to check terms against and suggest from. */
function known(inv: Inventory, key: SelectorKey): string[] {
  if (key === 'device') return inv.valuesOf('name');
  if (key === 'tag') return inv.tags();
  return inv.valuesOf(key);
}

/**
 * Compiles terms (ANDed) into a predicate. A literal value the inventory does not know is an
 * error with a suggestion, so a typo never silently selects nothing or everything.
 */
export function compileSelector(terms: SelectorTerm[], inv: Inventory): (d: Device) => boolean {
  for (const t of terms) {
    const values = known(inv, t.key);
    for (const v of t.values) {
      if (v.includes('*') || v.includes('?')) continue;
      if (!values.some((k) => k.toLowerCase() === v.toLowerCase())) {
        const near = suggest(v, values);
        throw new UserError(
          'bad_argument',
          `no ${t.key} named "${v}" in the inventory`,
          near ? `did you mean ${t.key}=${near}?` : `known ${t.key} values: ${values.slice(0, 12).join(', ') || 'none'}`,
        );
      }
    }
  }
  return selectorPredicate(terms);
}

/**
 * The predicate of terms (ANDed) without checking their values against an inventory: for
 * selectors written in a policy file, which may name sites or tags not (yet) in the inventory.
 */
export function selectorPredicate(terms: SelectorTerm[]): (d: Device) => boolean {
  const compiled = terms.map((t) => ({ ...t, patterns: t.values.map(globToRegExp) }));
  return (d) =>
    compiled.every((t) => {
      const hit = fieldValues(d, t.key).some((v) => t.patterns.some((p) => p.test(v)));
      return t.negated ? !hit : hit;
    });
}

/** Selects devices; an empty result is an error that says what was asked. */
export function selectDevices(terms: SelectorTerm[], inv: Inventory): Device[] {
  if (terms.length === 0) {
    throw new UserError('bad_argument', 'no targets given', 'add a selector such as site=east, role=core or device=core*');
  }
  const match = compileSelector(terms, inv);
  const devices = inv.devices.filter(match);
  if (devices.length === 0) {
    throw new UserError('no_targets', `no device matches ${formatTerms(terms)}`, 'list what exists with /net devices');
  }
  return devices;
}

export function formatTerms(terms: SelectorTerm[]): string {
  return terms.map((t) => `${t.key}${t.negated ? '!=' : '='}${t.values.join(',')}`).join(' ');
}

/**
 * Terms from selector text such as `site=east tag!=pci` (a policy file's targets). Returns the
 * problem as a sentence instead of throwing, so the caller can name the file and path.
 */
export function parseSelectorText(text: string): SelectorTerm[] | string {
  const terms: SelectorTerm[] = [];
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    const m = /^([a-z]+)(!?=)(.+)$/.exec(word);
    if (!m) return `"${word}" is not a key=value or key!=value term`;
    const [, key, op, value] = m as unknown as [string, string, string, string];
    if (!isSelectorKey(key)) return `"${key}" is not a target key (expected one of ${SELECTOR_KEYS.join(', ')})`;
    const values = value.split(',');
    if (values.some((v) => v === '')) return `empty value in "${word}"`;
    terms.push({ key, negated: op === '!=', values });
  }
  return terms;
}
