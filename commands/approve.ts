import { defineCommand } from '../src/core/command.js';
import { displayId, requestIdFrom } from '../src/core/change-desk.js';

export default defineCommand({
  name: 'approve',
  kind: 'info',
  acceptsTargets: false,
  summary: 'Approve a change request (an approver other than its requester); the change starts at once',
  usage: ['approve CR-42'],
  async execute({ request, approve }) {
    const id = requestIdFrom(request.positional, 'approve');
    const c = await approve(id);
    if (c.waiting !== undefined)
      return {
        title: `${displayId(c.id)}: approval counted`,
        blocks: [{ type: 'text', text: `${c.description}: still needs ${c.waiting}.` }],
      };
    return {
      title: `${displayId(c.id)} approved`,
      blocks: [{ type: 'text', text: `${c.description}: running on ${c.plan.length} devices, canary first.` }],
    };
  },
});
