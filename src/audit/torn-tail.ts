import type { AuditRecord } from '../core/ports.js';
import { parseRecordLine, SEGMENT_HEAD, type AuditStoreError } from './segments.js';

/** What was cut off an active file whose last write was torn. */
export interface TailMend {
  /** How many whole records were kept. */
  records: number;
  /** Bytes after the last whole record that were dropped (never an acknowledged record). */
  droppedBytes: number;
  /** Where the file was copied, as found, before it was mended. */
  keptCopy: string;
}

/**
 * The records of an active file that does not parse, if its only damage is a torn last write:
 * whole record lines, chained one to the next, then nothing but a fragment that is not JSON
 * and the closing. A write is acknowledged only once it is complete, so the fragment never
 * holds an acknowledged record. Anything else (a bad line with records after it, a line that
 * is JSON but not a record, a break in the chain) is not a torn write: `damage` is thrown
 * and the file is left as it is, for a person to look at.
 */
export function wholeRecordsBeforeTear(raw: string, damage: AuditStoreError): { records: AuditRecord[]; droppedBytes: number } {
  if (isJson(raw)) throw damage;
  const lines = raw.split('\n');
  if (lines[0] !== SEGMENT_HEAD) throw damage;
  const records: AuditRecord[] = [];
  let keptBytes = Buffer.byteLength(SEGMENT_HEAD);
  let i = 1;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    const r = parseRecordLine(line.endsWith(',') ? line.slice(0, -1) : line);
    const prev = records.at(-1);
    if (!r || (prev && (r.seq !== prev.seq + 1 || r.prevHash !== prev.hash))) break;
    records.push(r);
    keptBytes += 1 + Buffer.byteLength(line);
  }
  for (const line of lines.slice(i)) {
    const bare = line.endsWith(',') ? line.slice(0, -1) : line;
    if (bare === '' || bare === ']}') continue;
    if (isJson(bare)) throw damage;
  }
  return { records, droppedBytes: Buffer.byteLength(raw) - keptBytes };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
