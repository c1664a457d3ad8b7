import { UserError } from '../core/errors.js';
import type { JobSummary } from '../core/types.js';
import { drawCsv, drawJson } from '../render/machine-output.js';
import type { Column } from '../render/views.js';

export const OUTPUT_FORMATS = ['table', 'json', 'csv'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** How a one-shot run prints its result. */
export interface OutputOptions {
  format?: OutputFormat;
  /** Show every cell in full instead of fitting the terminal. */
  wide?: boolean;
  /** The width to fit (default: the terminal's). */
  columns?: number;
}

/** A finished job in a machine format (JSON or CSV). */
export function drawResults(job: JobSummary, columns: Column[], o: OutputOptions): string {
  return o.format === 'csv' ? drawCsv(job, columns) : drawJson(job);
}

/**
 * Takes the console's own flags (`--format=json|csv|table`, `--wide`) out of a one-shot
 * command line's words; what is left is the /net line. These flags choose how the answer is
 * printed, so no command ever sees them.
 */
export function splitOutputFlags(argv: readonly string[]): { line: string } & OutputOptions {
  const rest: string[] = [];
  const o: OutputOptions = {};
  for (const word of argv) {
    const format = /^--format=(.*)$/.exec(word);
    if (format) {
      const value = format[1] as OutputFormat;
      if (!OUTPUT_FORMATS.includes(value)) {
        throw new UserError('bad_argument', `--format: expected one of ${OUTPUT_FORMATS.join(', ')}`, '--format=json');
      }
      o.format = value;
    } else if (word === '--wide') o.wide = true;
    else rest.push(word);
  }
  return { line: rest.join(' ').trim(), ...o };
}
