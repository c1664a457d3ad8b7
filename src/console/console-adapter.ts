import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Writable } from 'node:stream';
import { UserError } from '../core/errors.js';
import type { Clock, JobObserver } from '../core/ports.js';
import type { NetopsService } from '../core/service.js';
import type { Actor, JobSummary } from '../core/types.js';
import { toJobView } from '../render/job-view.js';
import { fullOutput } from '../core/job-stream.js';
import { drawChangeRequest, drawError, drawProgress, drawReply, drawSummary } from '../render/terminal.js';
import { toChangeView } from '../render/change-view.js';
import type { Column } from '../render/views.js';

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

  private approved: Promise<LineStatus> | undefined;

  constructor(
    private readonly service: NetopsService,
    private readonly o: ConsoleOptions,
  ) {
    service.onChangeApproved((handle) => {
      this.approved = this.follow(handle, (observer) => handle.start({ observer }));
    });
  }

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

  /** Draws a job from its start to its summary; resolves with its exit status. */
  private async follow(
    handle: { job: JobSummary; columns: Column[]; attachOutput: boolean; cancel: () => void },
    done: (observer: JobObserver) => Promise<JobSummary>,
  ): Promise<LineStatus> {
    const { out, clock } = this.o;
    const tty = out.isTTY === true;
    let lastDraw = 0;
    this.current = { id: handle.job.id, cancel: handle.cancel };
    const job = await done((e) => {
      if (e.type === 'finished') return;
      const now = clock.now();
      if (e.type === 'device-done' && now - lastDraw < (this.o.progressEveryMs ?? 100)) return;
      lastDraw = now;
      const text = drawProgress(toJobView(e.job, handle.columns, now));
      out.write(tty ? `\r\x1b[2K${text}` : `${text}\n`);
    });
    this.current = undefined;
    if (tty) out.write('\r\x1b[2K');
    out.write(`${drawSummary(toJobView(job, handle.columns, clock.now()))}\n`);
    if (handle.attachOutput) {
      out.write(`full output: ${await this.saveAttachment({ name: `${job.id}-results.txt`, content: fullOutput(job) })}\n`);
    }
    return job.results.every((r) => r.status === 'ok') ? 0 : 1;
  }

  async run(line: string, actor: Actor): Promise<LineStatus> {
    const { out } = this.o;
    try {
      let observer: JobObserver = () => undefined;
      const sub = await this.service.submit(line, actor, (e) => observer(e));
      if (sub.kind === 'job') {
        return await this.follow(sub, (o) => {
          observer = o;
          return sub.done;
        });
      }
      if (sub.kind === 'change') {
        out.write(`${drawChangeRequest(toChangeView(sub.change, this.service.inventory))}\n`);
        return 0;
      }
      out.write(`${drawReply(sub.view)}\n`);
      if (sub.view.attachment) out.write(`full result: ${await this.saveAttachment(sub.view.attachment)}\n`);
      // An approval typed here starts the change: follow it to its end like any job.
      const approved = this.approved;
      this.approved = undefined;
      return approved ? await approved : sub.view.problem ? 1 : 0;
    } catch (err) {
      if (err instanceof UserError) {
        out.write(`${drawError({ message: err.message, hint: err.hint })}\n`);
        return 2;
      }
      throw err;
    }
  }
}
