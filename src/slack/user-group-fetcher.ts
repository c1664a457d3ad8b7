import type { webApi } from '@slack/bolt';
import type { GroupFetcher } from '../core/policy/user-groups.js';

/**
 * The policy's user-group members through usergroups.users.list (scope usergroups:read).
 * The Web API client takes no per-call signal, so the cache's deadline is raced here: a
 * Slack that never answers keeps the members last seen instead of stalling the refresh loop.
 */
export function userGroupFetcher(client: webApi.WebClient): GroupFetcher {
  return async (groupId, signal) => {
    signal.throwIfAborted();
    const aborted = new Promise<never>((_, reject) => {
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
    const answer = await Promise.race([client.usergroups.users.list({ usergroup: groupId }), aborted]);
    if (!Array.isArray(answer.users)) throw new Error(`usergroups.users.list ${groupId}: no users in the answer`);
    return answer.users.filter((u): u is string => typeof u === 'string');
  };
}
