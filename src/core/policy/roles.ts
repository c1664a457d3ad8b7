import type { PolicyDocument } from './policy-schema.js';

/**
 * Slack user groups' members, as last fetched. The Slack adapter refreshes it
 * (usergroups.users.list); decisions read it synchronously and never wait on Slack.
 */
export interface GroupDirectory {
  membersOf(groupId: string): readonly string[];
}

export const NO_GROUPS: GroupDirectory = { membersOf: () => [] };

/** The roles an identity holds: named as a member (or `*`), or through a user group. */
export function rolesOf(doc: PolicyDocument, id: string, groups: GroupDirectory): string[] {
  return Object.entries(doc.roles)
    .filter(([, r]) => r.members.includes(id) || r.members.includes('*') || r.groups.some((g) => groups.membersOf(g).includes(id)))
    .map(([name]) => name);
}

/** Who holds a role, for "who could do it instead" (groups shown by id: their members change). */
export function describeRole(doc: PolicyDocument, role: string): string {
  const r = doc.roles[role];
  if (!r) return role;
  const who = [...r.members.map((m) => (m === '*' ? 'anyone' : m)), ...r.groups.map((g) => `group ${g}`)];
  const shown = who.slice(0, 5).join(', ') + (who.length > 5 ? `, and ${who.length - 5} more` : '');
  return `${role} (${shown || 'no members'})`;
}

/** Command globs: `show-*` matches show-version; `*` matches everything. */
export function commandMatches(pattern: string, command: string): boolean {
  const body = pattern
    .replace(/[.+^${}()|[\]\\-]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`).test(command);
}
