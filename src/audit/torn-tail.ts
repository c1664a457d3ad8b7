import type { AuditRecord } from '../core/ports.js';
import { parseRecordLine, SEGMENT_END, SEGMENT_HEAD, type AuditStoreError } from './segments.js';

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
 * A record line as a torn append can leave it: whole, with the comma the append wrote after
 * it, or with that comma followed by what is left of the old closing (`},]}` when only the
 * append's first byte got through).
 */
function recordOf(line: string): { record: AuditRecord; json: string } | undefined {
  for (const json of [line, line.replace(/,$/, ''), line.replace(/,\]\}$/, '')]) {
    const record = parseRecordLine(json);
    if (record) return { record, json };
  }
  return undefined;
}

/**
 * The records of an active file that does not parse, if its only damage is a torn last write:
 * whole record lines, chained one to the next, then nothing but what is left of the append
 * (a fragment that is not JSON) and of the old closing. A write is acknowledged only once it
 * is complete, so the fragment never holds an acknowledged record. Anything else is not a
 * torn append and `damage` is thrown, the file left as it is for a person to look at: a bad
 * line with records after it, a line that is JSON but not a record, a break in the chain, or
 * a file that still ends with a whole closing (an append writes its closing last).
 * `keptBytes`: where the last whole record ends, in bytes.
 */
export function wholeRecordsBeforeTear(raw: string, damage: AuditStoreError): { records: AuditRecord[]; keptBytes: number } {
  if (isJson(raw) || raw.endsWith(SEGMENT_END)) throw damage;
  const lines = raw.split('\n');
  if (lines[0] !== SEGMENT_HEAD) throw damage;
  const records: AuditRecord[] = [];
  let keptBytes = Buffer.byteLength(SEGMENT_HEAD);
  let lineStart = keptBytes + 1;
  let i = 1;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    const found = recordOf(line);
    const prev = records.at(-1);
    if (!found || (prev && (found.record.seq !== prev.seq + 1 || found.record.prevHash !== prev.hash))) break;
    records.push(found.record);
    keptBytes = lineStart + Buffer.byteLength(found.json);
    lineStart += Buffer.byteLength(line) + 1;
  }
  for (const line of lines.slice(i)) {
    const bare = line.replace(/,$/, '');
    if (bare === '' || bare === ']}') continue;
    if (isJson(bare)) throw damage;
  }
  return { records, keptBytes };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
