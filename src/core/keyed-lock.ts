/**
 * One holder per key at a time (a device, a redundancy group). Waiters queue in order.
 * Held across a whole device operation, and always taken before a p-limit slot, so a slot
 * never sits idle waiting for a lock (p-limit's deadlock warning).
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<void>>();

  /** Waits for the key; an abort while waiting rejects with the signal's reason and gives the place up. */
  async acquire(key: string, signal?: AbortSignal): Promise<() => void> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((r) => {
      release = r;
    });
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    const done = () => {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
    if (!signal) {
      await previous;
      return done;
    }
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        // Our place in the queue passes on as soon as the holder before us lets go.
        void previous.then(done);
        reject(signal.reason);
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      void previous.then(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      });
    });
    return done;
  }
}
