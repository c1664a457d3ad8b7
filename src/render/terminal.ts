import type { ChangeRequestView, ErrorView, JobView, ReplyView, ViewBlock, Column } from './views.js';
import { formatDuration, progressBar } from './job-view.js';

/** Draws the neutral views as plain terminal text. */

export function drawTable(columns: Column[], rows: Record<string, string>[]): string {
  const widths = columns.map((c) => Math.max(c.label.length, ...rows.map((r) => (r[c.key] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [
    line(columns.map((c) => c.label)),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) => line(columns.map((c) => r[c.key] ?? ''))),
  ].join('\n');
}

function drawBlock(b: ViewBlock): string {
  switch (b.type) {
    case 'heading':
      return `== ${b.text}`;
    case 'text':
      return b.text;
    case 'list':
      return b.items.map((i) => `  ${i}`).join('\n');
    case 'table':
      return b.rows.length ? drawTable(b.columns, b.rows) : '(none)';
  }
}

export function drawReply(v: ReplyView): string {
  return [v.title, ...v.blocks.map(drawBlock)].join('\n\n');
}

export function drawError(v: ErrorView): string {
  return `error: ${v.message}${v.hint ? `\n  ${v.hint}` : ''}`;
}

export function drawProgress(v: JobView): string {
  const done = v.total - v.pending;
  return `${v.id} ${progressBar(done, v.total)} ${done}/${v.total}  ok ${v.ok}  failed ${v.failed}  pending ${v.pending}  ${formatDuration(v.elapsedMs)}`;
}

export function drawSummary(v: JobView): string {
  const parts = [`${v.id} ${v.commandLine} (by ${v.actorName}): ${v.state}, ${v.ok}/${v.total} ok in ${formatDuration(v.elapsedMs)}`];
  if (v.rows.length) parts.push(drawTable(v.columns, v.rows));
  if (v.failures.length) {
    parts.push(`Failures (${v.failures.length}):\n${v.failures.map((f) => `  ${f.device}  ${f.status}: ${f.reason}`).join('\n')}`);
  }
  if (v.unparsed.length) parts.push(`Output kept raw, not parsed: ${v.unparsed.join(', ')}`);
  return parts.join('\n\n');
}

export function drawChangeRequest(v: ChangeRequestView): string {
  const head = `${v.id} ${v.state === 'pending-approval' ? 'waiting for approval' : `${v.state}${v.by ? ` by ${v.by}` : ''}`}: ${v.description}`;
  const plan = v.plan.map((g) => `  on ${g.devices.join(', ')}:\n${g.lines.map((l) => `    ${l}`).join('\n')}`).join('\n');
  const next =
    v.state === 'pending-approval'
      ? `\n  an approver other than ${v.requesterName} approves with: /net approve ${v.id} (or rejects: /net reject ${v.id}); expires ${v.expiresAt}`
      : '';
  return `${head}\n  requested by ${v.requesterName}: ${v.commandLine}\n  ${v.devices} device${v.devices === 1 ? '' : 's'}; ${v.rollout}\n${plan}${next}`;
}
