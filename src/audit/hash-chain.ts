import { createHash } from 'node:crypto';
import type { AuditRecord } from '../core/ports.js';

/** The value the first record's prevHash holds. */
export const GENESIS = createHash('sha256').update('netops-audit-genesis-v1').digest('hex');

/** The hash of a record: SHA-256 over its canonical JSON without the hash field. */
export function hashRecord(record: Omit<AuditRecord, 'hash'>): string {
  return createHash('sha256').update(canonicalJson(record)).digest('hex');
}

/** JSON with object keys sorted, so the hash does not depend on key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export type ChainProblem = { seq: number; index: number; problem: string };

/** Walks records in order; returns the first break, or undefined when the chain holds. */
export function verifyChain(records: readonly AuditRecord[], start = { seq: 1, prevHash: GENESIS }): ChainProblem | undefined {
  let expectSeq = start.seq;
  let prev = start.prevHash;
  for (const [index, r] of records.entries()) {
    // The record's own hash first: an edited record is reported as edited, whatever field changed.
    const { hash, ...rest } = r;
    if (hashRecord(rest) !== hash) {
      return {
        seq: r.seq,
        index,
        problem: r.seq === expectSeq ? `record ${r.seq} was altered` : `record ${expectSeq} was altered (it now says seq ${r.seq})`,
      };
    }
    if (r.seq !== expectSeq) return { seq: r.seq, index, problem: sequenceProblem(records, index, expectSeq) };
    if (r.prevHash !== prev) return { seq: r.seq, index, problem: `record ${r.seq} does not follow record ${r.seq - 1}` };
    prev = hash;
    expectSeq++;
  }
  return undefined;
}

function sequenceProblem(records: readonly AuditRecord[], index: number, expectSeq: number): string {
  const seq = records[index]!.seq;
  const gap = seq - expectSeq;
  // A record that turns up later was moved, not lost: say so, it points at a different culprit.
  if (gap > 0 && records.slice(index + 1).some((x) => x.seq === expectSeq))
    return `record ${seq} is out of order (record ${expectSeq} comes after it)`;
  if (gap === 1) return `record ${expectSeq} is missing`;
  if (gap > 1) return `records ${expectSeq} to ${seq - 1} are missing`;
  return `record ${seq} is out of order (expected ${expectSeq})`;
}

/** The action of the record that acknowledges a break (npm run audit:acknowledge). */
export const BREAK_ACKNOWLEDGED = 'audit.break-acknowledged';

export interface ChainBreak {
  seq: number;
  problem: string;
  where: string;
  /** Records walked before it, and which file (1-based) it is in. */
  recordsBefore: number;
  file: number;
  /** The last record before the break that verified (GENESIS when none did). */
  lastGood: { seq: number; hash: string };
}

export interface AcknowledgedBreak extends ChainBreak {
  /** The acknowledging record, and what its author wrote. */
  ackSeq: number;
  reason: string;
}

/**
 * Walks records file after file like verifyChain, but goes on past a break so that a later
 * `audit.break-acknowledged` record naming it (by seq) can acknowledge it. The walk resumes
 * at the broken record: an altered one is stepped over (its successor must still follow its
 * stored hash), a misplaced one is taken as where the chain goes on. Nothing is re-chained:
 * the records stay as they are, and the break stays reported, as acknowledged.
 */
export class ChainWalker {
  private next: { seq: number; prevHash: string };
  readonly breaks: ChainBreak[] = [];
  private readonly acks = new Map<number, { ackSeq: number; reason: string; lastGoodHash?: string }>();
  records = 0;
  files = 0;

  constructor(start = { seq: 1, prevHash: GENESIS }) {
    this.next = start;
  }

  /** The seq the next record must have. */
  get nextSeq(): number {
    return this.next.seq;
  }

  walk(records: readonly AuditRecord[], where: string): void {
    this.files++;
    let pos = 0;
    while (pos < records.length) {
      const problem = verifyChain(records.slice(pos), this.next);
      const end = problem ? pos + problem.index : records.length;
      for (const r of records.slice(pos, end)) this.noteAck(r);
      if (!problem) break;
      const good = end > pos ? records[end - 1]! : undefined;
      const lastGood = good ? { seq: good.seq, hash: good.hash } : { seq: this.next.seq - 1, hash: this.next.prevHash };
      this.breaks.push({
        seq: problem.seq,
        problem: problem.problem,
        where,
        recordsBefore: this.records + end,
        file: this.files,
        lastGood,
      });
      const r = records[end]!;
      const { hash, ...rest } = r;
      const altered = hashRecord(rest) !== hash;
      this.next = altered ? { seq: r.seq + 1, prevHash: r.hash } : { seq: r.seq, prevHash: r.prevHash };
      pos = altered ? end + 1 : end;
    }
    const last = records.at(-1);
    if (last) this.next = { seq: last.seq + 1, prevHash: last.hash };
    this.records += records.length;
  }

  private noteAck(r: AuditRecord): void {
    const broken = r.action === BREAK_ACKNOWLEDGED ? r.detail?.['brokenSeq'] : undefined;
    if (typeof broken !== 'number') return;
    const lastGoodHash = r.detail?.['lastGoodHash'];
    this.acks.set(broken, {
      ackSeq: r.seq,
      reason: String(r.detail?.['reason'] ?? ''),
      ...(typeof lastGoodHash === 'string' ? { lastGoodHash } : {}),
    });
  }

  /** Breaks with an acknowledgement after them, and the first one without. */
  result(): { acknowledged: AcknowledgedBreak[]; unacknowledged?: ChainBreak } {
    const acknowledged: AcknowledgedBreak[] = [];
    for (const b of this.breaks) {
      const ack = this.acks.get(b.seq);
      // It must come after the break, and (when it names one) link to the same last good record: an
      // acknowledgement of an earlier state of the trail does not cover a break made since.
      if (!ack || ack.ackSeq <= b.seq || (ack.lastGoodHash !== undefined && ack.lastGoodHash !== b.lastGood.hash))
        return { acknowledged, unacknowledged: b };
      acknowledged.push({ ...b, ackSeq: ack.ackSeq, reason: ack.reason });
    }
    return { acknowledged };
  }
}
