/**
 * Child process of the SIGKILL test: appends records like a 500-device job does (a request,
 * a burst of device results arriving over a few milliseconds, the job's end), job after
 * job, and prints each acknowledged seq on stdout. The parent kills it at a random moment.
 * Usage: node --import tsx tests/audit/append-child.ts <audit file> <records per segment>
 */
import { AuditLog } from '../../src/audit/audit-log.js';
import { systemClock } from '../../src/core/clock.js';
import { createRedactor } from '../../src/core/redact.js';
import type { AuditEntry } from '../../src/core/ports.js';

const [path, perSegment] = process.argv.slice(2) as [string, string];
const log = await AuditLog.open(path, {
  clock: systemClock,
  redact: createRedactor(['child-Secret']),
  segment: { maxRecords: Number(perSegment) },
});
const actor = { id: 'U_CHILD', name: 'child', via: 'console' };
const DEVICES = 500;

// stdout to a pipe is synchronous on Linux: once write returns, the line survives our death.
const ack = (p: Promise<{ seq: number }>) =>
  p.then((r) => {
    process.stdout.write(`${r.seq}\n`);
  });

process.stdout.write('ready\n');
for (let job = 1; ; job++) {
  const jobId = `J-${process.pid}-${job}`;
  const targets = Array.from({ length: DEVICES }, (_, i) => `dev-${String(i).padStart(3, '0')}`);
  await ack(log.append({ actor, action: 'job.requested', jobId, targets, outcome: 'accepted' }));
  const results: Promise<void>[] = [];
  for (let i = 0; i < DEVICES; i += 50) {
    // Devices answer in waves: 50 in the same tick, then a short pause.
    for (const device of targets.slice(i, i + 50)) {
      const e: AuditEntry = {
        actor,
        action: 'device.result',
        jobId,
        targets: [device],
        outcome: 'ok',
        detail: { durationMs: i, note: 'login child-Secret' },
      };
      results.push(ack(log.append(e)));
    }
    await new Promise((r) => setImmediate(r));
  }
  await Promise.all(results);
  await ack(log.append({ actor, action: 'job.finished', jobId, targets, outcome: 'succeeded' }));
}
