import type { Clock } from '../core/ports.js';
import type { JobSummary } from '../core/types.js';
import { toJobView } from '../render/job-view.js';
import { drawProgress, drawProgressShort } from '../render/terminal.js';
import type { Column } from '../render/views.js';
import type { LiveScreen } from './live-screen.js';

export interface BoardJob {
  job: JobSummary;
  columns: Column[];
  cancel: () => void;
}

export interface BoardOptions {
  clock: Clock;
  /** Least time between two redraws (default 100 ms); a redraw asked for sooner is made at the end of it. */
  everyMs?: number;
  /** How often the elapsed time is redrawn while jobs run, in a terminal (default 1000 ms). */
  tickMs?: number;
  /** Terminal width for the status line. */
  width?: () => number | undefined;
  /** Called with each status line drawn (tests count redraws). */
  onRedraw?: (text: string) => void;
}

/**
 * The jobs running in this console and their one status line. A device that answers asks
 * for a redraw; redraws are spaced by `everyMs`, and one asked for too soon is drawn once
 * the spacing allows (never dropped: the line never stalls on an old count).
 */
export class JobBoard {
  private readonly running = new Map<string, BoardJob>();

  private lastDraw = Number.NEGATIVE_INFINITY;

  private pending: NodeJS.Timeout | undefined;

  private ticker: NodeJS.Timeout | undefined;

  constructor(
    private readonly screen: LiveScreen,
    private readonly o: BoardOptions,
  ) {}

  add(j: BoardJob): void {
    this.running.set(j.job.id, j);
    if (this.screen.tty && !this.ticker) {
      this.ticker = setInterval(() => this.draw(), this.o.tickMs ?? 1000);
      this.ticker.unref();
    }
    this.draw();
  }

  /** Removes a finished job; its summary is printed by the caller. */
  remove(id: string): void {
    this.running.delete(id);
    if (this.running.size === 0) {
      if (this.ticker) clearInterval(this.ticker);
      if (this.pending) clearTimeout(this.pending);
      [this.ticker, this.pending] = [undefined, undefined];
    }
    this.screen.status(this.line());
  }

  /** Running jobs, oldest first. */
  jobs(): BoardJob[] {
    return [...this.running.values()];
  }

  newest(): BoardJob | undefined {
    return this.jobs().at(-1);
  }

  /** A device answered: redraw now, or as soon as the spacing allows. */
  changed(): void {
    if (this.pending) return;
    const wait = this.lastDraw + (this.o.everyMs ?? 100) - Date.now();
    if (wait <= 0) this.draw();
    else this.pending = setTimeout(() => this.draw(), wait);
  }

  private line(): string | undefined {
    const jobs = this.jobs();
    if (!jobs.length) return undefined;
    const now = this.o.clock.now();
    const views = jobs.map((j) => toJobView(j.job, j.columns, now));
    const text = views.length === 1 ? drawProgress(views[0]!) : views.map(drawProgressShort).join('  ·  ');
    const width = this.o.width?.();
    return width && text.length >= width ? `${text.slice(0, width - 2)}…` : text;
  }

  private draw(): void {
    this.pending = undefined;
    this.lastDraw = Date.now();
    const text = this.line();
    if (text === undefined) return;
    this.screen.status(text);
    this.o.onRedraw?.(text);
  }
}
