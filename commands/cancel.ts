import { defineCommand } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';

export default defineCommand({
  name: 'cancel',
  kind: 'info',
  acceptsTargets: false,
  summary: 'Cancel a running job (its requester or an approver)',
  usage: ['cancel J-42'],
  async execute({ request, cancel }) {
    const id = request.positional[0];
    if (!id || !/^J-\d+$/i.test(id) || request.positional.length > 1) {
      throw new UserError('bad_argument', 'which job?', 'give one job id: /net cancel J-42 (see /net jobs)');
    }
    const job = await cancel(id);
    return {
      title: `Cancelling ${job.id}`,
      blocks: [{ type: 'text', text: `${job.id} (${job.commandLine}): no new devices will start; devices in flight are being stopped.` }],
    };
  },
});
