import { defineCommand } from '../src/core/command.js';
import { displayId, requestIdFrom } from '../src/core/change-desk.js';

export default defineCommand({
  name: 'reject',
  kind: 'info',
  acceptsTargets: false,
  summary: 'Reject a change request (an approver), or withdraw your own',
  usage: ['reject CR-42'],
  async execute({ actor, request, reject }) {
    const id = requestIdFrom(request.positional, 'reject');
    const c = await reject(id);
    const done = c.actor.id === actor.id ? 'withdrawn' : 'rejected';
    return { title: `${displayId(c.id)} ${done}`, blocks: [{ type: 'text', text: `${c.description}: nothing was changed.` }] };
  },
});
