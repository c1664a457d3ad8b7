import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Writable } from 'node:stream';
import { UserError } from '../core/errors.js';
import type { Clock, JobObserver } from '../core/ports.js';
import type { NetopsService } from '../core/service.js';
import type { Actor, JobSummary } from '../core/types.js';
import { toJobView } from '../render/job-view.js';
import { fullOutput } from '../core/job-stream.js';
import { drawChangeRequest, drawError, drawReply, drawSummary } from '../render/terminal.js';
import { toChangeView } from '../render/change-view.js';
import type { Column } from '../render/views.js';
import { drawResults, splitOutputFlags, type OutputOptions } from './output-format.js';
import { JobBoard } from './job-board.js';
import { LiveScreen } from './live-screen.js';
import type { WorkTracker } from '../ops/work-tracker.js';
import { breakGlassNotice } from '../render/break-glass-notice.js';
import { approvalStatus } from '../core/policy/approval-status.js';

/** Exit status of one command line: 0 all ok, 1 a device failed, 2 the input was wrong. */
export type LineStatus = 0 | 1 | 2;

export interface ConsoleOptions {
  out: Writable & { isTTY?: boolean; columns?: number };
  clock: Clock;
  /** Least time between two redraws of the progress line. */
  progressEveryMs?: number;
  /** Where replies' attachments (full audit records...) are written. */
  attachmentsDir: string;
  /** Called with each progress line drawn. */
  onProgress?: (text: string) => void;
  /** Where mistakes go when the output is JSON or CSV, so a pipe gets data only (default: `out`). */
  err?: Writable;
  /** The process's running jobs, for the graceful stop. */
  work?: WorkTracker;
}

/** A line taken: what it printed at once, and its end (a job's summary) still to come. */
export interface Started {
  finished: Promise<LineStatus>;
}

interface Followed {
  job: JobSummary;
  columns: Column[];
  attachOutput: boolean;
  cancel: () => void;
}

/**
 * The local terminal adapter: runs command lines through the service and draws the
 * results. Several jobs may run at once; their progress shares one status line. It
 * translates; it decides nothing.
 */
export class ConsoleAdapter {
  readonly screen: LiveScreen;

  private readonly board: JobBoard;

  private approved: Promise<LineStatus> | undefined;

  private readonly all = new Set<Promise<LineStatus>>();

  constructor(
    private readonly service: NetopsService,
    private readonly o: ConsoleOptions,
  ) {
    this.screen = new LiveScreen(o.out, o.out.isTTY === true);
    this.board = new JobBoard(this.screen, {
      clock: o.clock,
      everyMs: o.progressEveryMs,
      width: () => o.out.columns,
      onRedraw: o.onProgress,
    });
    service.onChangeApproved((handle, _change, approver, glass) => {
      // issue 16: a run that passes a freeze or closed window only by break-glass is announced, as the approval decided.
      if (glass) this.screen.print(drawReply(breakGlassNotice(glass, approver)));
      const done = (observer: JobObserver) => this.tracked(handle, handle.start({ observer }));
      this.approved = this.track(this.follow(handle, done, { format: 'table' }, `approved by ${approver.name}`));
    });
  }

  /** Cancels the newest running job as `actor` (Ctrl-C); its id, or undefined when none runs. */
  cancelNewest(actor: Actor): string | undefined {
    const newest = this.board.newest();
    if (!newest) return undefined;
    try {
      this.service.cancel(newest.job.id, actor);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      this.screen.print(drawError({ message: err.message, hint: err.hint }));
    }
    return newest.job.id;
  }

  /** Stops every job still running (leaving the console): each still prints its summary. */
  cancelAll(): void {
    for (const j of this.board.jobs()) j.cancel();
  }

  /** Ids of the jobs running now, oldest first. */
  runningJobs(): string[] {
    return this.board.jobs().map((j) => j.job.id);
  }

  /** Resolves once every job this console follows has printed its summary. */
  async idle(): Promise<void> {
    while (this.all.size) await Promise.allSettled([...this.all]);
  }

  private track(p: Promise<LineStatus>): Promise<LineStatus> {
    this.all.add(p);
    void p.finally(() => this.all.delete(p)).catch(() => undefined);
    return p;
  }

