import { defineCommand } from '../src/core/command.js';
import { SELECTOR_KEYS } from '../src/inventory/selector.js';

export default defineCommand({
  name: 'help',
  kind: 'info',
  acceptsTargets: false,
  summary: 'List the commands, or show how to use one',
  usage: ['help', 'help show-version'],
  execute({ registry, request }) {
    const name = request.positional[0];
    if (name) {
      const c = registry.get(name);
      const args = c.args ? Object.keys(c.args.shape) : [];
      return {
        title: `/net ${c.name}`,
        blocks: [
          { type: 'text', text: c.summary },
          { type: 'list', items: c.usage.map((u) => `/net ${u}`) },
          ...(c.kind === 'read' || (c.kind === 'info' && c.acceptsTargets)
            ? [
                {
                  type: 'text' as const,
                  text: `Targets: ${SELECTOR_KEYS.map((k) => `${k}=`).join(' ')} (ANDed; comma lists, globs with *, != to exclude)`,
                },
              ]
            : []),
          ...(args.length ? [{ type: 'text' as const, text: `Arguments: ${args.join(', ')}` }] : []),
        ],
      };
    }
    return {
      title: 'netops commands',
      blocks: [
        {
          type: 'table',
          columns: [
            { key: 'command', label: 'Command' },
            { key: 'summary', label: 'What it does' },
          ],
          rows: registry.all().map((c) => ({ command: `/net ${c.name}`, summary: c.summary })),
        },
        {
          type: 'text',
          text: 'Targets: site=east role=core device=core* platform=... tag=... group=... (ANDed, comma lists, != to exclude). /net help <command> for details.',
        },
      ],
    };
  },
});
