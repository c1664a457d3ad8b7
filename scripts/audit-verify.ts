/**
 * `npm run audit:verify`: walks the hash chain across every segment of the audit trail
 * (the file NETOPS_AUDIT_FILE names, and its sealed segments beside it) and reports the
 * first broken, missing or reordered record. Exit 0: intact; 1: broken; 2: cannot run.
 */
import { basename } from 'node:path';
import { loadConfig } from '../src/config.js';
import { snapshotTrail, verifyTrail } from '../src/audit/trail.js';

async function main(): Promise<number> {
  const { auditFile } = loadConfig();
  const report = await verifyTrail(await snapshotTrail(auditFile));
  // issue 16: breaks that a person acknowledged (npm run audit:acknowledge) are reported, not failed on.
  for (const a of report.acknowledged ?? [])
    console.log(`acknowledged break at record ${a.seq} in ${a.where}: ${a.problem} (record ${a.ackSeq}: "${a.reason}")`);
  if (report.ok) {
    console.log(`audit trail intact: ${report.records} records in ${report.files} file(s) (${basename(auditFile)} and its segments)`);
    return 0;
  }
  const p = report.problem!;
  console.log(`audit trail BROKEN at record ${p.seq}${p.where ? ` in ${p.where}` : ''}: ${p.problem}`);
  console.log(`${report.records} records verified before it.`);
  return 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(`audit:verify: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 2;
  },
);
