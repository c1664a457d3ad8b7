import type { ChangeRequestView, ErrorView, JobView, ReplyView, ViewBlock } from './views.js';
import { drawTable, type TableLayout } from './table-fit.js';
import { formatDuration, progressBar } from './job-view.js';
import { describeApprovalStatus } from '../core/policy/approval-status.js';

/** Draws the neutral views as plain terminal text. */

export { drawTable } from './table-fit.js';

function drawBlock(b: ViewBlock, layout: TableLayout): string {
  switch (b.type) {
    case 'heading':
      return `== ${b.text}`;
    case 'text':
      return b.text;
    case 'list':
      return b.items.map((i) => `  ${i}`).join('\n');
    case 'table':
      return b.rows.length ? drawTable(b.columns, b.rows, layout) : '(none)';
  }
}

export function drawReply(v: ReplyView, layout: TableLayout = {}): string {
  return [v.title, ...v.blocks.map((b) => drawBlock(b, layout))].join('\n\n');
}

export function drawError(v: ErrorView): string {
  return `error: ${v.message}${v.hint ? `\n  ${v.hint}` : ''}`;
}

export function drawProgress(v: JobView): string {
  const done = v.total - v.pending;
  return `${v.id} ${progressBar(done, v.total)} ${done}/${v.total}  ok ${v.ok}  failed ${v.failed}  pending ${v.pending}  ${formatDuration(v.elapsedMs)}`;
}

/** One job in a status line shared with others: `J-3 2/6 ok 1 failed 1 3.2 s`. */
export function drawProgressShort(v: JobView): string {
  return `${v.id} ${v.total - v.pending}/${v.total} ok ${v.ok} failed ${v.failed} ${formatDuration(v.elapsedMs)}`;
}

/** A finished job: who asked (and approved), the table fitted to the layout, failures. */
const GREEN = '\x1b[32m';
const RED = '\x1b[31m';
const RESET = '\x1b[0m';

/** Each device's diff under its name; added lines green and removed red when `colour`. */
export function drawDiffs(v: JobView, colour = false): string {
  const paint = (line: string) => {
    if (!colour || /^(?:\+\+\+|---) /.test(line)) return line;
    if (/^\s{0,3}\+/.test(line)) return `${GREEN}${line}${RESET}`;
    if (/^\s{0,3}-/.test(line)) return `${RED}${line}${RESET}`;
    return line;
  };
  return v.diffs.map((d) => `== ${d.device}\n${d.text.split('\n').map(paint).join('\n')}`).join('\n\n');
}

export function drawSummary(v: JobView, layout: TableLayout & { colour?: boolean } = {}): string {
  const who = `by ${v.actorName}${v.note ? `, ${v.note}` : ''}`;
  const parts = [`${v.id} ${v.commandLine} (${who}): ${v.state}, ${v.ok}/${v.total} ok in ${formatDuration(v.elapsedMs)}`];
  if (v.attention) parts.push(v.attention);
  if (v.rows.length) parts.push(drawTable(v.columns, v.rows, layout));
  if (v.failures.length) {
    parts.push(`Failures (${v.failures.length}):\n${v.failures.map((f) => `  ${f.device}  ${f.status}: ${f.reason}`).join('\n')}`);
  }
  if (v.unparsed.length) parts.push(`Output kept raw, not parsed: ${v.unparsed.join(', ')}`);
  if (v.diffs.length) parts.push(`Diffs (${v.diffs.length}):\n${drawDiffs(v, layout.colour)}`);
  return parts.join('\n\n');
}

export function drawChangeRequest(v: ChangeRequestView): string {
  // What the devices said before the plan was made: the blast radius, under the lines.
  const before = v.before?.length
    ? `\n  now (read before planning):\n${v.before.flatMap((b) => b.notes.map((n) => `    ${b.device}: ${n}`)).join('\n')}`
    : '';
  const head = `${v.id} ${v.state === 'pending-approval' ? 'waiting for approval' : `${v.state}${v.by ? ` by ${v.by}` : ''}`}: ${v.description}`;
  const plan = v.plan.map((g) => `  on ${g.devices.join(', ')}:\n${g.lines.map((l) => `    ${l}`).join('\n')}`).join('\n');
  const waiting = v.state === 'pending-approval' && v.approvals ? `\n  ${describeApprovalStatus(v.approvals)}` : '';
  const next =
    v.state === 'pending-approval'
      ? `${waiting}\n  an approver other than ${v.requesterName} approves with: /net approve ${v.id} (or rejects: /net reject ${v.id}); expires ${v.expiresAt}`
      : '';
  return `${head}\n  requested by ${v.requesterName}: ${v.commandLine}\n  ${v.devices} device${v.devices === 1 ? '' : 's'}; ${v.rollout}\n${plan}${before}${next}`;
}
