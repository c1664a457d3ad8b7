/**
 * The `--More--` pager of a simulated CLI: long output a page at a time until paging is
 * turned off (`terminal length 0`, `set cli screen-length 0`); space for a page, return
 * for a line, q to stop.
 */
export class Pager {
  /** Lines per page; 0: no paging. */
  length: number;
  private rest: string[] | undefined;

  constructor(
    private readonly o: {
      length: number;
      mark: string;
      erase: string;
      write: (text: string) => void;
      /** Back to the prompt, after the last page (its text) or a q. */
      done: (text: string) => void;
    },
  ) {
    this.length = o.length;
  }

  /** Waiting for a key at the mark. */
  get open(): boolean {
    return this.rest !== undefined;
  }

  /** Shows the output, paged unless `paging` is off for this command. */
  show(lines: string[], paging: boolean): void {
    if (!paging || this.length === 0 || lines.length < this.length) return this.o.done(`${lines.join('\n')}\n`);
    this.rest = lines;
    this.next(this.length - 1);
  }

  key(key: string): void {
    this.o.write(this.o.erase);
    if (key === 'q' || key === 'Q') {
      this.rest = undefined;
      return this.o.done('');
    }
    this.next(key === '\r' || key === '\n' ? 1 : this.length - 1);
  }

  private next(count: number): void {
    const rest = this.rest ?? [];
    const page = rest.splice(0, count);
    if (rest.length === 0) {
      this.rest = undefined;
      return this.o.done(`${page.join('\n')}\n`);
    }
    this.o.write(`${page.join('\r\n')}\r\n${this.o.mark}`);
  }
}
