import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import auditCommand from '../../commands/audit.js';
import { parseCommandLine } from '../../src/core/command-line.js';
import { Policy } from '../../src/core/policy.js';
import type { InfoContext } from '../../src/core/command.js';
import { Registry } from '../../src/core/registry.js';
import { parseInventory } from '../../src/inventory/inventory.js';
import { UserError } from '../../src/core/errors.js';
import { systemClock } from '../../src/core/clock.js';
import type { ReplyView } from '../../src/render/views.js';
import type { AuditLog } from '../../src/audit/audit-log.js';
import { entry, manualClock, openLog, tempDir } from './audit-fixture.js';

/** What /net audit has no business using: the test fails if it reaches for it. */
const unused = (what: string) => () => {
  throw new Error(`/net audit used ${what}`);
};

/** Runs `/net audit ...` against a log the way the service does: args validated by the command's schema. */
async function run(log: AuditLog, line: string): Promise<ReplyView> {
  const request = parseCommandLine(`/net ${line}`);
  const ctx: InfoContext = {
    actor: { id: 'alice', name: 'alice', via: 'console' },
    request,
    audit: log,
    clock: systemClock,
    inventory: parseInventory({ devices: [] }, 'test'),
    registry: new Registry([auditCommand]),
    jobs: unused('jobs'),
    cancel: unused('cancel'),
    pendingChanges: unused('pendingChanges'),
    approve: unused('approve'),
    reject: unused('reject'),
    // A real policy that grants nothing: /net audit must not need one.
    policy: new Policy({ runners: [], approvers: [] }),
  };
  return auditCommand.execute(ctx, auditCommand.args.parse(request.args));
}

const table = (v: ReplyView) =>
  v.blocks.find((b) => b.type === 'table') as Extract<ReplyView['blocks'][number], { type: 'table' }> | undefined;
const seqs = (v: ReplyView) => table(v)?.rows.map((r) => Number(r['seq'])) ?? [];

/** 40 records, 6 minutes apart, the newest a few minutes ago; alice odd, bob even; J-1..J-4; devices east-core-0..4. */
async function fixture() {
  const t = await tempDir();
  const clock = manualClock(Date.now() - 4 * 3_600_000 + 30_000);
  const log = await openLog(t.path, clock, { maxRecords: 15 });
  for (let i = 0; i < 40; i++) {
    await log.append(entry(i, i === 0 ? { action: 'job.requested', targets: Array.from({ length: 50 }, (_, d) => `east-edge-${d}`) } : {}));
    clock.advance(6 * 60_000);
  }
  return { ...t, log };
}

type Case = [string, string, number[] | ((s: number[]) => boolean)];
const FILTERS: Case[] = [
  ['default: the last 20', 'audit', Array.from({ length: 20 }, (_, i) => 21 + i)],
  ['last=5', 'audit last=5', [36, 37, 38, 39, 40]],
  ['user=@alice', 'audit user=@alice last=3', [36, 38, 40]],
  ['user as a Slack mention', 'audit user=<@U_BOB|bob> last=2', [37, 39]],
  ['job=J-2 (across a segment boundary)', 'audit job=J-2', Array.from({ length: 10 }, (_, i) => 11 + i)],
  ['job=cr-3 (a change request id)', 'audit job=cr-3 last=2', [29, 30]],
  ['device=', 'audit device=east-core-3 job=J-2', [14, 19]],
  ['device= comma list', 'audit device=east-core-1,east-core-2 last=4', [32, 33, 37, 38]],
  ['device= glob', 'audit device=east-edge-4* last=50', [1]],
  ['action= prefix', 'audit action=job', [1]],
  ['since=2h', 'audit since=2h last=100', Array.from({ length: 20 }, (_, i) => 21 + i)],
  [
    'since=ISO date',
    `audit since=${new Date(Date.now() - 3_600_000).toISOString().slice(0, 16)}Z last=100`,
    (s) => s.length === 10 && s.at(-1) === 40,
  ],
];

for (const [name, line, expected] of FILTERS) {
  test(`/net audit filter: ${name}`, async () => {
    const f = await fixture();
    try {
      const got = seqs(await run(f.log, line));
      if (typeof expected === 'function') assert.ok(expected(got), `${line}: ${got.join(',')}`);
      else assert.deepEqual(got, expected, line);
    } finally {
      await f.cleanup();
    }
  });
}

test('/net audit: compact rows, abbreviated targets, and the full records attached when more match than fit', async () => {
  const f = await fixture();
  try {
    const first = table(await run(f.log, 'audit action=job.requested'))!.rows[0]!;
    assert.equal(first['targets'], 'east-edge-0, east-edge-1 +48 more');
    assert.match(first['time']!, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    assert.deepEqual(Object.keys(first), ['time', 'seq', 'actor', 'action', 'job', 'targets', 'outcome']);
    const small = await run(f.log, 'audit last=20');
    assert.equal(small.attachment, undefined);
    const big = await run(f.log, 'audit last=35');
    assert.equal(table(big)!.rows.length, 20);
    assert.match(big.title, /35 records, newest 20 shown, all attached/);
    const attached = JSON.parse(big.attachment!.content) as { seq: number; hash: string }[];
    assert.deepEqual(
      attached.map((r) => r.seq),
      Array.from({ length: 35 }, (_, i) => 6 + i),
    );
    assert.ok(attached.every((r) => /^[0-9a-f]{64}$/.test(r.hash)));
    assert.match((await run(f.log, 'audit user=nobody')).title, /No audit records match/);
  } finally {
    await f.cleanup();
  }
});

const ERRORS: [string, string, RegExp, RegExp][] = [
  ['a bad since', 'audit since=yesterday', /since: "yesterday" is not a time/, /2h/],
  ['a selector other than device', 'audit site=east', /filters by device= only/, /device=/],
  ['a negated device', 'audit device!=east-core-1', /filters by device= only/, /device=/],
  ['a stray word', 'audit everything', /unexpected "everything"/, /audit verify/],
];
for (const [name, line, message, hint] of ERRORS) {
  test(`/net audit refuses ${name} with a hint`, async () => {
    const f = await fixture();
    try {
      await assert.rejects(run(f.log, line), (e: unknown) => e instanceof UserError && message.test(e.message) && hint.test(e.hint ?? ''));
    } finally {
      await f.cleanup();
    }
  });
}

test('/net audit verify: intact, then broken after tampering', async () => {
  const f = await fixture();
  try {
    const ok = await run(f.log, 'audit verify');
    assert.equal(ok.title, 'Audit trail verified');
    assert.match(JSON.stringify(ok.blocks), /40 records/);
    await writeFile(f.path, (await readFile(f.path, 'utf8')).replace('"outcome":"ok"', '"outcome":"failed"'));
    const bad = await run(f.log, 'audit verify');
    assert.equal(bad.title, 'Audit trail BROKEN at record 31');
    assert.match(JSON.stringify(bad.blocks), /record 31 was altered \(in audit\.json\)/);
  } finally {
    await f.cleanup();
  }
});
