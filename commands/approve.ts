import { defineCommand } from '../src/core/command.js';
import { displayId, requestIdFrom } from '../src/core/change-desk.js';
import { approvalStatus, describeApprovalStatus } from '../src/core/policy/approval-status.js';

export default defineCommand({
  name: 'approve',
  kind: 'info',
  acceptsTargets: false,
  summary: 'Approve a change request (an approver other than its requester); the change starts once its approvals are complete',
  usage: ['approve CR-42'],
  async execute({ request, approve, policy }) {
    const id = requestIdFrom(request.positional, 'approve');
    const c = await approve(id);
    // issue 16: the same count the request's message shows ("1 of 2 approvals (erin); waiting for one more from ...").
    const status = describeApprovalStatus(approvalStatus(policy, c));
    if (c.waiting !== undefined)
      return { title: `${displayId(c.id)}: approval counted`, blocks: [{ type: 'text', text: `${c.description}: ${status}.` }] };
    return {
      title: `${displayId(c.id)} approved`,
      blocks: [{ type: 'text', text: `${c.description}: ${status}; running on ${c.plan.length} devices, canary first.` }],
    };
  },
});
