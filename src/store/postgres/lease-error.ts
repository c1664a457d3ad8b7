/**
 * Why a lease failed. `stale`: a write carried a fencing token that no longer holds (the lease
 * expired or was taken over); `lost`: a hold could not be renewed, so its holder must stop;
 * `unavailable`: the database could not be reached to take a lease.
 */
export type LeaseErrorCode = 'stale' | 'lost' | 'unavailable';

export class LeaseError extends Error {
  override readonly name: string = 'LeaseError';
  constructor(
    readonly code: LeaseErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A write under an outdated fencing token, refused inside the writer's transaction. */
export class StaleLeaseError extends LeaseError {
  override readonly name = 'StaleLeaseError';
  constructor(
    readonly keys: string[],
    options?: { cause?: unknown },
  ) {
    super('stale', `lease no longer held: ${keys.join(', ')}`, options);
  }
}
