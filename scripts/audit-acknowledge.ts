/**
 * `npm run audit:acknowledge -- --reason "restored audit.json from last night's backup"`:
 * records that a person knows the audit trail is broken, so the bot may start again. It
 * appends one `audit.break-acknowledged` record naming the first unacknowledged broken
 * record, the problem, the last good record's hash and the reason; nothing is re-chained
 * and nothing is deleted. audit:verify then reports the break as acknowledged.
 * Run it with the bot stopped. With NETOPS_DATABASE_URL it acknowledges the trail in PostgreSQL
 * (which fronts and workers check at start). Exit 0: acknowledged (or nothing to acknowledge);
 * 1: the trail has a further break (run again after looking at it), or this one cannot be
 * acknowledged (the message says why); 2: cannot run.
 */
import { type Config, loadConfig } from '../src/config.js';
import { AuditLog } from '../src/audit/audit-log.js';
import { acknowledgement } from '../src/audit/acknowledgement.js';
import { acquireDataLock } from '../src/audit/data-lock.js';
import { BREAK_ACKNOWLEDGED, type ChainBreak } from '../src/audit/hash-chain.js';
import type { AuditEntry } from '../src/core/ports.js';
import { describeDatabaseError, openPool } from '../src/store/postgres/pool.js';
import { PgAuditLog } from '../src/store/postgres/pg-audit-log.js';
import { acknowledgePgBreak } from '../src/store/postgres/pg-audit-acknowledge.js';
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

/** Exit 0 when the break is acknowledged and no other is left; 1 when another is (or this one cannot be). */
function report(broken: ChainBreak, ackSeq: number, further: ChainBreak | undefined): number {
  console.log(
    `recorded ${BREAK_ACKNOWLEDGED} as record ${ackSeq}: the break at record ${broken.seq} in ${broken.where} (${broken.problem})`,
  );
  if (!further) return 0;
  console.log(
    `the trail has another break at record ${further.seq} in ${further.where}: ${further.problem}; look at it, then run this again`,
  );
  return 1;
}

async function acknowledgeFile(config: Config, reason: string, actor: AuditEntry['actor']): Promise<number> {
  const broken = await firstUnacknowledgedBreak(await snapshotTrail(config.auditFile));
  if (!broken) {
    console.log(NOTHING);
    return 0;
  }
  const release = await acquireDataLock(`${config.stateFile}.lock`);
  let ackSeq: number;
  try {
    const log = await AuditLog.open(config.auditFile, { clock: systemClock, redact: createRedactor(secretsOf(config.credentials)) });
    ackSeq = (await log.append(acknowledgement(broken, reason, actor))).seq;
    await log.flush();
  } finally {
    await release();
  }
  return report(broken, ackSeq, await firstUnacknowledgedBreak(await snapshotTrail(config.auditFile)));
}

/** The trail in PostgreSQL (NETOPS_DATABASE_URL): fronts and workers refuse to start until this is done, so none appends meanwhile. */
async function acknowledgePostgres(config: Config, reason: string, actor: AuditEntry['actor']): Promise<number> {
  const schema = config.databaseSchema;
  const pool = openPool(config.databaseUrl!, { schema, max: 2, statementTimeoutMs: 300_000, applicationName: 'netops-acknowledge' });
  try {
    const log = new PgAuditLog(pool, { clock: systemClock, redact: createRedactor(secretsOf(config.credentials)) });
    const done = await acknowledgePgBreak(pool, (c, e) => log.appendIn(c, e), { reason, actor });
    if (done.outcome === 'nothing') console.log(NOTHING);
    if (done.outcome !== 'acknowledged') {
      if (done.outcome === 'cannot')
        console.log(
          `nothing recorded: the break at record ${done.broken.seq} (${done.broken.problem}) cannot be acknowledged: ${done.why}`,
        );
      return done.outcome === 'nothing' ? 0 : 1;
    }
    return report(done.broken, done.record.seq, done.further);
  } catch (err) {
    throw new Error(describeDatabaseError(err, schema));
  } finally {
    await pool.end();
  }
}

const NOTHING = 'the audit trail has no unacknowledged break: nothing to acknowledge';

async function main(): Promise<number> {
  const reason = reasonFrom(process.argv.slice(2));
  const config = loadConfig();
  const user = config.consoleUser;
  const actor = { id: user, name: user, via: 'console' };
  return config.databaseUrl ? acknowledgePostgres(config, reason, actor) : acknowledgeFile(config, reason, actor);
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
