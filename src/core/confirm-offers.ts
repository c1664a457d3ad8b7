import { randomBytes } from 'node:crypto';
import { UserError } from './errors.js';
import type { Clock, ConfirmOfferRecord, StateStore } from './ports.js';
import type { Actor } from './types.js';

export type { ConfirmOfferRecord as ConfirmOffer } from './ports.js';

const AGAIN = 'type the command again with --confirm';

/**
 * Confirm buttons' requests (issue 16), kept in the state store and named in the button only
 * by a random token: the button carries no command line anyone could alter, and a click runs
 * exactly what was offered. The store is shared by every front and outlives a restart, so a
 * click may reach any front; its claim is atomic there, so each token runs once, for its own
 * user, until it expires.
 */
export class ConfirmOffers {
  constructor(private readonly o: { state: StateStore; clock: Clock; ttlMs?: number }) {}

  get ttlMs(): number {
    return this.o.ttlMs ?? 5 * 60_000;
  }

  /** Holds the request, durably; resolves with the token for the button's value. */
  async offer(o: Omit<ConfirmOfferRecord, 'expiresAt'>): Promise<string> {
    const token = randomBytes(18).toString('base64url');
    const now = this.o.clock.now();
    await this.o.state.saveConfirmOffer(token, { ...o, expiresAt: now + this.ttlMs }, now);
    return token;
  }

  /**
   * The offer behind a click, taken (so a second click, here or on another front, finds
   * nothing), or a UserError saying why not. A click by someone else leaves the offer for its user.
   */
  async redeem(token: string, clicker: Actor): Promise<ConfirmOfferRecord> {
    const claim = await this.o.state.claimConfirmOffer(token, { user: clicker.id, now: this.o.clock.now() });
    switch (claim.outcome) {
      case 'claimed':
        return claim.offer;
      case 'not-yours':
        throw new UserError('forbidden', 'only the person who typed this command may confirm it', AGAIN);
      case 'expired':
        throw new UserError('not_found', 'this Confirm button has expired', AGAIN);
      case 'missing':
        throw new UserError('not_found', 'this Confirm button is no longer valid: it was already used or it expired', AGAIN);
    }
  }
}
