import { escapeControls } from './user-text.js';

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
  | 'state_unknown' // scale-out: a worker stopped during a change; a person must check the device
  | 'no_backup'; // diff-config: no kept version of the device's configuration to compare with

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

/**
 * A mistake in what the user typed: shown only to them, and nothing runs. Messages quote
 * what was typed, so they are made safe here, whoever built them: control characters and
 * escape sequences shown as visible escapes, and a long quoted value cut.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  readonly hint?: string;
  constructor(
    readonly code: UserErrorCode,
    message: string,
    hint?: string,
  ) {
    super(safeForUser(message));
    if (hint !== undefined) this.hint = safeForUser(hint);
  }
}

/** Escapes control and invisible characters; cuts a quoted value past 60 characters. */
function safeForUser(text: string): string {
  // A quoted value opens after a space (or the start, `(`, `=`) and closes before one: never the text between two values.
  return escapeControls(text).replace(
    /(?<=^|[\s(=])"([^"]{61,})"(?=$|[\s),.:;!?])/g,
    (_, inner: string) => `"${[...inner].slice(0, 57).join('')}…"`,
  );
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
