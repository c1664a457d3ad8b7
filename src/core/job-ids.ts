import { UserError } from './errors.js';
import type { JobSummary } from './types.js';
import { quote } from './user-text.js';

/**
 * Job ids as users type them: `J-42`, or `CR-42` for the same job as a change request.
 * A malformed one (`J-abc`, `42`) is refused with the expected form, and the typed text is
 * quoted safely.
 */
export function parseJobId(words: readonly string[], verb: string, kind: 'job' | 'change request'): string {
  const example = kind === 'job' ? 'J-42' : 'CR-42';
  const id = words[0];
  if (!id) throw new UserError('bad_argument', `which ${kind}?`, `give one id: /net ${verb} ${example} (see /net jobs)`);
  if (words.length > 1)
    throw new UserError('bad_argument', `give one ${kind} id, not ${words.length}`, `for example /net ${verb} ${example}`);
  if (!/^(CR|J)-\d{1,9}$/i.test(id))
    throw new UserError(
      'bad_argument',
      `${quote(id)} is not a ${kind} id`,
      `ids look like ${example}: a letter prefix, a dash and a number (see /net jobs)`,
    );
  return id.toUpperCase();
}

/**
 * Why an id that names no waiting change request cannot be approved or rejected: a read job
 * needs no approval and says so, instead of "no change request"; a change job that has left
 * the desk (approved and running, or a dry run) says what it is now.
 */
export function notAChangeRequest(
  id: string,
  jobs: readonly JobSummary[],
  kindOf: (command: string) => 'info' | 'read' | 'change' | undefined,
  verb: string,
): UserError | undefined {
  const key = id.toUpperCase().replace(/^CR-/, 'J-');
  const job = jobs.find((j) => j.id === key);
  if (!job) return undefined;
  if (kindOf(job.command) === 'read')
    return new UserError(
      'bad_argument',
      `${job.id} is a read job (/net ${job.command}), not a change request: there is nothing to ${verb}`,
      job.state === 'running' ? `to stop it: /net cancel ${job.id}` : 'read jobs run without approval; see /net jobs',
    );
  return new UserError('not_found', `${job.id} is not waiting for approval (it is ${job.state})`, 'see /net jobs');
}
