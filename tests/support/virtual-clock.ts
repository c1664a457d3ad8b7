import { setImmediate as nextMacrotask } from 'node:timers/promises';
import type { Clock } from '../../src/core/ports.js';
import type { StreamTimers } from '../../src/core/job-stream.js';

interface Timer {
  at: number;
  id: number;
  fn: () => void;
}

/**
 * A clock whose time moves only when nothing else can run: `run(work)` lets every pending
 * promise settle, then jumps to the earliest timer and fires it, until `work` ends. Pacing
 * tests read exact times from it, so a busy machine cannot move an edit by a millisecond.
 * Only for code whose every wait goes through it (timers here, no I/O).
 */
export class VirtualClock implements Clock {
  private t = 0;
  private lastId = 0;
  private readonly timers = new Map<number, Timer>();

  readonly streamTimers: StreamTimers = {
    setTimeout: (fn, ms) => this.schedule(fn, ms),
    clearTimeout: (handle) => {
      this.timers.delete(handle as number);
    },
  };

  now(): number {
    return this.t;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.schedule(resolve, ms));
  }

  /** Runs `work` to its end in virtual time; a wait that no timer can end fails instead of hanging. */
  async run<T>(work: Promise<T>): Promise<T> {
    let done = false;
    const settled = work.finally(() => {
      done = true;
    });
    for (;;) {
      // Promise chains settle before a macrotask runs: two rounds leave nothing runnable.
      await nextMacrotask();
      await nextMacrotask();
      if (done) return settled;
      const next = this.earliest();
      if (!next) throw new Error(`virtual clock: stuck at ${this.t} ms, nothing scheduled and the work not done`);
      this.timers.delete(next.id);
      this.t = next.at;
      next.fn();
    }
  }

  private schedule(fn: () => void, ms: number): number {
    const id = ++this.lastId;
    this.timers.set(id, { at: this.t + Math.max(0, ms), id, fn });
    return id;
  }

  /** The timer due first; among timers due together, the one set first (as Node orders them). */
  private earliest(): Timer | undefined {
    let best: Timer | undefined;
    for (const timer of this.timers.values()) if (!best || timer.at < best.at || (timer.at === best.at && timer.id < best.id)) best = timer;
    return best;
  }
}
