/**
 * Structured logs: pino JSON lines (level, time, msg, and job/device where there is one),
 * every line passed through the redactor before it is written, whatever the caller logged;
 * on a terminal a short human form instead (`12:00:01.234 INFO msg key=value`).
 */
import { pino, type Logger } from 'pino';
import { ConfigError } from '../core/errors.js';
import { redactDeep, type Redactor } from '../core/redact.js';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];
export type LogFormat = 'json' | 'pretty';

export interface LogSettings {
  format: LogFormat;
  level: LogLevelName;
}

/**
 * NETOPS_LOG_FORMAT (`auto`, `json`, `pretty`; auto: pretty on a terminal) and NETOPS_LOG_LEVEL
 * (default `info`), refused by name when they are something else. config.ts calls this.
 */
export function parseLogSettings(v: { format?: string; level?: string; isTty: boolean }): LogSettings {
  const format = (v.format ?? 'auto').toLowerCase();
  if (format !== 'auto' && format !== 'json' && format !== 'pretty') {
    throw new ConfigError('NETOPS_LOG_FORMAT', `"${v.format}" is not one of auto, json, pretty`);
  }
  const level = (v.level ?? 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new ConfigError('NETOPS_LOG_LEVEL', `"${v.level}" is not one of ${LOG_LEVELS.join(', ')}`);
  }
  return { format: format === 'auto' ? (v.isTty ? 'pretty' : 'json') : format, level: level as LogLevelName };
}

/** Where lines go: process.stderr, or a test's collector. */
export interface LineSink {
  write(line: string): unknown;
}

const LEVEL_NAMES: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const OMITTED = new Set(['level', 'time', 'msg', 'pid', 'hostname']);

/** `HH:MM:SS.mmm LEVEL msg key=value ...`; an error's stack follows on its own lines. */
export function prettyLine(record: Record<string, unknown>): string {
  const time = typeof record.time === 'string' ? record.time.slice(11, 23) : '';
  const level = LEVEL_NAMES[Number(record.level)] ?? String(record.level);
  const fields: string[] = [];
  let stack = '';
  for (const [k, v] of Object.entries(record)) {
    if (OMITTED.has(k)) continue;
    if (k === 'err' && v && typeof v === 'object') {
      const e = v as { message?: string; stack?: string };
      fields.push(`err=${JSON.stringify(e.message ?? '')}`);
      if (e.stack) stack = `\n${e.stack}`;
      continue;
    }
    const text = typeof v === 'string' ? v : JSON.stringify(v);
    fields.push(`${k}=${/[\s"=]/.test(text) ? JSON.stringify(text) : text}`);
  }
  return `${[time, level.padEnd(5), String(record.msg ?? ''), ...fields].filter(Boolean).join(' ')}${stack}\n`;
}

/**
 * A pino destination that redacts each whole record: strings are masked after parsing, so a
 * secret is found even where JSON escaping would have changed how it is spelled.
 */
export function redactingSink(o: { redact: Redactor; format: LogFormat; out: LineSink }): LineSink {
  return {
    write(line: string) {
      let record: Record<string, unknown>;
      try {
        record = JSON.parse(line) as Record<string, unknown>;
      } catch {
        // pino writes one JSON object per line; anything else is still masked before it goes out.
        return o.out.write(o.redact(line));
      }
      const clean = redactDeep(record, o.redact);
      return o.out.write(o.format === 'pretty' ? prettyLine(clean) : `${JSON.stringify(clean)}\n`);
    },
  };
}

export interface LoggerOptions extends LogSettings {
  redact: Redactor;
  out?: LineSink;
  /** Fixed fields of every line: `role` (front, worker), the process's name. */
  base?: Record<string, string>;
}

/** The process's logger. Child loggers (`log.child({ job: 'J-7', device })`) carry job and device. */
export function createLogger(o: LoggerOptions): Logger {
  const out = o.out ?? process.stderr;
  return pino(
    {
      level: o.level,
      base: o.base ?? {},
      timestamp: pino.stdTimeFunctions.isoTime,
      // Stacks only at debug: an operator reads the one-line message; a developer asks for more.
      serializers: { err: o.level === 'debug' || o.level === 'trace' ? pino.stdSerializers.err : briefError },
    },
    redactingSink({ redact: o.redact, format: o.format, out }),
  );
}

function briefError(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const code = (err as { code?: unknown }).code;
  return { type: err.name, message: err.message, ...(code === undefined ? {} : { code }) };
}
