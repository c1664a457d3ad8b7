import type { AuditSink, StateStore } from './ports.js';

/**
 * After a crash or restart: every job the previous process noted as running but never
 * finished gets a `job.interrupted` record, so the trail says what happened to it.
 * Devices whose results were recorded keep them; the rest never reported.
 */
export async function recordInterruptedJobs(state: StateStore, audit: AuditSink, now: number): Promise<string[]> {
  const left = await state.runningJobs();
  for (const job of left) {
    await audit.append({
      actor: job.actor,
      action: 'job.interrupted',
      jobId: job.id,
      targets: job.targets,
      outcome: 'interrupted',
      detail: {
        command: job.command,
        startedAt: new Date(job.startedAt).toISOString(),
        noticedAt: new Date(now).toISOString(),
        // A change was being applied to these when the process stopped: check them by hand.
        ...(job.changing?.length ? { stateUnknown: job.changing } : {}),
      },
    });
    await state.jobEnded(job.id);
  }
  return left.map((j) => j.id);
}
