import { defineCommand } from '../src/core/command.js';
import { describeIdentity } from '../src/core/policy/explain.js';

export default defineCommand({
  name: 'whoami',
  kind: 'info',
  acceptsTargets: false,
  summary: 'Show your roles and what you may run where, approve, or pass with --break-glass',
  usage: ['whoami'],
  execute({ actor, policy }) {
    return { title: `${actor.name} (${actor.id})`, blocks: [{ type: 'list', items: describeIdentity(policy, actor.id) }] };
  },
});
