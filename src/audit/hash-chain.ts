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
    if (r.seq !== expectSeq) {
      return { seq: r.seq, index, problem: r.seq > expectSeq ? `record ${expectSeq} is missing` : `record ${r.seq} is out of order` };
    }
    if (r.prevHash !== prev) return { seq: r.seq, index, problem: `record ${r.seq} does not follow record ${r.seq - 1}` };
    const { hash, ...rest } = r;
    if (hashRecord(rest) !== hash) return { seq: r.seq, index, problem: `record ${r.seq} was altered` };
    prev = hash;
    expectSeq++;
  }
  return undefined;
}
