import { abortReason } from './ssh-transport.js';

/**
 * Bounds how many SSH logins start together. A job starts as many logins as its concurrency,
 * and each costs the bot's CPU a burst (key exchange, host key signature); hundreds at once
 * stall the event loop, which delays every other session's next packet and the Slack acks.
 *
 * A login holds a slot until it ends or until its lease runs out, whichever comes first. The
 * lease is what keeps this from queueing behind the network: a device that is far away, slow
 * to compute its key exchange, waiting on its AAA server or not answering at all keeps its
 * slot only for the lease, so it never holds others up for long. Slow logins are not what
 * stalls the loop anyway: it is many fast ones arriving together, which the slots spread out.
 */
export class LoginGate {
  private free: number;
  private readonly waiting: { admit: () => void }[] = [];

  constructor(
    slots: number,
    private readonly leaseMs: number,
  ) {
    this.free = slots;
  }

  /** Waits for a slot, or rejects with the signal's reason. Returns the (idempotent) release. */
  async enter(signal: AbortSignal): Promise<() => void> {
    if (signal.aborted) throw abortReason(signal);
    if (this.free > 0 && this.waiting.length === 0) {
      this.free--;
      return this.lease();
    }
    await new Promise<void>((resolve, reject) => {
      const waiter = {
        admit: () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.waiting.splice(this.waiting.indexOf(waiter), 1);
        reject(abortReason(signal));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
    });
    return this.lease();
  }

  /** A slot just taken: handed back on release or when the lease runs out. */
  private lease(): () => void {
    let held = true;
    const release = () => {
      if (!held) return;
      held = false;
      clearTimeout(timer);
      const next = this.waiting.shift();
      if (next) next.admit();
      else this.free++;
    };
    // Not unref'd: a login waiting for this slot needs the timer to keep the process alive.
    const timer = setTimeout(release, this.leaseMs);
    return release;
  }
}
