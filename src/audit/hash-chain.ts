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
