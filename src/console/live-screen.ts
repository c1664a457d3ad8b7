import type { Writable } from 'node:stream';

const CLEAR_LINE = '\r\x1b[2K';
const UP = '\x1b[1A';

/**
 * The console's screen: text that stays (replies, summaries) and one status line that is
 * redrawn in place (the progress of the running jobs). In a terminal the status line sits
 * just above the prompt, and the prompt is redrawn with what the user is typing, so output
 * that arrives while someone types never garbles their line. Piped, every status is a
 * plain line and no prompt is redrawn (a log, not a screen).
 */
export class LiveScreen {
  private statusText: string | undefined;

  /** Whether the status line is on screen right above the prompt (or the cursor line, with no prompt). */
  private statusShown = false;

  private prompt: (() => void) | undefined;

  constructor(
    private readonly out: Writable,
    readonly tty: boolean,
  ) {}

  /** The REPL's prompt, redrawn after each print (with the text being typed); undefined in one-shot runs. */
  attachPrompt(redraw: (() => void) | undefined): void {
    this.prompt = redraw;
  }

  /** The user pressed Enter: the status line drawn above the prompt has become history. */
  lineEntered(): void {
    this.statusShown = false;
  }

  /** Replaces the status line (undefined removes it). */
  status(text: string | undefined): void {
    this.statusText = text;
    if (!this.tty) {
      if (text !== undefined) this.out.write(`${text}\n`);
      return;
    }
    this.redraw('');
  }

  /** Prints text that stays, above the status line and the prompt. */
  print(text: string): void {
    if (!this.tty) {
      this.out.write(`${text}\n`);
      return;
    }
    this.redraw(`${text}\n`);
  }

  private redraw(text: string): void {
    let s = CLEAR_LINE;
    // With a prompt the status is the line above it; without, it is the cursor line cleared above.
    if (this.statusShown && this.prompt) s += `${UP}${CLEAR_LINE}`;
    s += text;
    const status = this.statusText;
    this.statusShown = status !== undefined;
    if (status !== undefined) s += this.prompt ? `${status}\n` : status;
    this.out.write(s);
    this.prompt?.();
  }
}
