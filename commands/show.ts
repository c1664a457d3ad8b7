import { z } from 'zod';
import { defineCommand, onEveryPlatform } from '../src/core/command.js';
import { DeviceError } from '../src/core/errors.js';
import { PLATFORM_IDS, type PlatformId } from '../src/core/types.js';
import { PLATFORMS } from '../src/devices/platforms/index.js';
import { guardShow, refusalText } from '../src/devices/platforms/read-only-guard.js';

/**
 * Refused up front when no platform would take it (a line break, a redirect, a write
 * modifier, a root that is not `show`); what only some platforms refuse is refused on those
 * devices, before anything is sent.
 */
const command = z.string().superRefine((text, ctx) => {
  const verdicts = PLATFORM_IDS.map((p) => guardShow(PLATFORMS[p].readOnly, text));
  const first = verdicts.find((v) => !v.ok);
  if (first && !first.ok && verdicts.every((v) => !v.ok)) ctx.addIssue({ code: 'custom', message: refusalText(first.refusal) });
});

const linesFor = (platform: PlatformId) => (args: Record<string, unknown>) => {
  const v = guardShow(PLATFORMS[platform].readOnly, String(args.command));
  if (!v.ok) throw new DeviceError('unsupported', `${refusalText(v.refusal)} on ${PLATFORMS[platform].label}`);
  return [v.command];
};

const countLines = (raw: string) => {
  const lines = raw.split('\n').filter((l) => l.trim());
  return { lines: String(lines.length) };
};

/** A guarded passthrough for read commands no module covers; the output goes to the thread as a file. */
export default defineCommand({
  name: 'show',
  kind: 'read',
  summary: 'Run a read-only show command no other module covers (guarded); the output is attached',
  usage: [
    'show device=east-core-1 command="show version | include uptime"',
    'show role=access command="show lldp neighbors | include Eth"',
    'show platform=juniper_junos command="show version | match Junos"',
  ],
  args: z.object({ command }),
  attachOutput: true,
  cli: Object.fromEntries(PLATFORM_IDS.map((p) => [p, linesFor(p)])),
  parse: onEveryPlatform(countLines),
  columns: [{ key: 'lines', label: 'Lines' }],
});
