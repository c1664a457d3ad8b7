/**
 * Bolt's and the Web API's logger, writing through the process's pino logger: their lines
 * become JSON lines like every other, pass the same redactor, and a start-up retry storm is
 * one line per attempt at debug instead of a WARN each on stderr.
 */
import bolt from '@slack/bolt';
import type { Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from 'pino';

const { LogLevel } = bolt;
type Level = (typeof LogLevel)[keyof typeof LogLevel];

const text = (msg: unknown[]) => msg.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
const errorOf = (msg: unknown[]) => msg.find((m): m is Error => m instanceof Error);

export function slackLogger(log: Logger): BoltLogger {
  let level: Level = LogLevel.INFO;
  let child = log.child({ component: 'slack' });
  const at =
    (l: 'debug' | 'info' | 'warn' | 'error') =>
    (...msg: unknown[]) => {
      const err = errorOf(msg);
      if (err) child[l]({ err }, text(msg));
      else child[l](text(msg));
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    // Bolt sets its own level; pino's level (NETOPS_LOG_LEVEL) is the one that decides.
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: (name) => {
      child = log.child({ component: name });
    },
  };
}
