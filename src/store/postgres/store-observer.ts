import { groupKey } from '../../core/exclusion.js';

/**
 * What the PostgreSQL stores tell whoever counts them (the metrics): how long an audit record
 * took to become durable, how long a hold waited for its leases, and leases lost. Optional
 * everywhere; a hook never throws into the store (see `observed`).
 */

/** A hold that includes a redundancy group is a `group` hold (a change); otherwise a `device` hold. */
export type LeaseKind = 'device' | 'group';

export interface StoreObserver {
  /** An audit append became durable (committed) this long after it was asked for. */
  auditAppend(seconds: number): void;
  /** A hold got its leases after waiting this long (from the first attempt). */
  leaseWait(kind: LeaseKind, seconds: number): void;
  /** A held lease could not be renewed: its holder stops before its next device command. */
  leaseLost(kind: LeaseKind): void;
}

/** Calls one hook of an optional observer; a counter's failure must never fail a store operation. */
export function observed<K extends keyof StoreObserver>(
  o: Partial<StoreObserver> | undefined,
  hook: K,
  ...a: Parameters<StoreObserver[K]>
): void {
  try {
    (o?.[hook] as ((...x: unknown[]) => void) | undefined)?.apply(o, a);
  } catch {
    // Metrics are best effort: the trail and the leases are what must not fail.
  }
}

/** The kind of a hold over `keys` (`device:<n>`, `group:<n>`, see core/exclusion.ts). */
export const leaseKindOf = (keys: readonly string[]): LeaseKind => (keys.some((k) => k.startsWith(groupKey(''))) ? 'group' : 'device');
