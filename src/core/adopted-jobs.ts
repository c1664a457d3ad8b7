/**
 * Scale-out: jobs this front finished for a front that stopped. Their message was posted by
 * the stopped front; the adapter here redraws it as the summary (Slack: `chat.update` on the
 * message named in the job's `job.requested` record).
 */
import { CHANGE_COLUMNS } from './change-job.js';
import { DRY_RUN_COLUMNS } from './job-operations.js';
import type { MessageRef } from './ports.js';
import type { Registry } from './registry.js';
import type { JobSummary } from './types.js';
import type { WorkObserver } from './work-observer.js';
import type { Column } from '../render/views.js';

export interface AdoptedJobView {
  columns: Column[];
  attachOutput: boolean;
  /** Where the stopped front posted the job, when it was posted somewhere. */
  message?: MessageRef;
}

export type AdoptedJobListener = (job: JobSummary, show: AdoptedJobView) => void;

export class AdoptedJobs {
  private listener: AdoptedJobListener | undefined;
  private readonly unheard: [JobSummary, AdoptedJobView][] = [];

  /** `observer` is told each adopted job's end: counted here, on the front that finished it, and nowhere else. */
  constructor(
    private readonly registry: Registry,
    private readonly observer?: Pick<WorkObserver, 'jobEnded'>,
  ) {}

  onFinished(listener: AdoptedJobListener): void {
    this.listener = listener;
    for (const [job, show] of this.unheard.splice(0)) listener(job, show);
  }

  /** An adopted job has ended: shown the way its command shows its summary. */
  finished(job: JobSummary, message?: MessageRef): void {
    this.observer?.jobEnded({ id: job.id, command: job.command, outcome: job.state, adopted: true });
    const command = this.registry.get(job.command);
    const show: AdoptedJobView =
      command.kind === 'read'
        ? { columns: command.columns, attachOutput: command.attachOutput === true, message }
        : { columns: /--dry-run/.test(job.commandLine) ? DRY_RUN_COLUMNS : CHANGE_COLUMNS, attachOutput: true, message };
    if (this.listener) this.listener(job, show);
    else this.unheard.push([job, show]);
  }
}
