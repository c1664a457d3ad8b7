/**
 * Interface names as engineers type them and as devices print them: `Gi1/0/48`, `gig 1/0/48`
 * and `GigabitEthernet1/0/48` are one port on IOS, which takes any unambiguous start of the
 * type word; Junos takes only the full name. The platform's type words (InterfaceCli.types)
 * say which forms exist.
 */
import { editDistance } from '../core/suggest.js';

/** What may be typed as an interface name: a type word and its numbers, nothing a CLI could read as more. */
export const INTERFACE_ARG = /^[A-Za-z][A-Za-z-]{0,30} ?\d[\d/.:]{0,20}$/;

const split = (name: string): { type: string; number: string } | undefined => {
  const m = /^([A-Za-z][A-Za-z-]*?)-?\s?(\d[\d/.:]*)$/.exec(name.trim());
  return m ? { type: m[1]!, number: m[2]! } : undefined;
};

/** The full name of a name a table printed (`Gi0/1` is GigabitEthernet0/1): the first type it begins; as printed when none does. */
export function fullName(shown: string, types: string[]): string {
  const s = split(shown);
  if (!s || !types.length) return shown;
  const type = types.find((t) => t.toLowerCase().startsWith(s.type.toLowerCase()));
  return type ? `${type}${s.number}` : shown;
}

export type Resolved = { kind: 'found'; name: string } | { kind: 'ambiguous'; names: string[] } | { kind: 'missing'; closest: string[] };

/**
 * The device's name for what was typed, among its own `names` (full forms). With type words,
 * the typed type is any start of the name's type and the numbers are the same (as the CLI
 * takes it); without (Junos), only the name itself, in any case.
 */
export function resolveInterface(typed: string, names: string[], types: string[]): Resolved {
  const exact = names.filter((n) => n.toLowerCase() === typed.trim().toLowerCase());
  if (exact.length === 1) return { kind: 'found', name: exact[0]! };
  const t = split(typed);
  const matches =
    types.length && t
      ? names.filter((n) => {
          const s = split(n);
          return s !== undefined && s.number === t.number && s.type.toLowerCase().startsWith(t.type.toLowerCase());
        })
      : [];
  if (matches.length === 1) return { kind: 'found', name: matches[0]! };
  if (matches.length > 1) return { kind: 'ambiguous', names: matches };
  return { kind: 'missing', closest: closest(typed, names) };
}

/** The device's names nearest to what was typed (its short form compared too), nearest first. */
export function closest(typed: string, names: string[], count = 3): string[] {
  const key = (n: string) => n.toLowerCase().replace(/\s+/g, '');
  const want = key(typed);
  const score = (n: string) => {
    const s = split(n);
    // Compared as typed and in the short form tables print (GigabitEthernet0/1 as gi0/1).
    const short = s ? `${s.type.slice(0, want.search(/\d/) < 0 ? 2 : want.search(/\d/))}${s.number}` : n;
    return Math.min(editDistance(want, key(n)), editDistance(want, key(short)));
  };
  return [...names].sort((a, b) => score(a) - score(b) || a.localeCompare(b)).slice(0, count);
}
