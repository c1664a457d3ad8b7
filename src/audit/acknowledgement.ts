import type { AuditEntry } from '../core/ports.js';
import { BREAK_ACKNOWLEDGED, type ChainBreak } from './hash-chain.js';

/**
 * The `audit.break-acknowledged` record for a break (npm run audit:acknowledge, either trail):
 * it names the broken record, links to the last good record's hash and says why. ChainWalker
 * accepts it as covering that break only, and only when it comes after it.
 */
export function acknowledgement(broken: ChainBreak, reason: string, actor: AuditEntry['actor']): AuditEntry {
  return {
    actor,
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
  };
}

/** Why start-up refuses a broken trail, and how to go on (`trail`: which trail, as the operator knows it). */
export function brokenTrailRefusal(p: { seq: number; where: string; problem: string }, trail = 'the audit trail'): string {
  return (
    `${trail} is broken at record ${p.seq} in ${p.where}: ${p.problem}. Nothing was appended. ` +
    'Find out who changed it (npm run audit:verify shows the whole trail); to start anyway, record that you know: ' +
    'npm run audit:acknowledge -- --reason "what happened"'
  );
}
