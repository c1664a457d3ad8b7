/**
 * Typed errors. Expected failures of a device are values (DeviceResult); these classes
 * carry a closed code so callers can branch on `code`, never on message text.
 */

export type DeviceErrorCode =
  | 'unreachable' // TCP connect failed (refused, no route, DNS)
  | 'auth_failed' // the device refused our credentials
  | 'host_key_rejected' // unknown or changed host key
  | 'timeout' // connect, prompt or command deadline passed
  | 'connection_lost' // the session closed under us
  | 'command_rejected' // the device answered with its own error line
  | 'no_credentials' // no credential profile for the device
  | 'unsupported' // the platform or command is not supported here
  | 'cancelled' // the job was cancelled
  | 'lease_lost' // scale-out: the worker lost its device/group lease and stopped before the next command
  | 'database_unavailable' // scale-out: the worker could not reach the database (or its pool had no free connection) to take the lease; nothing was sent
  | 'state_unknown'; // scale-out: a worker stopped during a change; a person must check the device

export class DeviceError extends Error {
  override readonly name = 'DeviceError';
  constructor(
    readonly code: DeviceErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export type UserErrorCode =
  | 'parse' // the command line does not follow the grammar
  | 'unknown_command'
  | 'bad_argument'
  | 'no_targets' // the selector matched nothing
  | 'forbidden'
  | 'not_found';

/** A mistake in what the user typed: shown only to them, and nothing runs. */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    readonly code: UserErrorCode,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** Configuration that cannot start the bot: names the setting at fault. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(`${setting}: ${message}`);
  }
}
