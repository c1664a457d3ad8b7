import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Actor } from '../core/types.js';
import type { ConsoleAdapter } from './console-adapter.js';

/** The answer to a line typed once a stop began, as Slack answers "restarting, try again". */
export const STOPPING = 'stopping: not taking new requests';

/** A second Ctrl-C within this long leaves the console. */
const QUIT_WITHIN_MS = 1000;

export const BANNER = (user: string) =>
  `netops console: you are ${user}. Type /net help; "as <user>" to switch user; quit to leave.\n` +
  'Jobs run in the background: /net jobs lists them, /net cancel J-<n> stops one, ' +
  'Ctrl-C cancels the newest running job (Ctrl-C twice within a second quits).\n';

/**
 * The interactive console: `/net ...` lines (the `/net` may be left out), `as <user>` to
 * act as someone else (for approvals), Ctrl-C to cancel the newest running job, `quit`
 * to leave. It stays live while jobs run: their progress shares one status line above
 * the prompt and each summary is printed when its job ends.
 */
export async function runRepl(
  adapter: ConsoleAdapter,
  o: {
    input: Readable;
    output: Writable;
    user: string;
    /** Aborted once the process is stopping (SIGTERM): lines read after it start nothing. */
    stopping?: AbortSignal;
  },
): Promise<void> {
  const tty = (o.output as { isTTY?: boolean }).isTTY === true;
  const rl = createInterface({ input: o.input, output: o.output, prompt: 'net> ', terminal: tty });
  let actor: Actor = { id: o.user, name: o.user, via: 'console' };
  const screen = adapter.screen;
  if (tty) screen.attachPrompt(() => rl.prompt(true));
  o.output.write(BANNER(actor.name));
  let lastInterrupt = Number.NEGATIVE_INFINITY;
  let quitting = false;
  rl.on('SIGINT', () => {
    // Deadline arithmetic, not a recorded time: the wall clock is fine here.
    const now = Date.now();
    if (now - lastInterrupt < QUIT_WITHIN_MS) {
      quitting = true;
      rl.close();
      return;
    }
    lastInterrupt = now;
    rl.write(null, { ctrl: true, name: 'u' }); // drop what was half typed, as a shell does
    const id = adapter.cancelNewest(actor);
    screen.print(id ? `cancelling ${id} (Ctrl-C again within 1 s quits)` : 'no job running (Ctrl-C again within 1 s quits)');
  });
  rl.on('line', () => screen.lineEntered());
  rl.prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === 'quit' || line === 'exit') {
      quitting = true;
      break;
    }
    const as = /^as\s+(\S+)$/.exec(line);
    if (line && o.stopping?.aborted) {
      // The jobs in hand finish within the grace; a new one would only be cut short.
      screen.print(STOPPING);
    } else if (as) {
      actor = { id: as[1]!, name: as[1]!, via: 'console' };
      screen.print(`you are now ${actor.name}`);
    } else if (line) {
      const started = await adapter.start(line, actor);
      // Piped input is a script: each line runs to its end before the next, as typed lines once did.
      if (!tty) await started.finished;
    }
    rl.prompt();
  }
  rl.close();
  screen.attachPrompt(undefined);
  // Quitting stops what still runs (the end of the input lets it finish); either way each
  // job's end is recorded and summarised before exit.
  if (quitting) adapter.cancelAll();
  await adapter.idle();
}
