import type { PolicyDocument } from './policy-schema.js';
import type { GroupDirectory } from './roles.js';

/** Fetches one Slack user group's members (usergroups.users.list); supplied by the Slack adapter. */
export type GroupFetcher = (groupId: string, signal: AbortSignal) => Promise<readonly string[]>;

/** Every user group a policy's roles name. */
export function groupIdsOf(doc: PolicyDocument): string[] {
  return [...new Set(Object.values(doc.roles).flatMap((r) => r.groups))];
}

/**
 * The cache of every user group the policy names (none without a policy file), for any front:
 * the embedded bot and every scale-out front build it alike, so a role granted through a group
 * decides the same everywhere. `report` gets a line per failed refresh (the caller redacts and logs it).
 */
export function policyGroups(doc: PolicyDocument | undefined, report: (line: string) => void): UserGroupCache {
  return new UserGroupCache(doc ? groupIdsOf(doc) : [], {
    onError: (g, err) => report(`Slack user group ${g} not refreshed: ${String((err as Error)?.message ?? err)}`),
  });
}

/**
 * Slack user groups' members, cached and refreshed. Decisions read the cache and never wait
 * on Slack; a failed refresh keeps the members last seen (and reports the failure), so a
 * Slack outage neither grants nor revokes anything. Until the first refresh, groups are empty:
 * membership through a group is never assumed.
 */
export class UserGroupCache implements GroupDirectory {
  private readonly members = new Map<string, readonly string[]>();
  private timer: NodeJS.Timeout | undefined;
  private fetcher: GroupFetcher | undefined;

  constructor(
    private readonly groups: readonly string[],
    private readonly o: { refreshMs?: number; timeoutMs?: number; onError?: (groupId: string, err: unknown) => void } = {},
  ) {}

  membersOf(groupId: string): readonly string[] {
    return this.members.get(groupId) ?? [];
  }

  /** Refreshes every group once, one at a time (a handful of groups; Slack's tier-2 limits). */
  async refresh(): Promise<void> {
    const fetcher = this.fetcher;
    if (!fetcher) return;
    for (const g of this.groups) {
      try {
        this.members.set(g, [...(await fetcher(g, AbortSignal.timeout(this.o.timeoutMs ?? 10_000)))]);
      } catch (err) {
        this.o.onError?.(g, err);
      }
    }
  }

  /** Starts refreshing with the Slack adapter's fetcher: now, then every refreshMs (default 5 minutes). */
  async start(fetcher: GroupFetcher): Promise<void> {
    this.fetcher = fetcher;
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.o.refreshMs ?? 300_000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
