import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineCommand } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import { suggest } from '../src/core/suggest.js';
import { linesFor, loadTemplates, parseTemplateArgs, verificationFor, type TemplateArgs } from '../src/core/templates.js';

const templates = await loadTemplates(join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'templates'));

function templateOf(args: Record<string, unknown>) {
  const t = templates.get(String(args['template']));
  if (!t) throw new Error(`template ${String(args['template'])} vanished after validation`);
  return { t, values: args['values'] as TemplateArgs };
}

export default defineCommand({
  name: 'config',
  kind: 'change',
  flags: ['dry-run'],
  summary: `Change configuration from a template (${[...templates.keys()].join(', ')}); needs an approver`,
  usage: ['config site=east template=ntp server=192.0.2.10,192.0.2.11', 'config role=core template=syslog server=198.51.100.5 --dry-run'],
  parseArgs(raw) {
    const { template, ...rest } = raw;
    if (!template) throw new UserError('bad_argument', 'which template?', `add template=${[...templates.keys()].join('|')}`);
    const t = templates.get(template);
    if (!t) {
      const near = suggest(template, [...templates.keys()]);
      throw new UserError(
        'bad_argument',
        `no template named "${template}"`,
        near ? `did you mean template=${near}?` : `templates: ${[...templates.keys()].join(', ')}`,
      );
    }
    return { template, values: parseTemplateArgs(t, rest) };
  },
  plan(args, device) {
    const { t, values } = templateOf(args);
    const lines = linesFor(t, device.platform, values);
    return lines ? { lines, verify: verificationFor(t, device.platform, values) } : undefined;
  },
  describe(args) {
    const { t, values } = templateOf(args);
    return `${t.name}: ${t.summary} (${Object.entries(values)
      .map(([k, v]) => `${k}=${v.join(',')}`)
      .join(' ')})`;
  },
});
