/**
 * At most `concurrency` tasks at once, started in plan order among those ready to start.
 * A change's devices reach their slot once their hold is granted, and holds of different
 * key counts take different numbers of turns to resolve: a plain FIFO limiter would start
 * them in that order instead of the plan's. A free slot is given out on the next turn of the
 * event loop (not at once), so every hold granted meanwhile competes by its plan index.
 */
export class OrderedSlots {
  private busy = 0;
  private readonly waiting: { index: number; start: () => void }[] = [];
  private pumping = false;

  constructor(private readonly concurrency: number) {}

  async run<T>(index: number, fn: () => Promise<T>): Promise<T> {
    await new Promise<void>((start) => {
      this.waiting.push({ index, start });
      this.schedule();
    });
    try {
      return await fn();
    } finally {
      this.busy--;
      this.schedule();
    }
  }

  private schedule(): void {
    if (this.pumping) return;
    this.pumping = true;
    setImmediate(() => {
      this.pumping = false;
      this.waiting.sort((a, b) => a.index - b.index);
      while (this.busy < this.concurrency && this.waiting.length) {
        this.busy++;
        this.waiting.shift()!.start();
      }
    });
  }
}
