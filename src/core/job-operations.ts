import { z } from 'zod';
import type { CommandModule, DeviceChangePlan, ReadCommand } from './command.js';
import type { ParsedCommandLine } from './command-line.js';
import { DeviceError, UserError } from './errors.js';
import type { DeviceOperation } from './job-engine.js';

/** Validates key=value arguments: the command's own parser, or its zod schema with unknown keys refused. */
export function validateArgs(command: CommandModule, request: ParsedCommandLine): Record<string, unknown> {
  if (command.kind === 'change') return command.parseArgs(request.args);
  const schema = command.args ?? z.object({});
  const parsed = schema.strict().safeParse(request.args);
  if (parsed.success) return parsed.data;
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

/** The per-device work of a read command: its CLI lines for the platform, then its parser. */
export function readOperation(command: ReadCommand, args: Record<string, unknown>): DeviceOperation {
  return async (session, device, o) => {
    const lines = command.cli[device.platform]?.(args);
    if (!lines) throw new DeviceError('unsupported', `${command.name} is not available on ${device.platform}`);
    const outputs: string[] = [];
    for (const line of lines) outputs.push(await session.run(line, { timeoutMs: o.commandTimeoutMs, signal: o.signal }));
    const raw = outputs.join('\n');
    const parsed = command.parse[device.platform]?.(raw);
    if (!parsed) return { raw, unparsed: true };
    return { raw, parsed: Array.isArray(parsed) ? parsed : [parsed] };
  };
}

export const DRY_RUN_COLUMNS = [
  { key: 'diff', label: 'Diff from' },
  { key: 'lines', label: 'Lines' },
  { key: 'check', label: 'Device check' },
];

/** A change's dry run: the device's own diff of the candidate (and its check), then discarded. Nothing changes. */
export function dryRunOperation(plans: Map<string, DeviceChangePlan>): DeviceOperation {
  return async (session, device, o) => {
    const plan = plans.get(device.name);
    if (!plan) throw new DeviceError('unsupported', 'no plan for this device');
    // No label: each dry run gets its own session or checkpoint name, so two never share one.
    const r = await session.configure(plan.lines, { timeoutMs: o.commandTimeoutMs, signal: o.signal, mode: 'check' });
    if (r.error) throw r.error;
    // Platforms that apply line by line (IOS, NX-OS) cannot check a candidate: say so rather than "passed".
    const check = r.diffSource === 'device' ? 'passed' : 'not available';
    return { raw: r.diff, parsed: [{ diff: r.diffSource, lines: String(plan.lines.length), check }] };
  };
}
