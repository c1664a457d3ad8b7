import type { ChatSurface, MessageRef } from '../../src/core/ports.js';
import type { ErrorView, JobView, ReplyView } from '../../src/render/views.js';

/** Where a RecordingSurface reads the time and waits out its latency: the machine's, or a VirtualClock. */
export interface SurfaceTime {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const machineTime: SurfaceTime = { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

/** A ChatSurface that records every call with its time, for tests of job streaming. */
export class RecordingSurface implements ChatSurface {
  readonly posts: { at: number; view: JobView }[] = [];
  readonly updates: { at: number; view: JobView }[] = [];
  readonly attachments: { name: string; content: string }[] = [];
  readonly told: { user: string; view: ReplyView | ErrorView }[] = [];
  private inFlight = 0;
  overlapped = false;

  /** `latencyMs`: how long each edit takes to be answered (Slack's round trip). */
  constructor(
    private readonly latencyMs = 0,
    private readonly time: SurfaceTime = machineTime,
  ) {}

  async postJob(view: JobView): Promise<MessageRef> {
    this.posts.push({ at: this.time.now(), view: structuredClone(view) });
    return { channel: 'C1', ts: '1.000001' };
  }

  async updateJob(_ref: MessageRef, view: JobView, full: () => string): Promise<void> {
    if (this.inFlight > 0) this.overlapped = true;
    this.inFlight++;
    this.updates.push({ at: this.time.now(), view: structuredClone(view) });
    await this.time.sleep(this.latencyMs);
    this.inFlight--;
    if (view.finished) this.attachments.push({ name: `${view.id}.txt`, content: full() });
  }

  async reply(): Promise<void> {}

  async tellUser(user: string, view: ReplyView | ErrorView): Promise<void> {
    this.told.push({ user, view });
  }

  async attach(_ref: MessageRef, name: string, content: string): Promise<void> {
    this.attachments.push({ name, content });
  }
}
