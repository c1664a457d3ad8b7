import { join } from 'node:path';
import { Writable } from 'node:stream';
import { ConsoleAdapter } from '../../src/console/console-adapter.js';
import { systemClock } from '../../src/core/clock.js';
import type { NetopsService } from '../../src/core/service.js';
import type { Actor } from '../../src/core/types.js';
import { consoleActor } from './test-lab.js';

/** A console adapter on a service whose output is kept: `run` answers the exit status and what that line printed. */
export function captureConsole(service: NetopsService, dir: string) {
  let text = '';
  const out = new Writable({
    write: (c, _e, cb) => {
      text += String(c);
      cb();
    },
  });
  const console = new ConsoleAdapter(service, { out, clock: systemClock, attachmentsDir: join(dir, 'attachments') });
  return async (line: string, actor: Actor = consoleActor): Promise<{ status: number; text: string }> => {
    text = '';
    const status = await console.run(line, actor);
    return { status, text };
  };
}
