import type { Column, JobView } from './views.js';
import type { JobSummary } from '../core/types.js';
import { showCell } from './cell-values.js';
import { cleanDiff } from '../devices/parsers/config-diff.js';
import { attentionFirst } from './attention.js';

/**
 * The diffs of a change or its dry run: a dry run's records carry `diff_text` ('' where
 * nothing would change); a change's raw output is its diff (its columns have `change`).
 */
function diffsOf(results: JobSummary['results'], columns: Column[]): JobView['diffs'] {
  const isChange = columns.some((c) => c.key === 'change');
  return results
    .filter((r) => r.status === 'ok')
    .map((r) => {
      const own = r.parsed?.[0]?.diff_text;
      return { device: r.device, text: own ?? (isChange ? cleanDiff(r.raw ?? '') : '') };
    })
    .filter((d) => d.text.trim() !== '');
}

/** A job as the renderers see it: counts, rows of parsed fields, failures with their short reason. */
export function toJobView(job: JobSummary, columns: Column[], now: number, attachOutput = false, note?: string): JobView {
  const by = (s: string) => job.results.filter((r) => r.status === s).length;
  const ok = by('ok');
  const cancelled = by('cancelled');
  const done = job.results.length;
  const finished = job.finishedAt !== undefined;
  const sorted = [...job.results].sort((a, b) => a.device.localeCompare(b.device));
  const rows = sorted
    .filter((r) => r.status === 'ok')
    .flatMap((r) => {
      const records = r.parsed?.length ? r.parsed : [undefined];
      return records.map((rec) => ({
        device: r.device,
        ...Object.fromEntries(columns.map((c) => [c.key, rec ? showCell(c, rec[c.key] ?? '') : r.unparsed ? '(unparsed)' : ''])),
      }));
    });
  return {
    id: job.id,
    commandLine: job.commandLine,
    actorName: job.actor.name,
    actorId: job.actor.id,
    actorVia: job.actor.via,
    state: job.state,
    total: job.targets.length,
    ok,
    failed: done - ok - cancelled,
    cancelled,
    pending: job.targets.length - done,
    elapsedMs: (job.finishedAt ?? now) - job.startedAt,
    finished,
    columns: [{ key: 'device', label: 'Device' }, ...columns],
    ...attentionFirst(columns, rows),
    failures: sorted
      .filter((r) => r.status !== 'ok')
      .map((r) => ({ device: r.device, status: r.status, reason: r.error?.reason ?? r.status })),
    unparsed: sorted.filter((r) => r.unparsed).map((r) => r.device),
    attachOutput,
    note,
    diffs: diffsOf(sorted, columns),
  };
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

/** A text progress bar of `width` cells. */
export function progressBar(done: number, total: number, width = 20): string {
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}
