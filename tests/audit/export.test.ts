import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { AuditRecord } from '../../src/core/ports.js';
import { csvCell, exportLine } from '../../src/audit/export-format.js';
import { appendMany, entry, manualClock, openLog, tempDir } from './audit-fixture.js';

const exec = promisify(execFile);

/** Runs a script as `npm run` would, with the trail at `auditFile`; returns its exit code and output. */
async function script(name: string, auditFile: string, args: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, NETOPS_AUDIT_FILE: auditFile };
  return exec(process.execPath, ['--import', 'tsx', `scripts/${name}.ts`, ...args], { env }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

/** 30 records an hour apart from 2026-01-01T00:00Z, in segments of 8. */
async function trail() {
  const t = await tempDir();
  const clock = manualClock(Date.parse('2026-01-01T00:00:00Z'));
  const log = await openLog(t.path, clock, { maxRecords: 8 });
  await log.append(entry(0, { actor: { id: 'U1', name: 'O\'Neil, "Ops"', via: 'slack' }, detail: { note: 'line1\nline2' } }));
  clock.advance(3_600_000);
  for (let i = 1; i < 30; i++) {
    await log.append(entry(i));
    clock.advance(3_600_000);
  }
  return t;
}

test('audit:export jsonl across segments, with --since and --until', async () => {
  const t = await trail();
  try {
    const all = await script('audit-export', t.path, ['--format', 'jsonl']);
    assert.equal(all.code, 0, all.stderr);
    const records = all.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as AuditRecord);
    assert.deepEqual(
      records.map((r) => r.seq),
      Array.from({ length: 30 }, (_, i) => i + 1),
    );
    assert.match(all.stderr, /30 record\(s\)/);
    const window = await script('audit-export', t.path, ['--since', '2026-01-01T10:00Z', '--until', '2026-01-02']);
    const seqs = window.stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as AuditRecord).seq);
    assert.deepEqual(
      seqs,
      Array.from({ length: 14 }, (_, i) => 11 + i),
    );
    const later = await script('audit-export', t.path, ['--since', '2026-01-02']);
    assert.equal(later.stdout.trim().split('\n').length, 6);
  } finally {
    await t.cleanup();
  }
});

test('audit:export csv to a file: header, RFC 4180 quoting, hashes kept for the SIEM to check', async () => {
  const t = await trail();
  try {
    const out = join(t.dir, 'export.csv');
    const r = await script('audit-export', t.path, ['--since', '2026-01-01', '--format', 'csv', '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    const text = await readFile(out, 'utf8');
    const lines = text.split('\r\n');
    assert.equal(lines[0], 'seq,time,actor_id,actor_name,via,action,job_id,targets,outcome,detail,prev_hash,hash');
    assert.ok(
      lines[1]!.startsWith(
        '1,2026-01-01T00:00:00.000Z,U1,"O\'Neil, ""Ops""",slack,device.result,J-1,east-core-0,ok,"{""note"":""line1\\nline2""}",',
      ),
    );
    assert.equal(lines.filter((l) => l !== '').length, 31);
    assert.match(lines[30]!, /^30,.*,[0-9a-f]{64},[0-9a-f]{64}$/);
  } finally {
    await t.cleanup();
  }
});

test('audit:export refuses bad options with exit 2 and the usage', async () => {
  const t = await trail();
  try {
    for (const args of [
      ['--format', 'xml'],
      ['--since', 'last tuesday'],
      ['--colour', 'red'],
    ]) {
      const r = await script('audit-export', t.path, args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /usage: npm run audit:export/);
    }
  } finally {
    await t.cleanup();
  }
});

test('audit:verify exits 0 on an intact trail and 1 naming the first broken record', async () => {
  const t = await tempDir();
  try {
    const clock = manualClock();
    const log = await openLog(t.path, clock, { maxRecords: 5 });
    await appendMany(log, clock, 12);
    const ok = await script('audit-verify', t.path);
    assert.equal(ok.code, 0);
    assert.match(ok.stdout, /audit trail intact: 12 records in 3 file\(s\)/);
    const seg = log.sealedSegments()[1]!;
    await writeFile(seg, (await readFile(seg, 'utf8')).replace('"seq":8,', '"seq":80,'));
    const bad = await script('audit-verify', t.path);
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /BROKEN at record 80 in audit-2026-01-15-0000000006\.json: record 8 was altered/);
  } finally {
    await t.cleanup();
  }
});

test('csv cells are quoted only when they must be', () => {
  assert.equal(csvCell('plain'), 'plain');
  assert.equal(csvCell('a,b'), '"a,b"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(
    exportLine(
      JSON.parse('{"seq":1,"time":"t","actor":{"id":"i","name":"n","via":"v"},"action":"a","prevHash":"p","hash":"h"}') as AuditRecord,
      'csv',
    ),
    '1,t,i,n,v,a,,,,,p,h\r\n',
  );
});
