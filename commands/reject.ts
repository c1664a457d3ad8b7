import { defineCommand } from '../src/core/command.js';
import { displayId, requestIdFrom } from '../src/core/change-desk.js';

export default defineCommand({
  name: 'reject',
  kind: 'info',
  acceptsTargets: false,
  summary: 'Reject a change request (an approver), or withdraw your own',
  usage: ['reject CR-42'],
  async execute({ request, reject }) {
    const id = requestIdFrom(request.positional, 'reject');
    const c = await reject(id);
    return { title: `${displayId(c.id)} rejected`, blocks: [{ type: 'text', text: `${c.description}: nothing was changed.` }] };
  },
});
