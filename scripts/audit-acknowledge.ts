/**
 * `npm run audit:acknowledge -- --reason "restored audit.json from last night's backup"`:
 * records that a person knows the audit trail is broken, so the bot may start again. It
 * appends one `audit.break-acknowledged` record naming the first unacknowledged broken
 * record, the problem, the last good record's hash and the reason; nothing is re-chained
 * and nothing is deleted. audit:verify then reports the break as acknowledged.
 * Run it with the bot stopped. Exit 0: acknowledged (or nothing to acknowledge); 1: the trail
 * has a further break (run again after looking at it); 2: cannot run.
 */
import { loadConfig } from '../src/config.js';
import { AuditLog } from '../src/audit/audit-log.js';
import { acquireDataLock } from '../src/audit/data-lock.js';
import { BREAK_ACKNOWLEDGED } from '../src/audit/hash-chain.js';
import { firstUnacknowledgedBreak, snapshotTrail } from '../src/audit/trail.js';
import { systemClock } from '../src/core/clock.js';
import { createRedactor } from '../src/core/redact.js';
import { secretsOf } from '../src/devices/credentials.js';
import { visible } from '../src/core/user-text.js';

function reasonFrom(argv: string[]): string {
  const i = argv.indexOf('--reason');
  const inline = argv.find((a) => a.startsWith('--reason='));
  const reason = (inline ? inline.slice('--reason='.length) : i >= 0 ? argv[i + 1] : undefined)?.trim();
  if (!reason) throw new Error('say why: npm run audit:acknowledge -- --reason "what happened to the trail"');
  if (/[\p{Cc}]/u.test(reason)) throw new Error(`the reason holds control characters: ${visible(reason, 80)}`);
  if (reason.length > 500) throw new Error('keep the reason under 500 characters');
  return reason;
}

async function main(): Promise<number> {
  const reason = reasonFrom(process.argv.slice(2));
  const config = loadConfig();
  const broken = await firstUnacknowledgedBreak(await snapshotTrail(config.auditFile));
  if (!broken) {
    console.log('the audit trail has no unacknowledged break: nothing to acknowledge');
    return 0;
  }
  const release = await acquireDataLock(`${config.stateFile}.lock`);
  try {
    const log = await AuditLog.open(config.auditFile, { clock: systemClock, redact: createRedactor(secretsOf(config.credentials)) });
    const user = config.consoleUser;
    const ack = await log.append({
      actor: { id: user, name: user, via: 'console' },
      action: BREAK_ACKNOWLEDGED,
      outcome: 'acknowledged',
      detail: {
        brokenSeq: broken.seq,
        problem: broken.problem,
        where: broken.where,
        lastGoodSeq: broken.lastGood.seq,
        lastGoodHash: broken.lastGood.hash,
        reason,
      },
    });
    await log.flush();
    console.log(
      `recorded ${BREAK_ACKNOWLEDGED} as record ${ack.seq}: the break at record ${broken.seq} in ${broken.where} (${broken.problem})`,
    );
  } finally {
    await release();
  }
  const further = await firstUnacknowledgedBreak(await snapshotTrail(config.auditFile));
  if (!further) return 0;
  console.log(
    `the trail has another break at record ${further.seq} in ${further.where}: ${further.problem}; look at it, then run this again`,
  );
  return 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(`audit:acknowledge: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 2;
  },
);
