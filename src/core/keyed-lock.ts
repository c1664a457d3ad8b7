/**
 * One holder per key at a time (a device, a redundancy group). Waiters queue in order.
 * Held across a whole device operation, and always taken before a p-limit slot, so a slot
 * never sits idle waiting for a lock (p-limit's deadlock warning).
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<void>>();

  async acquire(key: string): Promise<() => void> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((r) => { release = r; });
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    await previous;
    return () => {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
  }

  /** Takes every key (sorted, so two callers never wait on each other crosswise). */
  async acquireAll(keys: string[]): Promise<() => void> {
    const releases: (() => void)[] = [];
    for (const k of [...new Set(keys)].sort()) releases.push(await this.acquire(k));
    return () => { for (const r of releases.reverse()) r(); };
  }
}
