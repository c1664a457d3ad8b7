import { defineCommand } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import { displayId } from '../src/core/change-desk.js';

export default defineCommand({
  name: 'reject',
  kind: 'info',
  acceptsTargets: false,
  summary: 'Reject a change request (an approver), or withdraw your own',
  usage: ['reject CR-42'],
  async execute({ request, reject }) {
    const id = request.positional[0];
    if (!id || !/^(CR|J)-\d+$/i.test(id) || request.positional.length > 1) {
      throw new UserError('bad_argument', 'which change request?', 'give one id: /net reject CR-42 (see /net jobs)');
    }
    const c = await reject(id);
    return { title: `${displayId(c.id)} rejected`, blocks: [{ type: 'text', text: `${c.description}: nothing was changed.` }] };
  },
});
