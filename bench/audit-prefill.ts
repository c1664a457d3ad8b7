/**
 * A trail that has been running a while, written directly as valid, chained segment files
 * (1M records in seconds, not hours): for the benchmarks, which should not measure a bot
 * whose audit file is empty.
 * As a script: npx tsx bench/audit-prefill.ts <audit file> <records> (segments of the default size).
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SEGMENT_POLICY } from '../src/audit/audit-log.js';
import { GENESIS, hashRecord } from '../src/audit/hash-chain.js';
import { segmentPath, serialiseSegment } from '../src/audit/segments.js';
import type { AuditEntry, AuditRecord } from '../src/core/ports.js';

/** When the pre-filled trail's first record was written; one record a second after that. */
export const TRAIL_START = Date.parse('2026-01-01T00:00:00Z');

export function sampleEntry(i: number): AuditEntry {
  return {
    actor: { id: 'U024BE7LH', name: 'alice', via: 'slack', team: 'T0001', channel: 'C0NETOPS' },
    action: 'device.result',
    jobId: `J-${1 + Math.floor(i / 500)}`,
    targets: [`site${i % 7}-edge-${String(i % 500).padStart(3, '0')}`],
    outcome: 'ok',
    detail: {
      durationMs: 800 + (i % 400),
      outputSha256: 'ab'.repeat(32),
      outputBytes: 2048,
      parsed: { version: '17.3.4', model: 'C9300-48P' },
    },
  };
}

/** Writes `total` chained records: full sealed segments, the rest in the active file. */
export async function prefill(path: string, total: number, perSegment: number): Promise<void> {
  let prev = GENESIS;
  let seq = 0;
  while (seq < total) {
    const n = Math.min(perSegment > 0 ? perSegment : total, total - seq);
    const records: AuditRecord[] = [];
    for (let k = 0; k < n; k++) {
      seq++;
      const body = { ...sampleEntry(seq), seq, time: new Date(TRAIL_START + seq * 1000).toISOString(), prevHash: prev };
      const r = { ...body, hash: hashRecord(body) };
      records.push(r);
      prev = r.hash;
    }
    // A partial last segment stays the active file, as it would in a running bot.
    const sealed = perSegment > 0 && n === perSegment && seq < total;
    await writeFile(sealed ? segmentPath(path, records[0]!) : path, serialiseSegment(records));
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await prefill(process.argv[2]!, Number(process.argv[3]), DEFAULT_SEGMENT_POLICY.maxRecords);
}
