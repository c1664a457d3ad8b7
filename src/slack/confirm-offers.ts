import { randomBytes } from 'node:crypto';
import { UserError } from '../core/errors.js';
import type { Clock } from '../core/ports.js';
import type { Actor } from '../core/types.js';

/** A request the policy held back for --confirm, as offered to the one user who typed it. */
export interface ConfirmOffer {
  user: string;
  userName: string;
  team?: string;
  channel: string;
  /** Exactly what runs on the click: the typed command text plus --confirm. */
  text: string;
  expiresAt: number;
}

/**
 * Confirm buttons' requests, kept here and named in the button only by a random token: the
 * button carries no command line anyone could alter, and a click runs exactly what was
 * offered. Each token is good once, for its own user, until it expires; an offer lives in
 * this process only, so a click that reaches another front (or comes after a restart) is
 * refused with a way forward, never run differently.
 */
export class ConfirmOffers {
  private readonly offers = new Map<string, ConfirmOffer>();

  constructor(private readonly o: { clock: Clock; ttlMs?: number; max?: number }) {}

  get ttlMs(): number {
    return this.o.ttlMs ?? 5 * 60_000;
  }

  /** Holds the request; the token for the button's value. */
  offer(o: Omit<ConfirmOffer, 'expiresAt'>): string {
    this.sweep();
    const token = randomBytes(18).toString('base64url');
    this.offers.set(token, { ...o, expiresAt: this.o.clock.now() + this.ttlMs });
    return token;
  }

  /**
   * The offer behind a click, taken (so a second click finds nothing), or a UserError saying
   * why not. A click by someone else leaves the offer for its user.
   */
  redeem(token: string, clicker: Actor): ConfirmOffer {
    const offer = this.offers.get(token);
    const again = 'type the command again with --confirm';
    if (!offer)
      throw new UserError(
        'not_found',
        'this Confirm button is no longer valid: it was already used, it expired, or the bot restarted since',
        again,
      );
    if (offer.user !== clicker.id) throw new UserError('forbidden', 'only the person who typed this command may confirm it', again);
    this.offers.delete(token);
    if (offer.expiresAt <= this.o.clock.now()) throw new UserError('not_found', 'this Confirm button has expired', again);
    return offer;
  }

  /** Drops expired offers, and the oldest past `max`: nobody's unclicked buttons grow the process. */
  private sweep(): void {
    const now = this.o.clock.now();
    for (const [token, offer] of this.offers) if (offer.expiresAt <= now) this.offers.delete(token);
    const excess = this.offers.size - (this.o.max ?? 1000) + 1;
    for (const token of [...this.offers.keys()].slice(0, Math.max(0, excess))) this.offers.delete(token);
  }
}
