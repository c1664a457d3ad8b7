import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { z } from 'zod';
import type { AuditRecord } from '../core/ports.js';

/**
 * The audit trail on disk: one active lowdb file (the configured path, e.g. audit.json)
 * plus sealed, dated segments beside it (audit-2026-01-15-0000010001.json: the date and
 * the seq of their first record). A segment is sealed by renaming the active file, so
 * no append ever rewrites a sealed segment, and what one reader must load (open, query,
 * export) is bounded by the segment size. Appends write only their new records (active-file.ts).
 */
export interface AuditFile {
  records: AuditRecord[];
}

export interface SegmentRef {
  file: string;
  /** Seq of the segment's first record, from its name. */
  firstSeq: number;
  /** UTC day (YYYY-MM-DD) of the segment's first record, from its name. */
  day: string;
}

export type AuditStoreErrorCode = 'unreadable' | 'malformed';

/** A trail file that cannot be read or is not an audit file: never overwritten, always reported. */
export class AuditStoreError extends Error {
  override readonly name = 'AuditStoreError';
  constructor(
    readonly code: AuditStoreErrorCode,
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${basename(file)}: ${message}`, options);
  }
}

// Only the fields the chain and the queries rely on are checked; the hash covers the rest.
const recordSchema = z.looseObject({
  seq: z.number().int().positive(),
  time: z.string(),
  actor: z.looseObject({ id: z.string(), name: z.string(), via: z.string() }),
  action: z.string(),
  jobId: z.string().optional(),
  targets: z.array(z.string()).optional(),
  outcome: z.string().optional(),
  prevHash: z.string(),
  hash: z.string(),
});
const fileSchema = z.object({ records: z.array(recordSchema) });

const SEQ_DIGITS = 10;

function parts(activePath: string) {
  const ext = extname(activePath) || '.json';
  return { dir: dirname(activePath), stem: basename(activePath, extname(activePath)), ext };
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Where the active file is sealed to: dated by its first record, ordered by its first seq. */
export function segmentPath(activePath: string, first: Pick<AuditRecord, 'seq' | 'time'>): string {
  const { dir, stem, ext } = parts(activePath);
  return join(dir, `${stem}-${first.time.slice(0, 10)}-${String(first.seq).padStart(SEQ_DIGITS, '0')}${ext}`);
}

/** The sealed segments of the trail whose active file is `activePath`, oldest first. */
export async function listSegments(activePath: string): Promise<SegmentRef[]> {
  const { dir, stem, ext } = parts(activePath);
  const re = new RegExp(`^${escapeRe(stem)}-(\\d{4}-\\d{2}-\\d{2})-(\\d{${SEQ_DIGITS},})${escapeRe(ext)}$`);
  const names = await readdir(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return [] as string[];
    throw new AuditStoreError('unreadable', dir, e.message, { cause: e });
  });
  return names
    .map((n) => ({ n, m: re.exec(n) }))
    .filter((x): x is { n: string; m: RegExpExecArray } => x.m !== null)
    .map(({ n, m }) => ({ file: join(dir, n), day: m[1]!, firstSeq: Number(m[2]) }))
    .sort((a, b) => a.firstSeq - b.firstSeq);
}

export function parseSegment(text: string, file: string): AuditRecord[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new AuditStoreError('malformed', file, 'is not valid JSON', { cause });
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new AuditStoreError('malformed', file, `is not an audit file (${i?.path.join('.')}: ${i?.message})`);
  }
  return parsed.data.records;
}

/** A segment's records; an absent file reads as undefined. */
export async function readSegment(file: string): Promise<AuditRecord[] | undefined> {
  const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    throw new AuditStoreError('unreadable', file, e.message, { cause: e });
  });
  return text === undefined ? undefined : parseSegment(text, file);
}

/** `{"records":[` one record a line `]}`: valid JSON that is also easy to grep and diff. */
export function serialiseSegment(records: readonly AuditRecord[], line: (r: AuditRecord) => string = (r) => JSON.stringify(r)): string {
  return records.length ? `${SEGMENT_HEAD}\n${records.map(line).join(',\n')}${SEGMENT_END}` : `${SEGMENT_HEAD}]}\n`;
}

/** The first line of a segment, and how every non-empty segment ends (appends overwrite it). */
export const SEGMENT_HEAD = '{"records":[';
export const SEGMENT_END = '\n]}\n';

/** One record's line as serialiseSegment writes it (without its separating comma), or undefined. */
export function parseRecordLine(line: string): AuditRecord | undefined {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return undefined;
  }
  const parsed = recordSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}
