import { z } from 'zod';
import type { CommandModule, DeviceChangePlan, ReadCommand } from './command.js';
import type { ParsedCommandLine } from './command-line.js';
import { DeviceError, UserError } from './errors.js';
import type { DeviceOperation } from './job-engine.js';
import { cleanDiff, diffCounts } from '../devices/parsers/config-diff.js';
import type { Backups } from './backups.js';
import { who } from './job-audit.js';

/** Validates key=value arguments: the command's own parser, or its zod schema with unknown keys refused. */
export function validateArgs(command: CommandModule, request: ParsedCommandLine): Record<string, unknown> {
  if (command.kind === 'change') return command.parseArgs(request.args);
  const schema = command.args ?? z.object({});
  const parsed = schema.strict().safeParse(request.args);
  if (parsed.success) {
    if (command.kind === 'read') command.checkArgs?.(parsed.data);
    return parsed.data;
  }
  const issue = parsed.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const known = Object.keys(schema.shape);
    throw new UserError(
      'bad_argument',
      `/net ${command.name} has no argument "${key}"`,
      known.length ? `it takes ${known.join(', ')}` : `see /net help ${command.name}`,
    );
  }
  throw new UserError('bad_argument', `${issue.path.join('.')}: ${issue.message}`, `see /net help ${command.name}`);
}

/** The per-device work of a read command: its CLI lines for the platform, then its parser (or the backups desk). */
export function readOperation(command: ReadCommand, args: Record<string, unknown>, backups?: Backups): DeviceOperation {
  return async (session, device, o) => {
    const lines = command.cli[device.platform]?.(args);
    if (!lines) throw new DeviceError('unsupported', `${command.name} is not available on ${device.platform}`);
    const outputs: string[] = [];
    for (const line of lines) outputs.push(await session.run(line, { timeoutMs: o.commandTimeoutMs, signal: o.signal }));
    const raw = outputs.join('\n');
    if (command.withBackups) {
      if (!backups) throw new DeviceError('unsupported', `${command.name}: no backup store in this process`);
      const job = { id: o.job.id, actor: who(o.job.actor) };
      return command.withBackups(backups, { device, raw, args, job });
    }
    const parsed = command.parse[device.platform]?.(raw);
    if (!parsed) return { raw, unparsed: true };
    return { raw, parsed: Array.isArray(parsed) ? parsed : [parsed] };
  };
}

export const DRY_RUN_COLUMNS = [
  { key: 'change', label: 'Change' },
  { key: 'diff', label: 'Diff from' },
  { key: 'lines', label: 'Lines' },
  { key: 'check', label: 'Device check' },
];

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Whether the change is already in place, asked of the device without changing it. Where
 * the device shows its own diff (XR, EOS, Junos) an empty diff says so; where lines apply
 * one by one (IOS, NX-OS) the planned lines are no diff, so the plan's verification, which
 * reads the running configuration, is asked instead.
 */
async function inPlace(
  session: Parameters<DeviceOperation>[0],
  plan: DeviceChangePlan,
  diff: { source: string; text: string },
  o: { commandTimeoutMs: number; signal: AbortSignal },
): Promise<boolean> {
  if (diff.source === 'device') {
    const { added, removed } = diffCounts(diff.text);
    return added + removed === 0;
  }
  if (!plan.verify) return false;
  const output = await session.run(plan.verify.command, { timeoutMs: o.commandTimeoutMs, signal: o.signal });
  return plan.verify.check(output) === undefined;
}

/**
 * A change's dry run: the device's own diff of the candidate (and its check), then
 * discarded; "no change" where the change is already in place. Nothing changes.
 */
export function dryRunOperation(plans: Map<string, DeviceChangePlan>): DeviceOperation {
  return async (session, device, o) => {
    const plan = plans.get(device.name);
    if (!plan) throw new DeviceError('unsupported', 'no plan for this device');
    // No label: each dry run gets its own session or checkpoint name, so two never share one.
    const r = await session.configure(plan.lines, { timeoutMs: o.commandTimeoutMs, signal: o.signal, mode: 'check' });
    if (r.error) throw r.error;
    const text = cleanDiff(r.diff);
    const unchanged = await inPlace(session, plan, { source: r.diffSource, text }, o);
    const { added, removed } = diffCounts(text);
    const change = unchanged
      ? 'no change'
      : r.diffSource === 'device'
        ? `+${added} -${removed}`
        : `${plural(plan.lines.length, 'line')} to apply`;
    // Platforms that apply line by line (IOS, NX-OS) cannot check a candidate: say so rather than "passed".
    const check = r.diffSource === 'device' ? 'passed' : 'not available';
    return {
      raw: `${text}\n`,
      parsed: [{ change, diff: r.diffSource, lines: String(plan.lines.length), check, diff_text: unchanged ? '' : text }],
    };
  };
}
