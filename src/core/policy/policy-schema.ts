import { z } from 'zod';
import { parseSelectorText } from '../../inventory/selector.js';

/**
 * The shape of a policy file (NETOPS_POLICY), documented line by line in
 * data/policy.example.yaml. Cross references (a grant naming a role that does not exist)
 * are checked after the shape, in policy-file.ts, so every error can name its path.
 */

const name = z.string().regex(/^[a-z][a-z0-9_-]*$/, 'expected a lower-case name such as noc or east-team');
const selector = z.string().superRefine((text, ctx) => {
  const terms = parseSelectorText(text);
  if (typeof terms === 'string') ctx.addIssue({ code: 'custom', message: `expected a selector such as "site=east tag!=pci": ${terms}` });
});
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time of day HH:MM (24-hour)');
const instant = z
  .string()
  .refine((s) => /^\d{4}-\d\d-\d\dT/.test(s) && !Number.isNaN(Date.parse(s)), {
    message: 'expected an ISO 8601 time such as 2026-12-20T00:00:00Z',
  });
const timezone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'expected an IANA time zone such as UTC or Europe/Paris' },
);

export const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Day = (typeof DAYS)[number];

const role = z
  .object({
    /** Slack user ids (U...), console user names, or `*` for anyone. */
    members: z.array(z.string().min(1)).default([]),
    /** Slack user group ids (S...), resolved with usergroups.users.list. */
    groups: z.array(z.string().regex(/^S[A-Z0-9]+$/, 'expected a Slack user group id such as S0123ABCD')).default([]),
  })
  .strict();

const grant = z
  .object({
    role: name,
    /** Command names or globs (`show-*`, `*`). */
    commands: z.array(z.string().regex(/^[a-z*?][a-z0-9*?-]*$/, 'expected a command name or glob such as show-*')).min(1),
    /** The devices this grant covers; absent: every device. */
    targets: selector.optional(),
  })
  .strict();

const approval = z
  .object({
    name: z.string().min(1).optional(),
    /** Changes touching any device this selects need this rule satisfied; absent: every change. */
    targets: selector.optional(),
    count: z.number().int().min(1).max(10),
    from: z.array(name).min(1),
  })
  .strict();

const window = z
  .object({
    name: z.string().min(1).optional(),
    days: z
      .array(z.enum(DAYS))
      .min(1)
      .default([...DAYS]),
    from: clock,
    to: clock,
    timezone: timezone.default('UTC'),
  })
  .strict();

const freeze = z.object({ name: z.string().min(1), from: instant, to: instant }).strict();

export const policySchema = z
  .object({
    version: z.literal(1),
    roles: z.record(name, role),
    grants: z.array(grant).default([]),
    approvals: z.array(approval).default([]),
    /** When any is given, changes run only inside one of them. */
    windows: z.array(window).default([]),
    freezes: z.array(freeze).default([]),
    /** Roles that may pass a window or a freeze with --break-glass. */
    breakGlass: z
      .object({ roles: z.array(name).min(1) })
      .strict()
      .optional(),
    blastRadius: z
      .object({
        read: z.number().int().min(1).default(50),
        change: z.number().int().min(1).default(10),
        /** A command over every device of the inventory needs --confirm too. */
        everyDevice: z.boolean().default(true),
      })
      .strict()
      .default({ read: 50, change: 10, everyDevice: true }),
  })
  .strict();

export type PolicyDocument = z.output<typeof policySchema>;
export type Grant = PolicyDocument['grants'][number];
export type ApprovalRule = PolicyDocument['approvals'][number];
export type ChangeWindow = PolicyDocument['windows'][number];
export type Freeze = PolicyDocument['freezes'][number];

/** Where a policy document refers to roles, for the cross-reference check. */
export function roleReferences(doc: PolicyDocument): { path: (string | number)[]; role: string }[] {
  return [
    ...doc.grants.map((g, i) => ({ path: ['grants', i, 'role'], role: g.role })),
    ...doc.approvals.flatMap((a, i) => a.from.map((r, j) => ({ path: ['approvals', i, 'from', j], role: r }))),
    ...(doc.breakGlass?.roles ?? []).map((r, i) => ({ path: ['breakGlass', 'roles', i], role: r })),
  ];
}
