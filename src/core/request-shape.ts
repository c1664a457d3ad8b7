import type { CommandModule } from './command.js';
import type { ParsedCommandLine } from './command-line.js';
import { UserError } from './errors.js';
import { isPolicyFlag } from './policy.js';
import { suggest } from './suggest.js';

/**
 * The shape checks of a request, before its arguments and targets are judged: flags the command
 * (or, for reads and changes, the policy) knows; targets only where the command takes them; no
 * bare words. Each refusal names what was wrong and what to type instead.
 */
export function checkRequestShape(command: CommandModule, request: ParsedCommandLine): void {
  for (const flag of Object.keys(request.flags)) {
    if (!(command.flags ?? []).includes(flag) && !(command.kind !== 'info' && isPolicyFlag(flag))) {
      const near = suggest(flag, command.flags ?? []);
      throw new UserError(
        'bad_argument',
        `/net ${command.name} has no flag --${flag}`,
        near ? `did you mean --${near}?` : `see /net help ${command.name}`,
      );
    }
  }
  if (command.kind === 'info') {
    if (!command.acceptsTargets && request.selector.length) {
      throw new UserError('bad_argument', `/net ${command.name} takes no targets`, `try /net ${command.usage[0] ?? command.name}`);
    }
    return;
  }
  if (request.positional.length) {
    throw new UserError(
      'bad_argument',
      `unexpected "${request.positional[0]}"`,
      `arguments look like key=value; see /net help ${command.name}`,
    );
  }
}
