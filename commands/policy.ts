import { z } from 'zod';
import { defineCommand } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import { explainSample } from '../src/core/policy/explain.js';

/**
 * `/net policy check as=alice show-version site=east`: the decision the loaded policy makes on
 * a sample request, and the rule behind it. The policy file itself was validated at start-up;
 * `npm run policy:check -- file` checks a file before it is deployed.
 */
export default defineCommand({
  name: 'policy',
  kind: 'info',
  acceptsTargets: true,
  summary: 'Explain the policy decision on a sample request: policy check as=<user> <command> <targets>',
  usage: ['policy check show-version site=east', 'policy check as=U0ALICE01 config site=east --break-glass'],
  args: z.object({ as: z.string().min(1).max(64).optional() }).strict(),
  flags: ['confirm', 'break-glass'],
  execute({ actor, request, policy, inventory, registry, clock }, args) {
    const [verb, command, ...rest] = request.positional;
    if (verb !== 'check' || !command || rest.length)
      throw new UserError('bad_argument', 'what should be checked?', 'for example /net policy check as=alice show-version site=east');
    const as = typeof args['as'] === 'string' ? args['as'] : actor.id;
    const selector = request.selector.map((t) => `${t.key}${t.negated ? '!=' : '='}${t.values.join(',')}`);
    const flags = Object.keys(request.flags).map((f) => `--${f}`);
    const lines = explainSample(policy, inventory, {
      line: [command, ...selector, ...flags].join(' '),
      as,
      now: clock.now(),
      kindOf: (name) => registry.get(name).kind,
    });
    return { title: 'Policy check', blocks: [{ type: 'list', items: lines }] };
  },
});
