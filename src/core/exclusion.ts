/**
 * The seed's two rules (one operation per device, one member per redundancy group) as one
 * port. Embedded: in-memory locks in this process; scale-out: lease rows in PostgreSQL
 * (src/store/postgres/pg-exclusion.ts), so the rule holds across every worker.
 */
import { KeyedLock } from './keyed-lock.js';

/** Holds devices and redundancy groups across a device operation. Embedded: in memory; scale-out: lease rows. */
export interface Exclusion {
  /** Holds every key at once (`device:<name>`, `group:<name>`), atomically; waits while any is held elsewhere; rejects with the signal's reason on abort. */
  hold(keys: string[], o: { holder: string; signal: AbortSignal }): Promise<Hold>;
}

export interface Hold {
  /** Fencing token per key: results written under this hold carry them, and a stale one is refused. */
  readonly tokens: Readonly<Record<string, number>>;
  /** Aborts when the hold is lost (renewal failed, expired, database gone): stop before the next device command. */
  readonly lost: AbortSignal;
  release(): Promise<void>;
}

/** The key of a device in an exclusion. */
export const deviceKey = (name: string) => `device:${name}`;
/** The key of a redundancy group in an exclusion. */
export const groupKey = (name: string) => `group:${name}`;

/** Sorted and without repeats: every holder takes keys in the same order, so two never deadlock. */
export const orderedKeys = (keys: readonly string[]) => [...new Set(keys)].sort();

/**
 * One process: a KeyedLock per key. Keys are taken one by one in sorted order (no deadlock);
 * a process cannot lose a hold it has, so `lost` never aborts.
 */
export class MemoryExclusion implements Exclusion {
  private readonly lock = new KeyedLock();
  private lastToken = 0;

  async hold(keys: string[], o: { holder: string; signal: AbortSignal }): Promise<Hold> {
    const releases: (() => void)[] = [];
    try {
      for (const key of orderedKeys(keys)) releases.push(await this.lock.acquire(key, o.signal));
    } catch (err) {
      // Aborted while waiting: give back the keys already taken, newest first.
      for (const r of releases.reverse()) r();
      throw err;
    }
    const tokens: Record<string, number> = {};
    for (const key of orderedKeys(keys)) tokens[key] = ++this.lastToken;
    let released = false;
    return {
      tokens,
      lost: new AbortController().signal,
      release: async () => {
        if (released) return;
        released = true;
        for (const r of releases.reverse()) r();
      },
    };
  }
}
