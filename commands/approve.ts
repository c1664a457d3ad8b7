import { defineCommand } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import { displayId } from '../src/core/change-desk.js';

export default defineCommand({
  name: 'approve',
  kind: 'info',
  acceptsTargets: false,
  summary: 'Approve a change request (an approver other than its requester); the change starts at once',
  usage: ['approve CR-42'],
  async execute({ request, approve }) {
    const id = request.positional[0];
    if (!id || !/^(CR|J)-\d+$/i.test(id) || request.positional.length > 1) {
      throw new UserError('bad_argument', 'which change request?', 'give one id: /net approve CR-42 (see /net jobs)');
    }
    const c = await approve(id);
    return { title: `${displayId(c.id)} approved`, blocks: [{ type: 'text', text: `${c.description}: running on ${c.plan.length} devices, canary first.` }] };
  },
});
