import type { JobSummary } from '../core/types.js';
import type { Column } from './views.js';

/** One device's result as JSON: status, reason, every parsed field (device words and normalised values). */
export interface DeviceJson {
  device: string;
  status: string;
  reason: string | null;
  durationMs: number;
  /** The output was not understood: kept raw (in the full output), no records. */
  unparsed: boolean;
  records: Record<string, string>[];
}

const byDevice = (job: JobSummary) => [...job.results].sort((a, b) => a.device.localeCompare(b.device));

export function resultsJson(job: JobSummary): DeviceJson[] {
  return byDevice(job).map((r) => ({
    device: r.device,
    status: r.status,
    reason: r.error?.reason ?? null,
    durationMs: r.durationMs,
    unparsed: r.unparsed === true,
    records: r.parsed ?? [],
  }));
}

/** JSON: an array with one object per device, for jq and scripts. */
export const drawJson = (job: JobSummary): string => `${JSON.stringify(resultsJson(job), null, 2)}\n`;

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * CSV: one row per parsed record (a device without records gets one row with its status),
 * the device's result and reason, then the table's columns by key; the data's values, not the table's
 * shortened forms. Extra fields of the records (normalised values, device words) follow.
 */
export function drawCsv(job: JobSummary, columns: Column[]): string {
  const results = byDevice(job);
  const keys = columns.map((c) => c.key);
  const extra = [...new Set(results.flatMap((r) => (r.parsed ?? []).flatMap((rec) => Object.keys(rec))))].filter((k) => !keys.includes(k));
  // `result`, not `status`: records have a status of their own (an interface's).
  const header = ['device', 'result', 'reason', ...keys, ...extra];
  const rows = results.flatMap((r) => {
    const recs: Record<string, string>[] = r.parsed?.length ? r.parsed : [{}];
    return recs.map((rec) => [r.device, r.status, r.error?.reason ?? '', ...[...keys, ...extra].map((k) => rec[k] ?? '')]);
  });
  return `${[header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
