import { setTimeout as sleep } from 'node:timers/promises';
import { KeyedLock } from '../core/keyed-lock.js';

/**
 * Edits of change request messages: one at a time per message, in the order asked for, at
 * least `minIntervalMs` apart (Slack throttles edits of one message), and only the newest
 * view is drawn: two approvals a moment apart cost one wait, and a slow "1 of 2" edit never
 * lands over "approved".
 */
export class RequestEdits {
  private readonly lock = new KeyedLock();
  private readonly lastSent = new Map<string, number>();
  private readonly newest = new Map<string, () => Promise<void>>();

  constructor(private readonly minIntervalMs: number) {}

  async edit(key: string, send: () => Promise<void>): Promise<void> {
    this.newest.set(key, send);
    const release = await this.lock.acquire(key);
    try {
      if (this.newest.get(key) !== send) return; // a newer view of the same message is queued
      const wait = (this.lastSent.get(key) ?? Number.NEGATIVE_INFINITY) + this.minIntervalMs - performance.now();
      if (wait > 0) await sleep(wait);
      if (this.newest.get(key) !== send) return;
      this.newest.delete(key);
      try {
        await send();
      } finally {
        this.forgetOld();
        this.lastSent.set(key, performance.now());
      }
    } finally {
      release();
    }
  }

  /** Messages last edited more than an interval ago need no spacing any more. */
  private forgetOld(): void {
    const before = performance.now() - this.minIntervalMs;
    for (const [key, at] of this.lastSent) if (at < before) this.lastSent.delete(key);
  }
}
