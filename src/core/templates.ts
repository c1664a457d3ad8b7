import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError, UserError } from './errors.js';
import { PLATFORM_IDS, type PlatformId } from './types.js';
import { suggest } from './suggest.js';

/**
 * Configuration templates (data/templates/*.json): the only way user text reaches a
 * device's configuration. Every parameter has a kind with a strict pattern, so a value can
 * never carry a second command, a line break or a keyword the template did not write.
 */
const PARAM_KINDS = {
  ipv4: { pattern: /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/, example: '192.0.2.10' },
  hostname: {
    pattern: /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/,
    example: 'ntp1.example.net',
  },
  vlan: { pattern: /^(409[0-4]|40[0-8]\d|[1-3]?\d{1,3})$/, example: '120' },
  interface: { pattern: /^[A-Za-z][A-Za-z-]{1,30}\d+(\/\d+){0,3}(\.\d+)?$/, example: 'GigabitEthernet0/1' },
  text: { pattern: /^[A-Za-z0-9 _.,:/()-]{1,80}$/, example: 'uplink to core' },
} as const;
type ParamKind = keyof typeof PARAM_KINDS;

const perPlatform = <T extends z.ZodTypeAny>(t: T) => z.partialRecord(z.enum(PLATFORM_IDS), t);

const templateSchema = z
  .object({
    summary: z.string(),
    params: z.record(
      z.string().regex(/^[a-z][a-z0-9_]*$/),
      z
        .object({
          kind: z.enum(Object.keys(PARAM_KINDS) as [ParamKind, ...ParamKind[]]),
          list: z.boolean().default(false),
          optional: z.boolean().default(false),
          description: z.string(),
        })
        .strict(),
    ),
    lines: perPlatform(z.array(z.string()).min(1)),
    verify: z
      .object({ command: perPlatform(z.string()), expect: perPlatform(z.array(z.string())) })
      .strict()
      .optional(),
  })
  .strict();

export type Template = z.infer<typeof templateSchema> & { name: string };
export type TemplateArgs = Record<string, string[]>;

export async function loadTemplates(dir: string): Promise<Map<string, Template>> {
  const out = new Map<string, Template>();
  for (const f of (await readdir(dir)).filter((x) => x.endsWith('.json')).sort()) {
    const parsed = templateSchema.safeParse(JSON.parse(await readFile(join(dir, f), 'utf8')));
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      throw new ConfigError('templates', `${f}: ${i?.path.join('.')}: ${i?.message}`);
    }
    out.set(f.replace(/\.json$/, ''), { ...parsed.data, name: f.replace(/\.json$/, '') });
  }
  return out;
}

/** Checks the user's key=value arguments against the template's parameters. */
export function parseTemplateArgs(t: Template, raw: Record<string, string>): TemplateArgs {
  const out: TemplateArgs = {};
  for (const key of Object.keys(raw)) {
    if (!t.params[key]) {
      const near = suggest(key, Object.keys(t.params));
      throw new UserError(
        'bad_argument',
        `template ${t.name} has no parameter "${key}"`,
        near ? `did you mean ${near}=?` : `it takes ${Object.keys(t.params).join(', ')}`,
      );
    }
  }
  for (const [key, p] of Object.entries(t.params)) {
    const value = raw[key];
    if (value === undefined) {
      if (p.optional) continue;
      throw new UserError(
        'bad_argument',
        `template ${t.name} needs ${key}= (${p.description})`,
        `for example ${key}=${PARAM_KINDS[p.kind].example}`,
      );
    }
    const values = p.list ? value.split(',').map((v) => v.trim()) : [value];
    for (const v of values) {
      if (!PARAM_KINDS[p.kind].pattern.test(v)) {
        throw new UserError('bad_argument', `${key}: "${v}" is not a valid ${p.kind}`, `for example ${key}=${PARAM_KINDS[p.kind].example}`);
      }
    }
    out[key] = [...new Set(values)];
  }
  return out;
}

/** Expands `{param}` placeholders; a line with a list parameter is repeated per value. */
export function expand(lines: string[], args: TemplateArgs): string[] {
  return lines
    .flatMap((line) => {
      const names = [...line.matchAll(/\{([a-z][a-z0-9_]*)\}/g)].map((m) => m[1]!);
      const list = names.find((n) => (args[n]?.length ?? 0) > 1);
      const values = list ? args[list]! : [undefined];
      return values.map((v) => line.replace(/\{([a-z][a-z0-9_]*)\}/g, (_m, n: string) => (n === list ? v! : (args[n]?.[0] ?? ''))));
    })
    .filter((l) => !/\{[a-z]/.test(l));
}

export function linesFor(t: Template, platform: PlatformId, args: TemplateArgs): string[] | undefined {
  const lines = t.lines[platform];
  return lines ? expand(lines, args) : undefined;
}

function normaliseConfigLine(line: string): string {
  return line
    .trim()
    .replace(/\s*[{;]\s*$/, '')
    .replace(/\s+/g, ' ');
}

/**
 * The verification of a committed change: a command, and the lines its output must hold.
 * Where a platform nests its configuration (IOS-XR, Junos) the command is its flat view
 * (`show running-config formal`, `show configuration | display set`) and the lines are whole
 * statements: `ntp server x` is never a line of XR's nested `show running-config`.
 */
export function verificationFor(
  t: Template,
  platform: PlatformId,
  args: TemplateArgs,
): { command: string; check: (output: string) => string | undefined } | undefined {
  const command = t.verify?.command[platform];
  const expect = t.verify?.expect[platform];
  if (!command || !expect) return undefined;
  const wanted = expand(expect, args);
  return {
    command,
    check: (output) => {
      // Whole lines only: `ntp server 192.0.2.1` must not be satisfied by `ntp server 192.0.2.10`,
      // nor Junos `server 10.0.0.1` by `name-server 10.0.0.1`. Junos braces and semicolons are dropped.
      const lines = new Set(output.split('\n').map(normaliseConfigLine));
      const missing = wanted.filter((w) => !lines.has(normaliseConfigLine(w)));
      return missing.length ? `not in "${command}": ${missing.join('; ')}` : undefined;
    },
  };
}
