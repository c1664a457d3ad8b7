import type { types } from '@slack/bolt';
import type { ErrorView, JobView, ReplyView, ViewBlock, Column } from '../render/views.js';
import { formatDuration, progressBar } from '../render/job-view.js';
import { drawTable } from '../render/terminal.js';
import { SLACK_LIMITS as L, clip, escapeMrkdwn } from './slack-limits.js';

export const CANCEL_ACTION = 'netops_cancel';

export interface Rendered {
  text: string;
  blocks: types.KnownBlock[];
  /** True when something did not fit and belongs in an attached file. */
  truncated: boolean;
}

const section = (text: string): types.KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: clip(text, L.sectionText) } });
const header = (text: string): types.KnownBlock => ({ type: 'header', text: { type: 'plain_text', text: clip(text, L.headerText) } });
const context = (text: string): types.KnownBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text: clip(text, L.sectionText) }] });

/**
 * Packs lines into code-block sections of at most 3000 characters, within a block budget.
 * Returns the sections and how many lines did not fit.
 */
export function packLines(lines: string[], budget: number, fence = true): { blocks: types.KnownBlock[]; dropped: number } {
  const wrap = (body: string) => (fence ? `\`\`\`${body}\`\`\`` : body);
  const room = L.sectionText - (fence ? 6 : 0);
  const blocks: types.KnownBlock[] = [];
  let cur: string[] = [];
  let len = 0;
  let used = 0;
  for (const [i, raw] of lines.entries()) {
    const line = clip(raw, room);
    if (len + line.length + 1 > room && cur.length) {
      if (blocks.length + 1 >= budget) return { blocks: [...blocks, section(wrap(cur.join('\n')))], dropped: lines.length - i };
      blocks.push(section(wrap(cur.join('\n'))));
      cur = [];
      len = 0;
    }
    cur.push(line);
    len += line.length + 1;
    used = i + 1;
  }
  if (cur.length) blocks.push(section(wrap(cur.join('\n'))));
  return { blocks, dropped: lines.length - used };
}

function who(v: JobView): string {
  return v.actorVia === 'slack' ? `<@${v.actorId}>` : escapeMrkdwn(v.actorName);
}

function counts(v: JobView): string {
  const parts = [`${v.ok} ok`, `${v.failed} failed`];
  if (v.cancelled) parts.push(`${v.cancelled} cancelled`);
  if (v.pending) parts.push(`${v.pending} pending`);
  return parts.join(' · ');
}

export function renderProgress(v: JobView): Rendered {
  const done = v.total - v.pending;
  const blocks: types.KnownBlock[] = [
    header(`${v.id} · ${v.commandLine.replace(/^\/net\s+/, '')}`),
    context(`\`${escapeMrkdwn(v.commandLine)}\` requested by ${who(v)} · ${v.total} device${v.total === 1 ? '' : 's'}`),
    section(`\`${progressBar(done, v.total)}\` ${done}/${v.total}\n${counts(v)} · ${formatDuration(v.elapsedMs)}`),
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: CANCEL_ACTION,
          value: v.id,
          style: 'danger',
          text: { type: 'plain_text', text: 'Cancel' },
          confirm: {
            title: { type: 'plain_text', text: `Cancel ${v.id}?` },
            text: { type: 'mrkdwn', text: 'No new devices will start and devices in flight are stopped.' },
            confirm: { type: 'plain_text', text: 'Cancel job' },
            deny: { type: 'plain_text', text: 'Keep running' },
          },
        },
      ],
    },
  ];
  return { text: `${v.id}: ${done}/${v.total} done, ${counts(v)}`, blocks, truncated: false };
}

const TABLE_BUDGET = 30;
const FAILURE_BUDGET = 10;
/** Rows shown in the channel; a longer table is a wall nobody reads there, so it goes to the file. */
export const MAX_TABLE_ROWS = 40;
const MAX_FAILURE_LINES = 50;

