import type { AuditFilter, AuditRecord } from '../core/ports.js';

/**
 * Whether a record matches a query. `device` may be a glob (`core*`), as in the selector
 * grammar; `user` matches the actor's id or name (names case-insensitively, as people type them);
 * `action` matches itself or any action under it (`job` matches `job.requested`).
 */
export function matchesFilter(r: AuditRecord, f: AuditFilter): boolean {
  return (
    (!f.user || r.actor.id === f.user || r.actor.name.toLowerCase() === f.user.toLowerCase()) &&
    (!f.device || (r.targets ?? []).some(globMatcher(f.device))) &&
    (!f.jobId || r.jobId === f.jobId) &&
    (!f.action || r.action === f.action || r.action.startsWith(`${f.action}.`)) &&
    (f.since === undefined || Date.parse(r.time) >= f.since)
  );
}

const globs = new Map<string, (name: string) => boolean>();

function globMatcher(pattern: string): (name: string) => boolean {
  let m = globs.get(pattern);
  if (!m) {
    if (!/[*?]/.test(pattern)) {
      m = (name) => name === pattern;
    } else {
      const re = new RegExp(
        `^${pattern
          .split('')
          .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
          .join('')}$`,
        'i',
      );
      m = (name) => re.test(name);
    }
    if (globs.size > 100) globs.clear();
    globs.set(pattern, m);
  }
  return m;
}
