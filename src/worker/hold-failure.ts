/**
 * Why a worker could not take a device's (and group's) lease, in words that point at the real
 * cause: a device busy with other work the whole wait is not the same problem as a database
 * that cannot be reached or a pool with no free connection, and an operator acts differently.
 */
import { DeviceError } from '../core/errors.js';
import { LeaseError } from '../store/postgres/pg-exclusion.js';

/** Why the hold was not taken (closed: callers branch on it). */
export type HoldFailureCause = 'busy' | 'database_unreachable' | 'pool_exhausted' | 'other';

export function holdFailureCause(err: unknown): HoldFailureCause {
  if ((err as { name?: string })?.name === 'TimeoutError') return 'busy'; // AbortSignal.timeout: held elsewhere all along
  if (!(err instanceof LeaseError) || err.code !== 'unavailable') return 'other';
  // pg-pool's own words when every connection stayed in use for connectionTimeoutMillis.
  return /timeout exceeded when trying to connect/i.test(String((err.cause as Error)?.message)) ? 'pool_exhausted' : 'database_unreachable';
}

/** The device's result when its hold could not be taken; nothing was sent to it. */
export function holdFailure(err: unknown, keys: string[], waitMs: number): DeviceError {
  const what = keys.join(' and ');
  const why = String((err as Error)?.message ?? err);
  switch (holdFailureCause(err)) {
    case 'busy':
      return new DeviceError('timeout', `${what} stayed busy for ${waitMs / 1000} s; nothing was sent`, { cause: err });
    case 'pool_exhausted':
      return new DeviceError(
        'database_unavailable',
        `no free database connection in this worker to lease ${what}; nothing was sent (${why})`,
        { cause: err },
      );
    case 'database_unreachable':
      return new DeviceError('database_unavailable', `could not reach the database to lease ${what}; nothing was sent (${why})`, {
        cause: err,
      });
    default:
      return new DeviceError('database_unavailable', `could not lease ${what}; nothing was sent (${why})`, { cause: err });
  }
}