  private async saveAttachment(a: { name: string; content: string }): Promise<string> {
    await mkdir(this.o.attachmentsDir, { recursive: true });
    const path = join(this.o.attachmentsDir, basename(a.name));
    await writeFile(path, a.content, { mode: 0o600 });
    return path;
  }

  private tracked(h: Pick<Followed, 'job' | 'cancel'>, done: Promise<JobSummary>): Promise<JobSummary> {
    this.o.work?.add({ job: h.job, cancel: h.cancel, done });
    return done;
  }

  /** Follows a job from its start to its summary; resolves with its exit status. */
  private async follow(
    handle: Followed,
    done: (observer: JobObserver) => Promise<JobSummary>,
    output: OutputOptions,
    note?: string,
  ): Promise<LineStatus> {
    const table = (output.format ?? 'table') === 'table';
    // JSON and CSV go to a pipe: no progress in them.
    if (table) this.board.add(handle);
    let job: JobSummary;
    try {
      job = await done((e) => {
        if (table && e.type === 'device-done') this.board.changed();
      });
    } finally {
      if (table) this.board.remove(handle.job.id);
    }
    const view = toJobView(job, handle.columns, this.o.clock.now(), false, note);
    if (table) {
      const width = output.columns ?? this.o.out.columns;
      this.screen.print(drawSummary(view, { width, wide: output.wide, colour: this.screen.tty }));
      if (handle.attachOutput) {
        const path = await this.saveAttachment({ name: `${job.id}-results.txt`, content: fullOutput(job) });
        this.screen.print(`full output: ${path}`);
      }
    } else {
      this.o.out.write(drawResults(job, handle.columns, output));
    }
    return job.results.every((r) => r.status === 'ok') ? 0 : 1;
  }

  /** The one-shot form from the process arguments: the /net line plus `--format=`, `--wide`. */
  async runArgs(argv: readonly string[], actor: Actor): Promise<LineStatus> {
    try {
      const { line, ...output } = splitOutputFlags(argv);
      return await this.run(line, actor, output);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      this.mistake(
        err,
        argv.some((a) => /^--format=(?:json|csv)$/.test(a)),
      );
      return 2;
    }
  }

  private mistake(err: UserError, machine: boolean): void {
    const text = drawError({ message: err.message, hint: err.hint });
    if (machine && this.o.err) this.o.err.write(`${text}\n`);
    else this.screen.print(text);
  }

  /** Runs one line to its end (the one-shot form); resolves with its exit status. */
  async run(line: string, actor: Actor, output: OutputOptions = {}): Promise<LineStatus> {
    return (await this.start(line, actor, output)).finished;
  }

  /**
   * Takes one line: replies and change requests are printed before this resolves; a job is
   * started and followed in the background (`finished`), so the REPL stays live.
   */
  async start(line: string, actor: Actor, output: OutputOptions = {}): Promise<Started> {
    try {
      let observer: JobObserver = () => undefined;
      const sub = await this.service.submit(line, actor, (e) => observer(e));
      if (sub.kind === 'job') {
        const done = (o: JobObserver) => {
          observer = o;
          return this.tracked(sub, sub.done);
        };
        const finished = this.track(this.follow(sub, done, output));
        return { finished };
      }
      if (sub.kind === 'change') {
        const approvals = approvalStatus(this.service.policy, sub.change);
        this.screen.print(drawChangeRequest(toChangeView(sub.change, this.service.inventory, undefined, undefined, approvals)));
        return { finished: Promise.resolve(0) };
      }
      this.screen.print(drawReply(sub.view, { width: output.columns ?? this.o.out.columns, wide: output.wide }));
      if (sub.view.attachment) this.screen.print(`full result: ${await this.saveAttachment(sub.view.attachment)}`);
      // An approval typed here starts the change: it is followed to its end like any job.
      const approved = this.approved;
      this.approved = undefined;
      return { finished: approved ?? Promise.resolve(sub.view.problem ? 1 : 0) };
    } catch (err) {
      if (err instanceof UserError) {
        this.mistake(err, output.format === 'json' || output.format === 'csv');
        return { finished: Promise.resolve(2) };
      }
      throw err;
    }
  }
}
