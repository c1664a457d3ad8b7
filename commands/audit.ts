import { z } from 'zod';
import { defineCommand, type InfoContext } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import type { AuditFilter, AuditRecord } from '../src/core/ports.js';
import type { ReplyView } from '../src/render/views.js';
import { parsePointInTime, POINT_IN_TIME_HINT } from '../src/audit/period.js';

/** Rows drawn in the chat table; the full matching records go in an attachment beyond this. */
export const TABLE_ROWS = 20;

const args = z.object({
  last: z.coerce.number().int().min(1).max(10_000).default(20),
  user: z.string().min(1).optional(),
  job: z
    .string()
    .regex(/^(?:J|CR)-?\d+$/i, 'expected a job id such as J-42')
    .optional(),
  since: z.string().optional(),
  action: z
    .string()
    .regex(/^[a-z][a-z.-]*$/i, 'expected an action such as job.requested or job')
    .optional(),
});

export default defineCommand({
  name: 'audit',
  kind: 'info',
  // Only `device=` is used: it is a selector key in the grammar, so it arrives as a target term.
  acceptsTargets: true,
  summary: 'Search the audit trail, or verify its hash chain',
  usage: ['audit', 'audit last=50 user=@alice since=2h', 'audit device=east-core-1 action=device.result', 'audit job=J-42', 'audit verify'],
  args,
  async execute(ctx, raw) {
    const [word, ...extra] = ctx.request.positional;
    if (word === 'verify' && !extra.length) return verifyView(ctx);
    if (word !== undefined) {
      throw new UserError('bad_argument', `unexpected "${word}"`, 'try /net audit last=20 user=@alice, or /net audit verify');
    }
    const a = args.parse(raw);
    const filter = toFilter(a, ctx.clock.now());
    const devices = deviceValues(ctx);
    const records = await queryDevices(ctx, filter, devices, a.last);
    return tableView(records, describe(ctx.request.args, devices));
  },
});

function toFilter(a: z.infer<typeof args>, now: number): AuditFilter {
  const since = a.since === undefined ? undefined : parsePointInTime(a.since, now);
  if (a.since !== undefined && since === undefined) {
    throw new UserError('bad_argument', `since: "${a.since}" is not a time`, POINT_IN_TIME_HINT);
  }
  return {
    last: a.last,
    // Slack mentions arrive as <@U123|alice> or @alice; the trail stores the bare id and name.
    user: a.user?.replace(/^<@([^|>]+)(?:\|[^>]*)?>$/, '$1').replace(/^@/, '') ?? undefined,
    jobId: a.job ? `J-${/\d+/.exec(a.job)![0]}` : undefined,
    action: a.action,
    since,
  };
}

function deviceValues(ctx: InfoContext): string[] {
  const devices: string[] = [];
  for (const term of ctx.request.selector) {
    if (term.key !== 'device' || term.negated) {
      throw new UserError(
        'bad_argument',
        `/net audit filters by device= only, not ${term.key}${term.negated ? '!=' : '='}`,
        'try /net audit device=east-core-1 (globs such as device=core* work)',
      );
    }
    devices.push(...term.values);
  }
  return devices;
}

/** One query per device value (the port takes one), merged by seq. */
async function queryDevices(ctx: InfoContext, filter: AuditFilter, devices: string[], last: number): Promise<AuditRecord[]> {
  if (devices.length <= 1) return ctx.audit.query({ ...filter, device: devices[0] });
  const bySeq = new Map<number, AuditRecord>();
  for (const device of devices) for (const r of await ctx.audit.query({ ...filter, device })) bySeq.set(r.seq, r);
  return [...bySeq.values()].sort((x, y) => x.seq - y.seq).slice(-last);
}

function describe(given: Record<string, string>, devices: string[]): string {
  const terms = Object.entries(given).map(([k, v]) => `${k}=${v}`);
  if (devices.length) terms.push(`device=${devices.join(',')}`);
  return terms.length ? terms.join(' ') : 'everything';
}

function tableView(records: AuditRecord[], what: string): ReplyView {
  if (!records.length) return { title: 'No audit records match', blocks: [{ type: 'text', text: `Filter: ${what}` }] };
  const shown = records.slice(-TABLE_ROWS);
  const view: ReplyView = {
    title:
      records.length > shown.length
        ? `Audit: ${records.length} records, newest ${shown.length} shown, all attached`
        : `Audit: ${records.length} record${records.length === 1 ? '' : 's'}`,
    blocks: [
      { type: 'text', text: `Filter: ${what}` },
      {
        type: 'table',
        columns: [
          { key: 'time', label: 'Time (UTC)' },
          { key: 'seq', label: 'Seq' },
          { key: 'actor', label: 'Actor' },
          { key: 'action', label: 'Action' },
          { key: 'job', label: 'Job' },
          { key: 'targets', label: 'Targets' },
          { key: 'outcome', label: 'Outcome' },
        ],
        rows: shown.map((r) => ({
          time: r.time.slice(0, 19).replace('T', ' '),
          seq: String(r.seq),
          actor: r.actor.name,
          action: r.action,
          job: r.jobId ?? '',
          targets: abbreviate(r.targets ?? []),
          outcome: r.outcome ?? '',
        })),
      },
    ],
  };
  if (records.length > shown.length) {
    view.attachment = { name: `audit-${records[0]!.seq}-${records.at(-1)!.seq}.json`, content: JSON.stringify(records, null, 2) };
  }
  return view;
}

/** `a, b +3 more`: a job's target list can be hundreds of devices long. */
export function abbreviate(targets: readonly string[], keep = 2): string {
  if (targets.length <= keep + 1) return targets.join(', ');
  return `${targets.slice(0, keep).join(', ')} +${targets.length - keep} more`;
}

async function verifyView(ctx: InfoContext): Promise<ReplyView> {
  const report = await ctx.audit.verify();
  if (report.ok) {
    return {
      title: 'Audit trail verified',
      blocks: [{ type: 'text', text: `${report.records} records; every hash links to the one before.` }],
    };
  }
  const p = report.problem!;
  return {
    title: `Audit trail BROKEN at record ${p.seq}`,
    problem: true,
    blocks: [
      { type: 'text', text: `${p.problem}${p.where ? ` (in ${p.where})` : ''}.` },
      { type: 'text', text: `${report.records} records verified before it. Keep the files as they are and tell security.` },
    ],
  };
}
