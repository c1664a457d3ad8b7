import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { createApp, type App } from '../../src/app.js';
import { parseInventory } from '../../src/inventory/inventory.js';
import { enforcePolicy } from '../../src/core/policy/enforce.js';
import type { Actor } from '../../src/core/types.js';
import type { ReplyView } from '../../src/render/views.js';

const IN_FREEZE = Date.parse('2026-12-22T04:00:00Z');

async function withApp(fn: (app: App) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'netops-policy-cmd-'));
  // The example inventory's west devices use a profile of their own: start-up refuses it unconfigured.
  const credentials = join(dir, 'credentials.json');
  await writeFile(credentials, JSON.stringify({ west: { username: 'w', password: 'w3st-p4ss-long' } }));
  const config = loadConfig({
    env: {
      NETOPS_DATA_DIR: dir,
      NETOPS_POLICY: 'data/policy.example.yaml',
      NETOPS_USERNAME: 'u',
      NETOPS_PASSWORD: 'p4ss-w0rd-long',
      NETOPS_CREDENTIALS_FILE: credentials,
    },
  });
  const inventory = parseInventory(JSON.parse(await readFile('data/inventory.example.json', 'utf8')), 'example');
  const app = await createApp(config, { inventory });
  try {
    await fn(app);
  } finally {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const actor = (id: string): Actor => ({ id, name: id, via: 'console' });

async function items(app: App, line: string, who: string): Promise<string[]> {
  const sub = await app.service.submit(line, actor(who));
  assert.equal(sub.kind, 'reply');
  const view = (sub as { view: ReplyView }).view;
  return view.blocks.flatMap((b) => (b.type === 'list' ? b.items : []));
}

test('/net whoami shows your roles and what you may run where', async () => {
  await withApp(async (app) => {
    const dave = await items(app, 'whoami', 'dave');
    assert.deepEqual(dave.slice(0, 2), ['dave holds east-team (U0EAST001, dave)', 'may run show-*, config on site=east (role east-team)']);
    const erin = await items(app, 'whoami', 'erin');
    assert.ok(
      erin.some((l) => /may approve changes for pci \(tag=pci; 2 approver\(s\) needed\)/.test(l)),
      erin.join('\n'),
    );
    assert.match((await items(app, 'whoami', 'mallory'))[0] ?? '', /mallory holds no role/);
  });
});

test('/net policy check explains a sample decision and the rule behind it', async () => {
  await withApp(async (app) => {
    const denied = await items(app, 'policy check as=alice config site=east', 'dave');
    assert.ok(
      denied.includes('denied by grants: no grant lets you run config on east-core-1, east-core-2, east-edge-1 (your roles: noc)'),
      denied.join('\n'),
    );
    assert.ok(denied.some((l) => l.startsWith('who could: east-team')));
    const read = await items(app, 'policy check show-version site=east', 'alice');
    assert.ok(
      read.some((l) => /^allowed \(roles: noc\)$/.test(l)),
      read.join('\n'),
    );
    const every = await items(app, 'policy check as=alice show-version device=*', 'dave');
    assert.ok(every.some((l) => /needs --confirm \(blastRadius.everyDevice\)/.test(l)));
    await assert.rejects(app.service.submit('policy check', actor('dave')), /what should be checked\?/);
  });
});

test('a denial is audited as policy.denied with its rule; a break-glass use as policy.break-glass', async () => {
  await withApp(async (app) => {
    const east = app.inventory.devices.filter((d) => d.site === 'east');
    const base = {
      devices: east,
      inventorySize: app.inventory.devices.length,
      flags: {},
      now: IN_FREEZE,
      command: { name: 'config', kind: 'change' as const },
    };
    await assert.rejects(
      enforcePolicy(app.service.policy, app.audit, { ...base, actor: actor('dave'), line: 'config site=east' }),
      /rule: freeze holiday/,
    );
    const allowed = await enforcePolicy(app.service.policy, app.audit, {
      ...base,
      actor: actor('U0ONCALL1'),
      line: 'config site=east --break-glass',
      flags: { 'break-glass': true },
    });
    assert.deepEqual(allowed.breakGlass, { rule: 'freeze holiday' });
    const denied = await app.audit.query({ action: 'policy.denied' });
    assert.equal(denied.length, 1);
    assert.deepEqual(
      { actor: denied[0]?.actor.id, outcome: denied[0]?.outcome, rule: denied[0]?.detail?.['rule'], targets: denied[0]?.targets?.length },
      { actor: 'dave', outcome: 'denied', rule: 'freeze holiday', targets: 3 },
    );
    const glass = await app.audit.query({ action: 'policy.break-glass' });
    assert.equal(glass.length, 1);
    assert.equal(glass[0]?.detail?.['bypassed'], 'freeze holiday');
    assert.equal((await app.audit.verify()).ok, true);
  });
});

function run(args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'scripts/policy-check.ts', ...args], { timeout: 60_000 }, (err, stdout) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout }),
    );
  });
}

test('npm run policy:check validates a file and explains a sample decision', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'netops-policy-check-'));
  try {
    const bad = join(dir, 'bad.yaml');
    await writeFile(bad, 'version: 1\nroles:\n  noc: {members: [a]}\ngrants:\n  - role: nocc\n    commands: [x]\n');
    const refused = await run([bad]);
    assert.equal(refused.code, 1);
    assert.match(refused.stdout, /bad\.yaml line 5 \(grants\.0\.role\): "nocc" is not a role \(roles: noc\)/);
    const sample = await run(['data/policy.example.yaml', '--at', '2026-12-16T04:00:00Z', '--as', 'dave', 'config', 'site=east']);
    assert.equal(sample.code, 0, sample.stdout);
    assert.match(sample.stdout, /valid: 5 roles, 4 grants/);
    assert.match(sample.stdout, /allowed \(roles: east-team\)\n\s+needs 2 approver\(s\) for pci from pci-approvers, never the requester/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
