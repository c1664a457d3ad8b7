/**
 * Reading the answers to several lines typed ahead in one write (the session set-up), in
 * order. A CLI reads typed-ahead lines one at a time, each after the previous command's
 * prompt, and echoes it then: so a command's answer runs from its echo to the prompt that the
 * next command's echo follows, and the last one's to the prompt (or question) at the end.
 * Matching the echoes in order is also what keeps a banner line that looks like a prompt, or
 * one command's output, from ending another command's answer.
 */
import type { ChannelBuffer } from './channel-buffer.js';
import { stripEchoAndPrompt } from './cli-text.js';

export interface TypedLine {
  command: string;
  /** A question that may end this line's answer instead of a prompt (enable's `Password:`); last line only. */
  orAsks?: RegExp;
}

export interface TypedAnswer {
  command: string;
  /** The output between the echo and the prompt. */
  output: string;
  /** The prompt that ended it ('' when the question did). */
  prompt: string;
  /** The question ended it. */
  asked: boolean;
}

/** How far before the next echo a prompt is looked for (prompts are short). */
const PROMPT_SPAN = 256;

/** Types every line in one write and waits for each answer in order; the buffer must hold nothing the device said before. */
export async function typeAhead(
  buffer: ChannelBuffer,
  lines: TypedLine[],
  promptPattern: RegExp,
  o: { timeoutMs: number; signal: AbortSignal },
): Promise<TypedAnswer[]> {
  const deadline = Date.now() + o.timeoutMs;
  buffer.write(lines.map((l) => `${l.command}\n`).join(''));
  const answers: TypedAnswer[] = [];
  let pos = 0;
  for (const [i, line] of lines.entries()) {
    const next = lines[i + 1];
    let found: { echo: number; end: number; asked: boolean } | undefined;
    await buffer.waitFor(
      (text, tail) => {
        found = next
          ? endBeforeEcho(text, pos, line.command, next.command, promptPattern)
          : endAtTail(text, tail, pos, line, promptPattern);
        return found !== undefined;
      },
      { timeoutMs: Math.max(1, deadline - Date.now()), signal: o.signal, what: `the prompt after "${line.command}"` },
    );
    const { echo, end, asked } = found!;
    const segment = buffer.peek().slice(echo, end);
    const prompt = asked ? '' : (promptPattern.exec(segment.slice(-PROMPT_SPAN))?.[0].replace(/^\n/, '') ?? '');
    answers.push({ command: line.command, output: stripEchoAndPrompt(segment, line.command, promptPattern), prompt, asked });
    pos = end;
  }
  buffer.clear();
  return answers;
}

/** A line's answer ends at a prompt that the next line's echo follows at once. */
function endBeforeEcho(text: string, pos: number, command: string, nextCommand: string, prompt: RegExp) {
  const echo = text.indexOf(command, pos);
  if (echo < 0) return undefined;
  const from = echo + command.length;
  for (let k = text.indexOf(nextCommand, from); k >= 0; k = text.indexOf(nextCommand, k + 1)) {
    if (prompt.test(text.slice(Math.max(from, k - PROMPT_SPAN), k))) return { echo, end: k, asked: false };
  }
  return undefined;
}

/** The last line's answer ends at the prompt, or its question, at the buffer's end. */
function endAtTail(text: string, tail: string, pos: number, line: TypedLine, prompt: RegExp) {
  const echo = text.indexOf(line.command, pos);
  if (echo < 0 || text.length <= echo + line.command.length) return undefined;
  if (line.orAsks?.test(tail)) return { echo, end: text.length, asked: true };
  return prompt.test(tail) ? { echo, end: text.length, asked: false } : undefined;
}
