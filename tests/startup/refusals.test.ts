import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLog } from '../../src/audit/audit-log.js';
import { createRedactor } from '../../src/core/redact.js';
import { systemClock } from '../../src/core/clock.js';
import type { AuditRecord } from '../../src/core/ports.js';

/**
 * Start-up refusals through the real entry point (`npm start`'s src/main.ts): exit 78, a
 * message naming the file and the line or record, nothing contacted (the inventory's device
 * is a loopback listener that counts connections) and the data directory byte for byte unchanged.
 */

interface Rig {
  root: string;
  data: string;
  env: NodeJS.ProcessEnv;
  server: Server;
  connections: () => number;
}

async function rig(o: { credentials?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Rig> {
  const root = await mkdtemp(join(tmpdir(), 'netops-startup-'));
  const data = join(root, 'data');
  await mkdir(data);
  let connections = 0;
  const server = createServer((s) => {
    connections++;
    s.destroy();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const device = {
    name: 'east-core-1',
    host: '127.0.0.1',
    port,
    platform: 'cisco_ios',
    site: 'east',
    role: 'core',
    credentials: o.credentials ?? 'default',
  };
  await writeFile(join(root, 'inventory.json'), JSON.stringify({ devices: [device] }));
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(NETOPS_|SLACK_)/.test(k)) env[k] = v;
  Object.assign(env, {
    NETOPS_DATA_DIR: data,
    NETOPS_INVENTORY: join(root, 'inventory.json'),
    NETOPS_KNOWN_HOSTS: join(root, 'known_hosts'),
    NETOPS_LAB: 'off',
    NETOPS_USER: 'tester',
    NETOPS_USERNAME: 'netops',
    NETOPS_PASSWORD: 'st4rtup-Passw0rd',
    ...o.env,
  });
  return { root, data, env, server, connections: () => connections };
}

async function close(r: Rig): Promise<void> {
  await new Promise((res) => r.server.close(res));
  await rm(r.root, { recursive: true, force: true });
}

function run(env: NodeJS.ProcessEnv, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', ...args], { env, timeout: 120_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Every file of the data directory and its bytes. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir, { recursive: true })).sort()) {
    out[name] = await readFile(join(dir, name), 'base64').catch(() => '<dir>');
  }
  return out;
}

/** Starts the bot on a device command and asserts the refusal: 78, the message, nothing contacted or written. */
async function assertRefused(r: Rig, message: RegExp): Promise<string> {
  const before = await snapshot(r.data);
  const res = await run(r.env, ['src/main.ts', '/net show-version site=east']);
  assert.equal(res.code, 78, res.stderr);
  assert.match(res.stderr, /netops: configuration error: /);
  assert.match(res.stderr, message);
  assert.doesNotMatch(res.stderr, /\n\s+at /, 'a sentence, not a stack trace');
  assert.equal(r.connections(), 0, 'no device was contacted');
  assert.deepEqual(await snapshot(r.data), before, 'the data directory is unchanged');
  return res.stderr;
}

/** A trail of `n` records naming jobs J-1..J-n, and the state file that goes with it. */
async function trail(r: Rig, n: number): Promise<void> {
  const log = await AuditLog.open(join(r.data, 'audit.json'), { clock: systemClock, redact: createRedactor([]) });
  for (let i = 1; i <= n; i++) {
    await log.append({
      actor: { id: 'alice', name: 'alice', via: 'console' },
      action: 'job.requested',
      jobId: `J-${i}`,
      targets: ['east-core-1'],
    });
  }
  await log.flush();
  await writeFile(join(r.data, 'state.json'), JSON.stringify({ lastJobNumber: n, running: [], changes: [] }));
}

test('start-up refuses a device whose credential profile nobody configured', async () => {
  const r = await rig({ credentials: 'west' });
  try {
    await assertRefused(
      r,
      /credentials: device east-core-1 names credential profile "west", which is not configured: add "west" to NETOPS_CREDENTIALS_FILE/,
    );
  } finally {
    await close(r);
  }
});

test('start-up refuses an incomplete credential profile', async () => {
  const r = await rig({ env: { NETOPS_PASSWORD: undefined } });
  delete r.env['NETOPS_PASSWORD'];
  try {
    await assertRefused(r, /credential profile "default" \(used by device east-core-1\) has no password, private key or agent/);
  } finally {
    await close(r);
  }
});

test('start-up refuses a known_hosts line that is not a host key line, naming the line', async () => {
  const r = await rig();
  try {
    const key = Buffer.concat([
      Buffer.from([0, 0, 0, 11]),
      Buffer.from('ssh-ed25519'),
      Buffer.from([0, 0, 0, 32]),
      Buffer.alloc(32, 7),
    ]).toString('base64');
    await writeFile(
      join(r.root, 'known_hosts'),
      `# lab\n10.0.0.1 ssh-ed25519 ${key}\n@revoked * ssh-ed25519 ${key}\n10.0.0.2 ssh-ed25519 not-base64!\n`,
    );
    await assertRefused(
      r,
      /NETOPS_KNOWN_HOSTS: .*known_hosts line 4: the key is not the base64 of an ssh-ed25519 public key; correct the line or delete it/,
    );
  } finally {
    await close(r);
  }
});

test('start-up refuses a state file whose job numbering is behind the audit trail', async () => {
  const r = await rig();
  try {
    await trail(r, 5);
    await writeFile(join(r.data, 'state.json'), JSON.stringify({ lastJobNumber: 2, running: [], changes: [] }));
    await assertRefused(
      r,
      /NETOPS_STATE_FILE: .*state\.json says the last job was J-2, but the audit trail records J-5: .*set "lastJobNumber" to 5/,
    );
  } finally {
    await close(r);
  }
});

test('a hand-edited audit trail stops start-up; audit:acknowledge records the break, the bot starts, audit:verify reports it', async () => {
  const r = await rig();
  try {
    await trail(r, 5);
    const file = join(r.data, 'audit.json');
    const doc = JSON.parse(await readFile(file, 'utf8')) as { records: AuditRecord[] };
    doc.records[2]!.targets = ['west-core-9'];
    await writeFile(file, JSON.stringify(doc));
    await assertRefused(
      r,
      /NETOPS_AUDIT_FILE: the audit trail is broken at record 3 in audit\.json: record 3 was altered\. Nothing was appended\..*npm run audit:acknowledge -- --reason/,
    );

    const noReason = await run(r.env, ['scripts/audit-acknowledge.ts']);
    assert.equal(noReason.code, 2);
    assert.match(noReason.stderr, /say why/);
    const acked = await run(r.env, ['scripts/audit-acknowledge.ts', '--reason', 'test: record 3 edited by hand']);
    assert.equal(acked.code, 0, acked.stderr);
    assert.match(
      acked.stdout,
      /recorded audit\.break-acknowledged as record 6: the break at record 3 in audit\.json \(record 3 was altered\)/,
    );
    const records = (JSON.parse(await readFile(file, 'utf8')) as { records: AuditRecord[] }).records;
    const ack = records.at(-1)!;
    assert.equal(records.length, 6, 'nothing re-chained or dropped: the five records and the acknowledgement');
    assert.deepEqual(
      { ...ack.detail, actor: ack.actor.id, prevHash: ack.prevHash },
      {
        brokenSeq: 3,
        problem: 'record 3 was altered',
        where: 'audit.json',
        lastGoodSeq: 2,
        lastGoodHash: records[1]!.hash,
        reason: 'test: record 3 edited by hand',
        actor: 'tester',
        prevHash: records[4]!.hash,
      },
    );

    const verify = await run(r.env, ['scripts/audit-verify.ts']);
    assert.equal(verify.code, 0, verify.stdout);
    assert.match(
      verify.stdout,
      /acknowledged break at record 3 in audit\.json: record 3 was altered \(record 6: "test: record 3 edited by hand"\)/,
    );
    assert.match(verify.stdout, /audit trail intact: 6 records/);

    const started = await run(r.env, ['src/main.ts', '/net help']);
    assert.equal(started.code, 0, started.stderr);
    const again = await run(r.env, ['scripts/audit-acknowledge.ts', '--reason', 'again']);
    assert.match(again.stdout, /no unacknowledged break: nothing to acknowledge/);
  } finally {
    await close(r);
  }
});
