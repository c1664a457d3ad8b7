import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Writable } from 'node:stream';
import { UserError } from '../core/errors.js';
import type { Clock, JobEvent } from '../core/ports.js';
import type { NetopsService } from '../core/service.js';
import type { Actor, JobSummary } from '../core/types.js';
import { toJobView } from '../render/job-view.js';
import { fullOutput } from '../core/job-stream.js';
import { drawError, drawProgress, drawReply, drawSummary } from '../render/terminal.js';

/** Exit status of one command line: 0 all ok, 1 a device failed, 2 the input was wrong. */
export type LineStatus = 0 | 1 | 2;

export interface ConsoleOptions {
  out: Writable & { isTTY?: boolean };
  clock: Clock;
  /** Least time between two redraws of the progress line. */
  progressEveryMs?: number;
  /** Where replies' attachments (full audit records...) are written. */
  attachmentsDir: string;
}

/**
 * The local terminal adapter: runs one command line through the service and draws
 * the result. It translates; it decides nothing.
 */
export class ConsoleAdapter {
  private current: { id: string; cancel: () => void } | undefined;

  constructor(private readonly service: NetopsService, private readonly o: ConsoleOptions) {}

  /** Cancels the job now running, if any (Ctrl-C in the REPL). */
  cancelCurrent(): boolean {
    if (!this.current) return false;
    this.current.cancel();
    return true;
  }

  private async saveAttachment(a: { name: string; content: string }): Promise<string> {
    await mkdir(this.o.attachmentsDir, { recursive: true });
    const path = join(this.o.attachmentsDir, basename(a.name));
    await writeFile(path, a.content, { mode: 0o600 });
    return path;
  }

  async run(line: string, actor: Actor): Promise<LineStatus> {
    const { out, clock } = this.o;
    const tty = out.isTTY === true;
    let lastDraw = 0;
    let columns: Parameters<typeof toJobView>[1] = [];
    const onEvent = (e: JobEvent) => {
      if (e.type === 'finished') return;
      const now = clock.now();
      if (e.type === 'device-done' && now - lastDraw < (this.o.progressEveryMs ?? 100)) return;
      lastDraw = now;
      const text = drawProgress(toJobView(e.job, columns, now));
      out.write(tty ? `\r\x1b[2K${text}` : `${text}\n`);
    };
    try {
      const sub = await this.service.submit(line, actor, onEvent);
      if (sub.kind === 'reply') {
        out.write(`${drawReply(sub.view)}\n`);
        if (sub.view.attachment) out.write(`full result: ${await this.saveAttachment(sub.view.attachment)}\n`);
        return 0;
      }
      columns = sub.command.columns;
      this.current = { id: sub.job.id, cancel: sub.cancel };
      const job: JobSummary = await sub.done;
      this.current = undefined;
      if (tty) out.write('\r\x1b[2K');
      out.write(`${drawSummary(toJobView(job, columns, clock.now()))}\n`);
      if (sub.command.attachOutput) {
        out.write(`full output: ${await this.saveAttachment({ name: `${job.id}-results.txt`, content: fullOutput(job) })}\n`);
      }
      return job.results.every((r) => r.status === 'ok') ? 0 : 1;
    } catch (err) {
      if (err instanceof UserError) {
        out.write(`${drawError({ message: err.message, hint: err.hint })}\n`);
        return 2;
      }
      throw err;
    }
  }
}
