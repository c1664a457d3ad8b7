import type { AuditRecord } from '../core/ports.js';

/** Formats of `npm run audit:export`, for a SIEM: one JSON object a line, or CSV with a header. */
export const EXPORT_FORMATS = ['jsonl', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const CSV_COLUMNS = [
  'seq',
  'time',
  'actor_id',
  'actor_name',
  'via',
  'action',
  'job_id',
  'targets',
  'outcome',
  'detail',
  'prev_hash',
  'hash',
] as const;

/** The text that opens an export (the CSV header line; nothing for JSON lines). */
export function exportHeader(format: ExportFormat): string {
  return format === 'csv' ? `${CSV_COLUMNS.join(',')}\r\n` : '';
}

/** One record as one line of the format, with its line ending. */
export function exportLine(r: AuditRecord, format: ExportFormat): string {
  if (format === 'jsonl') return `${JSON.stringify(r)}\n`;
  const cells: Record<(typeof CSV_COLUMNS)[number], string> = {
    seq: String(r.seq),
    time: r.time,
    actor_id: r.actor.id,
    actor_name: r.actor.name,
    via: r.actor.via,
    action: r.action,
    job_id: r.jobId ?? '',
    targets: (r.targets ?? []).join(' '),
    outcome: r.outcome ?? '',
    detail: r.detail === undefined ? '' : JSON.stringify(r.detail),
    prev_hash: r.prevHash,
    hash: r.hash,
  };
  return `${CSV_COLUMNS.map((c) => csvCell(cells[c])).join(',')}\r\n`;
}

/** RFC 4180: quote a cell holding a comma, quote or line break, doubling its quotes. */
export function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
