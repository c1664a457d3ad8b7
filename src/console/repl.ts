import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Actor } from '../core/types.js';
import type { ConsoleAdapter } from './console-adapter.js';

/**
 * The interactive console: `/net ...` lines (the `/net` may be left out), `as <user>` to
 * act as someone else (for approvals), Ctrl-C to cancel the running job, `quit` to leave.
 */
export async function runRepl(adapter: ConsoleAdapter, o: { input: Readable; output: Writable; user: string }): Promise<void> {
  const rl = createInterface({
    input: o.input,
    output: o.output,
    prompt: 'net> ',
    terminal: (o.output as { isTTY?: boolean }).isTTY === true,
  });
  let actor: Actor = { id: o.user, name: o.user, via: 'console' };
  o.output.write(`netops console: you are ${actor.name}. Type /net help, "as <user>" to switch user, quit to leave.\n`);
  rl.on('SIGINT', () => {
    if (adapter.cancelCurrent()) o.output.write('\ncancelling...\n');
    else rl.close();
  });
  rl.prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === 'quit' || line === 'exit') break;
    const as = /^as\s+(\S+)$/.exec(line);
    if (as) {
      actor = { id: as[1]!, name: as[1]!, via: 'console' };
      o.output.write(`you are now ${actor.name}\n`);
    } else if (line) {
      await adapter.run(line, actor);
    }
    rl.prompt();
  }
  rl.close();
}
