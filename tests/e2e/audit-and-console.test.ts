import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { labSpecs, startRig, consoleActor, TEST_CREDENTIALS } from '../support/test-lab.js';
import { AuditLog, type AuditFile } from '../../src/audit/audit-log.js';
import { verifyChain } from '../../src/audit/hash-chain.js';
import { createRedactor } from '../../src/core/redact.js';
import { systemClock } from '../../src/core/clock.js';
import { UserError } from '../../src/core/errors.js';

const run = promisify(execFile);

test('the audit trail survives a restart and the chain continues across it', async () => {
  const rig = await startRig(labSpecs(4));
  try {
    for (let i = 0; i < 2; i++) {
      const sub = await rig.app.service.submit('show-version site=east', consoleActor);
      if (sub.kind === 'job') await sub.done;
    }
    // A second process opening the same file sees every record and appends after them.
    const reopened = await AuditLog.open(rig.config.auditFile, { clock: systemClock, redact: createRedactor([]) });
    const before = reopened.records().length;
    assert.equal(before, 2 * (1 + 2 + 1)); // requested + 2 devices + finished, twice
    await reopened.append({ actor: { id: 'bob', name: 'bob', via: 'console' }, action: 'test.marker' });
    const file = JSON.parse(await readFile(rig.config.auditFile, 'utf8')) as AuditFile;
    assert.equal(file.records.length, before + 1);
    assert.equal(file.records.at(-1)?.seq, before + 1);
    assert.equal(verifyChain(file.records), undefined);
    // Job ids keep counting after a restart: they come from the persisted state file.
    assert.deepEqual([...new Set(file.records.map((r) => r.jobId).filter(Boolean))], ['J-1', 'J-2']);
  } finally {
    await rig.close();
  }
});

test('bad input is a user error and records nothing', async () => {
  const rig = await startRig(labSpecs(2));
  try {
    const cases: [string, RegExp, string?][] = [
      ['show-versoin site=east', /unknown command "show-versoin"/, 'did you mean /net show-version?'],
      ['show-version site=eats', /no site named "eats"/, 'did you mean site=east?'],
      ['show-version site=east colour=red', /has no argument "colour"/],
      ['show-version', /no targets given/],
      ['help site=east', /takes no targets/],
    ];
    for (const [line, message, hint] of cases) {
      await assert.rejects(
        rig.app.service.submit(line, consoleActor),
        (e: unknown) => e instanceof UserError && message.test(e.message) && (hint === undefined || e.hint === hint),
        line,
      );
    }
    await rig.app.audit.flush();
    assert.equal(rig.app.audit.records().length, 0);
  } finally {
    await rig.close();
  }
});

test('console one-shot: summary table, failure list, non-zero exit when a device failed', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'netops-cli-'));
  try {
    const def = JSON.parse(await readFile('data/lab.json', 'utf8')) as Record<string, unknown>;
    def['latencyMs'] = 0;
    // The child logs in with these: its devices refuse any other password.
    def['credentials'] = { ...TEST_CREDENTIALS };
    def['devices'] = { 'east-access-2': { fault: 'refuse-auth' } };
    await writeFile(join(dir, 'lab.json'), JSON.stringify(def));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NETOPS_LAB_DEFINITION: join(dir, 'lab.json'),
      NETOPS_DATA_DIR: dir,
      NETOPS_USER: 'carol',
    };
    delete env['NETOPS_INVENTORY'];
    const failed = await run('npx', ['tsx', 'src/main.ts', '/net show-version site=east'], { env }).then(
      () => assert.fail('expected a non-zero exit'),
      (e: { code: number; stdout: string }) => e,
    );
    assert.equal(failed.code, 1);
    assert.match(failed.stdout, /east-core-1\s+east-core-1\s+WS-C4948E\s+12\.2\(54\)SG1/);
    assert.match(failed.stdout, /Failures \(1\):\n\s+east-access-2\s+failed: authentication rejected/);
    assert.match(failed.stdout, /partially-failed, 5\/6 ok/);

    // A password pasted into a command line by mistake (a selector that still matches): the line is recorded, the password is not.
    const pasted = `/net show-version site=west role=core device!=*${TEST_CREDENTIALS.password}*`;
    const ok = await run('npx', ['tsx', 'src/main.ts', pasted], { env });
    assert.match(ok.stdout, /succeeded, 2\/2 ok/);
    assert.ok(!ok.stdout.includes(TEST_CREDENTIALS.password), 'the console does not show it either');

    const bad = await run('npx', ['tsx', 'src/main.ts', '/net show-version site=nowhere'], { env }).catch(
      (e: { code: number; stdout: string }) => e,
    );
    assert.equal((bad as { code: number }).code, 2);
    assert.match((bad as { stdout: string }).stdout, /error: no site named "nowhere"/);

    const audit = JSON.parse(await readFile(join(dir, 'audit.json'), 'utf8')) as AuditFile;
    assert.equal(audit.records.filter((r) => r.action === 'device.result').length, 8);
    assert.ok(audit.records.every((r) => r.actor.name === 'carol'));
    const requested = audit.records.filter((r) => r.action === 'job.requested').map((r) => r.detail?.['commandLine']);
    assert.deepEqual(requested, ['/net show-version site=east', '/net show-version site=west role=core device!=**********']);
    for (const secret of [TEST_CREDENTIALS.password, TEST_CREDENTIALS.enableSecret]) assert.ok(!JSON.stringify(audit).includes(secret));

    // The same console verifies the chain, and says so with its exit status when it is broken.
    const verified = await run('npx', ['tsx', 'src/main.ts', '/net audit verify'], { env });
    assert.match(verified.stdout, /Audit trail verified/);
    audit.records[3]!.outcome = 'ok-but-edited';
    await writeFile(join(dir, 'audit.json'), JSON.stringify(audit));
    // A broken trail now stops start-up (exit 78) before anything is appended, and says how to proceed.
    const broken = await run('npx', ['tsx', 'src/main.ts', '/net audit verify'], { env }).then(
      () => assert.fail('expected exit 78 on a broken chain'),
      (e: { code: number; stderr: string }) => e,
    );
    assert.equal(broken.code, 78);
    assert.match(broken.stderr, /audit trail is broken at record 4 in audit\.json: record 4 was altered/);
    assert.match(broken.stderr, /npm run audit:acknowledge -- --reason/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