export function renderSummary(v: JobView): Rendered {
  const blocks: types.KnownBlock[] = [
    header(`${v.id} · ${v.commandLine.replace(/^\/net\s+/, '')} · ${v.state}`),
    section(
      `\`${escapeMrkdwn(v.commandLine)}\` by ${who(v)}${v.note ? ` · ${escapeMrkdwn(v.note)}` : ''} · ${v.total} device${v.total === 1 ? '' : 's'} · ${counts(v)} · ${formatDuration(v.elapsedMs)}`,
    ),
  ];
  let truncated = false;
  if (v.attention) blocks.push(section(`*${escapeMrkdwn(v.attention)}*`));
  if (v.rows.length) {
    const shown = v.rows.slice(0, MAX_TABLE_ROWS);
    // Device text (hostnames, descriptions) is mrkdwn too: `<!channel>` in a description must stay text.
    const table = drawTable(v.columns, shown).split('\n').map(escapeMrkdwn);
    const packed = packLines(table, TABLE_BUDGET);
    blocks.push(...packed.blocks);
    const hidden = v.rows.length - shown.length + packed.dropped;
    if (hidden) {
      truncated = true;
      blocks.push(context(`… and ${hidden} more row${hidden === 1 ? '' : 's'} in the attached file`));
    }
  }
  if (v.failures.length) {
    const lines = v.failures.slice(0, MAX_FAILURE_LINES).map((f) => `• *${escapeMrkdwn(f.device)}* ${f.status}: ${escapeMrkdwn(f.reason)}`);
    const packed = packLines([`*Failures (${v.failures.length})*`, ...lines], FAILURE_BUDGET, false);
    blocks.push(...packed.blocks);
    const hidden = v.failures.length - lines.length + packed.dropped;
    if (hidden) {
      truncated = true;
      blocks.push(context(`… and ${hidden} more failure${hidden === 1 ? '' : 's'} in the attached file`));
    }
  }
  const notes: string[] = [];
  if (v.unparsed.length)
    notes.push(`Output kept raw, not parsed: ${v.unparsed.slice(0, 20).join(', ')}${v.unparsed.length > 20 ? '…' : ''}`);
  if (truncated) notes.push('The full results and raw output of every device are in the file attached in the thread.');
  if (notes.length) blocks.push(context(escapeMrkdwn(notes.join(' · '))));
  return { text: `${v.id} ${v.state}: ${counts(v)}`, blocks, truncated };
}

function blockOf(b: ViewBlock): string[] {
  switch (b.type) {
    case 'heading':
      return [`*${escapeMrkdwn(b.text)}*`];
    case 'text':
      return [escapeMrkdwn(b.text)];
    case 'list':
      return b.items.map((i) => `• ${escapeMrkdwn(i)}`);
    case 'table':
      return b.rows.length ? [`\`\`\`${escapeMrkdwn(drawTable(b.columns as Column[], b.rows))}\`\`\``] : ['(none)'];
  }
}

/** A reply (help, devices, jobs): fitted into one message; what does not fit is counted and flagged. */
export function renderReply(v: ReplyView): Rendered {
  const blocks: types.KnownBlock[] = [header(v.title)];
  let truncated = false;
  for (const b of v.blocks) {
    if (b.type === 'table' && b.rows.length) {
      const packed = packLines(drawTable(b.columns, b.rows).split('\n').map(escapeMrkdwn), L.blocksPerMessage - blocks.length - 2);
      blocks.push(...packed.blocks);
      if (packed.dropped) {
        truncated = true;
        blocks.push(context(`… ${packed.dropped} more line${packed.dropped === 1 ? '' : 's'} not shown; narrow the request.`));
      }
      continue;
    }
    if (blocks.length >= L.blocksPerMessage - 1) {
      truncated = true;
      break;
    }
    blocks.push(section(blockOf(b).join('\n')));
  }
  return { text: v.title, blocks, truncated };
}

export function renderError(v: ErrorView): Rendered {
  const text = `:warning: ${escapeMrkdwn(v.message)}${v.hint ? `\n${escapeMrkdwn(v.hint)}` : ''}`;
  return { text: `${v.message}${v.hint ? ` (${v.hint})` : ''}`, blocks: [section(text)], truncated: false };
}

const DIFF_BUDGET = 40;

/**
 * The diffs of a change or dry run, inline in the job's thread: one code block per section,
 * each device under its name; what does not fit is counted and lives in the attached file.
 */
export function renderDiffs(v: JobView): Rendered | undefined {
  if (!v.diffs.length) return undefined;
  const lines = v.diffs.flatMap((d, i) => [...(i ? [''] : []), `== ${d.device}`, ...d.text.split('\n')]).map(escapeMrkdwn);
  const packed = packLines(lines, DIFF_BUDGET);
  const blocks: types.KnownBlock[] = [context(`*Diffs* (${v.diffs.length} device${v.diffs.length === 1 ? '' : 's'})`), ...packed.blocks];
  if (packed.dropped) blocks.push(context(`… and ${packed.dropped} more line${packed.dropped === 1 ? '' : 's'} in the attached file`));
  return { text: `${v.id} diffs`, blocks, truncated: packed.dropped > 0 };
}
