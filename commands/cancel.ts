import { defineCommand } from '../src/core/command.js';
import { parseJobId } from '../src/core/job-ids.js';

export default defineCommand({
  name: 'cancel',
  kind: 'info',
  acceptsTargets: false,
  summary: 'Cancel a running job (its requester or an approver)',
  usage: ['cancel J-42'],
  async execute({ request, cancel }) {
    const job = await cancel(parseJobId(request.positional, 'cancel', 'job'));
    return {
      title: `Cancelling ${job.id}`,
      blocks: [{ type: 'text', text: `${job.id} (${job.commandLine}): no new devices will start; devices in flight are being stopped.` }],
    };
  },
});
