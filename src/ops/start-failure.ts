/**
 * Why the bot could not start, in one sentence naming the cause and the fix, for the person
 * (or the unit's journal) that started it: no stack trace unless the log level is debug.
 * Each start step is wrapped with what it was doing, so the same ECONNREFUSED reads as
 * "Slack is unreachable" or "the database is unreachable" depending on where it happened.
 */
import { ConfigError } from '../core/errors.js';

/** sysexits' EX_CONFIG: systemd's unit then does not restart in a loop (RestartPreventExitStatus=78). */
export const EX_CONFIG = 78;
/** sysexits' EX_SOFTWARE: a bug, with its stack. */
export const EX_SOFTWARE = 70;

export type StartFailureCode =
  | 'config' // a setting is wrong
  | 'slack_unreachable' // no answer from the Slack Web API (DNS, proxy, firewall)
  | 'slack_token_rejected' // Slack answered, and refused the token
  | 'port_taken' // EADDRINUSE / EACCES on a port we listen on
  | 'database_unreachable'; // PostgreSQL refused, timed out or rejected the login

export class StartFailure extends Error {
  override readonly name = 'StartFailure';
  constructor(
    readonly code: StartFailureCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** What a start step was doing, to name the cause when it fails. */
export type StartStep =
  | { kind: 'slack'; apiUrl?: string; tokenSetting: 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN' }
  | { kind: 'listen'; port: number; setting: string }
  | { kind: 'database'; setting: string };

interface ErrorFacts {
  code?: string;
  errno?: string;
  data?: { error?: string };
  cause?: unknown;
  message?: string;
}

const NETWORK = /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|UND_ERR_\w+|ABORT_ERR)$/;
const TOKEN_ERRORS = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'not_allowed_token_type',
]);

/** The innermost system error code (fetch and axios wrap the socket's error). */
function systemCode(err: unknown): string | undefined {
  for (let e = err as ErrorFacts | undefined, depth = 0; e && depth < 5; e = e.cause as ErrorFacts, depth++) {
    const code = e.code ?? e.errno;
    if (typeof code === 'string' && NETWORK.test(code)) return code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
  }
  return undefined;
}

/** The message of the innermost cause: what the socket or fetch itself said. */
function innermost(err: unknown): string {
  let e = err as ErrorFacts | undefined;
  for (let depth = 0; e?.cause && depth < 5; depth++) e = e.cause as ErrorFacts;
  return e?.message ?? 'no answer';
}

/** The one sentence for a failure of `step`, or undefined when the error is not one we know (a bug). */
export function describeStartFailure(err: unknown, step: StartStep): StartFailure | undefined {
  if (err instanceof StartFailure) return err;
  const e = (err ?? {}) as ErrorFacts;
  const sys = systemCode(err);
  if (step.kind === 'slack') {
    const slackError = e.data?.error;
    if (slackError && TOKEN_ERRORS.has(slackError)) {
      return new StartFailure(
        'slack_token_rejected',
        `Slack rejected ${step.tokenSetting} (${slackError}): copy the token again from the app's settings page (OAuth & Permissions, or Basic Information for the app-level token) and restart.`,
        { cause: err },
      );
    }
    if (sys || e.code === 'slack_webapi_request_error' || /fetch failed|socket hang up/i.test(e.message ?? '')) {
      const where = step.apiUrl ?? 'https://slack.com/api/';
      return new StartFailure(
        'slack_unreachable',
        `Slack's Web API at ${where} is unreachable (${sys ?? innermost(err)}): check DNS, the firewall or HTTPS_PROXY for outbound HTTPS, or SLACK_API_URL, and restart.`,
        { cause: err },
      );
    }
    return undefined;
  }
  if (step.kind === 'listen' && (sys === 'EADDRINUSE' || sys === 'EACCES')) {
    const why = sys === 'EADDRINUSE' ? 'is already in use by another process' : 'needs privileges this user lacks';
    return new StartFailure(
      'port_taken',
      `port ${step.port} ${why}: stop the other process or set ${step.setting} to a free port, and restart.`,
      { cause: err },
    );
  }
  if (step.kind === 'database') {
    const pgCode = typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) ? e.code : undefined;
    if (sys || pgCode?.startsWith('28') || pgCode?.startsWith('3D') || pgCode?.startsWith('08')) {
      return new StartFailure(
        'database_unreachable',
        `the database named by ${step.setting} is unreachable (${sys ?? pgCode}: ${e.message ?? 'no answer'}): check that PostgreSQL runs and accepts this host and login, and restart.`,
        { cause: err },
      );
    }
  }
  return undefined;
}

/** Runs one start step; a failure we can name becomes a StartFailure, anything else stays as it was. */
export async function startStep<T>(step: StartStep, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw describeStartFailure(err, step) ?? err;
  }
}

/**
 * The message and exit code for whatever stopped the start: one line and 78 for configuration
 * and the failures above; the stack and 70 for anything else (a bug). The stack of a known
 * failure is added only at debug level.
 */
export function startFailureReport(err: unknown, o: { debug: boolean; name?: string }): { code: number; text: string } {
  const name = o.name ?? 'netops';
  if (err instanceof ConfigError) return { code: EX_CONFIG, text: `${name}: configuration error: ${err.message}\n` };
  if (err instanceof StartFailure) {
    const cause = err.cause as Error | undefined;
    const stack = o.debug && cause?.stack ? `${cause.stack}\n` : '';
    return { code: EX_CONFIG, text: `${name}: cannot start: ${err.message}\n${stack}` };
  }
  return { code: EX_SOFTWARE, text: `${name}: ${(err as Error)?.stack ?? String(err)}\n` };
}

/** What an entry point's main learns as it starts, for the report of a failure. */
export interface EntryContext {
  /** NETOPS_LOG_LEVEL once the config is read: at debug or trace a known failure shows its stack too. */
  logLevel?: string;
}

/**
 * Runs an entry point (src/main.ts, src/worker-main.ts): exits with what `main` returns, or
 * with the start failure's one sentence and code. `name` leads the sentence, so the journal
 * of a host running fronts and workers says which one could not start.
 */
export function runEntryPoint(
  name: string,
  main: (ctx: EntryContext) => Promise<number>,
  io: { exit(code: number): void; stderr: { write(text: string): unknown } } = { exit: (c) => process.exit(c), stderr: process.stderr },
): Promise<void> {
  const ctx: EntryContext = {};
  return main(ctx).then(
    (code) => io.exit(code),
    (err: unknown) => {
      const r = startFailureReport(err, { debug: ctx.logLevel === 'debug' || ctx.logLevel === 'trace', name });
      io.stderr.write(r.text);
      io.exit(r.code);
    },
  );
}
