/**
 * Interface descriptions in full: IOS, EOS and IOS-XR `show interfaces description`
 * (`Interface  Status  Protocol  Description`), NX-OS `show interface description` (`Port
 * Type Speed Description`, `--` for none), Junos `show interfaces descriptions` (`Interface
 * Admin Link Description`, only the interfaces that have one). No capture of these in the
 * fixtures: the vendors' documented formats. The description is whatever stands from the
 * header's Description column to the end of the row, spaces and all, so it is never cut as the
 * status tables cut it. Fields: port, description.
 */
import { type Fields, lines } from './common.js';

const HEAD = /^(?:Interface|Port)\s.*\bDescription\s*$/;

export function parseInterfaceDescriptions(raw: string): Fields[] | undefined {
  const all = lines(raw);
  const at = all.findIndex((l) => HEAD.test(l));
  if (at < 0) return undefined;
  const column = all[at]!.indexOf('Description');
  const out: Fields[] = [];
  for (const line of all.slice(at + 1)) {
    // Rulers (NX-OS, IOS-XR) and the blank line the table ends with.
    if (/^-+\s*$/.test(line) || !line.trim()) continue;
    const port = line.split(/\s+/)[0]!;
    const description = line.length > column ? line.slice(column).trim() : '';
    out.push({ port, description: description === '--' ? '' : description });
  }
  return out;
}
