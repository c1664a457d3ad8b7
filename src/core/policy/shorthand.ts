import type { PolicyDocument } from './policy-schema.js';

/**
 * NETOPS_RUNNERS / NETOPS_APPROVERS as a policy: runners (everyone when unset) and approvers
 * may run every command on every device; a change needs one approver; the default blast radius.
 */
export function shorthandPolicy(o: { approvers: readonly string[]; runners?: readonly string[] }): PolicyDocument {
  return {
    version: 1,
    roles: { runners: { members: o.runners ? [...o.runners] : ['*'], groups: [] }, approvers: { members: [...o.approvers], groups: [] } },
    grants: [
      { role: 'runners', commands: ['*'] },
      { role: 'approvers', commands: ['*'] },
    ],
    approvals: [{ name: 'NETOPS_APPROVERS', count: 1, from: ['approvers'] }],
    windows: [],
    freezes: [],
    blastRadius: { read: 50, change: 10, everyDevice: true },
  };
}
