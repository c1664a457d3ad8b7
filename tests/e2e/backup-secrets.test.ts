/**
 * NETOPS_BACKUP_SECRETS: `mask` stores secret-bearing lines masked; `keep` stores them as the
 * device sent them, in a file only the bot's user can read. Either way nothing shown (job
 * results, the console, the audit trail) holds a secret.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { MASK } from '../../src/core/redact.js';
import { PLATFORM_IDS } from '../../src/core/types.js';
import { loadConfig } from '../../src/config.js';
import { ConfigError } from '../../src/core/errors.js';
import { consoleActor, labSpecs, startRig } from '../support/test-lab.js';
import { captureConsole } from '../support/console-capture.js';

/** Secrets the lab's configurations hold (src/lab/running-config.ts): a community, hashes, Junos $9$. */
const LAB_SECRETS = [/lab-c0mmunity-RO/, /n3w-c0mmunity/, /\$9\$lab3nable/, /\$5\$LAB/, /\$9\$[A-Za-z0-9./]{6,}/];
const NEW_SECRET = 'n3w-c0mmunity-RW';
const specs = labSpecs(5, (i) => ({ platform: PLATFORM_IDS[i] }));

async function backupAndShow(mode: 'mask' | 'keep') {
  const rig = await startRig(specs, { env: { NETOPS_BACKUP_SECRETS: mode } });
  const run = captureConsole(rig.app.service, rig.dir);
  let shown = '';
  const show = async (line: string) => {
    const r = await run(line);
    shown += r.text;
    assert.equal(r.status, 0, r.text);
  };
  await show('/net backup device=* --confirm');
  // A new secret on the IOS device, then drift: the diff names the line, never the secret.
  const added = rig.lab.device(specs[0]!.name).state.running.apply(`snmp-server community ${NEW_SECRET} RW`, undefined);
  assert.ok(added.ok, JSON.stringify(added));
  await show('/net diff-config device=* --confirm');
  const sub = await rig.app.service.submit('diff-config device=* --confirm', consoleActor);
  const results = sub.kind === 'job' ? (await sub.done).results : [];
  await rig.app.audit.flush();
  const trail = await readFile(rig.config.auditFile, 'utf8');
  return { rig, shown: shown + JSON.stringify(results) + trail };
}

for (const mode of ['mask', 'keep'] as const) {
  test(`NETOPS_BACKUP_SECRETS=${mode}: ${mode === 'keep' ? 'secrets kept in a 0600 file in a 0700 directory' : 'secrets masked in the backup'}; none in anything shown`, async () => {
    const { rig, shown } = await backupAndShow(mode);
    try {
      for (const re of LAB_SECRETS) assert.doesNotMatch(shown, re, `shown text holds ${re}`);
      assert.match(shown, /stored v1/);
      assert.match(shown, /\+snmp-server community \*{8} RW/, 'the drift names the new line, its secret masked');
      let secretsInFiles = 0;
      for (const s of specs) {
        const dir = join(rig.dir, 'backups', s.name);
        const file = join(dir, 'v1.cfg');
        const text = await readFile(file, 'utf8');
        const holds = LAB_SECRETS.some((re) => re.test(text));
        if (holds) secretsInFiles++;
        if (mode === 'keep') {
          assert.equal((await stat(file)).mode & 0o777, 0o600, `${s.name}: file mode`);
          assert.equal((await stat(dir)).mode & 0o777, 0o700, `${s.name}: directory mode`);
        } else {
          assert.equal(holds, false, `${s.name}: a masked backup holds a secret:\n${text}`);
          assert.ok(text.includes(MASK), `${s.name}: masked lines are marked`);
        }
      }
      if (mode === 'keep') assert.equal(secretsInFiles, specs.length, 'every kept backup holds the secrets it read');
    } finally {
      await rig.close();
    }
  });
}

test('NETOPS_BACKUP_SECRETS and NETOPS_BACKUP_SCHEDULE: other values refused at start-up, by name', () => {
  const refused: [Record<string, string>, RegExp][] = [
    [{ NETOPS_BACKUP_SECRETS: 'plain' }, /^NETOPS_BACKUP_SECRETS: "plain" is neither mask .* nor keep$/],
    [{ NETOPS_BACKUP_SCHEDULE: '0 2 * *' }, /^NETOPS_BACKUP_SCHEDULE: "0 2 \* \*" has 4 fields; use five/],
    [{ NETOPS_BACKUP_SCHEDULE: '*/10 * * * * *' }, /has 6 fields; use five/],
    [{ NETOPS_BACKUP_SCHEDULE: '61 * * * *' }, /^NETOPS_BACKUP_SCHEDULE: "61 \* \* \* \*" is not a cron schedule: .*0-59/],
    [{ NETOPS_BACKUP_SCHEDULE: '0 2 * * *', NETOPS_BACKUP_TARGETS: 'sight=east' }, /^NETOPS_BACKUP_TARGETS: "sight" is not a target key/],
  ];
  for (const [env, re] of refused) {
    assert.throws(
      () => loadConfig({ env }),
      (e: unknown) => e instanceof ConfigError && re.test(e.message),
      JSON.stringify(env),
    );
  }
  assert.deepEqual(loadConfig({ env: {} }).backups, { secrets: 'mask' });
  assert.deepEqual(loadConfig({ env: { NETOPS_BACKUP_SCHEDULE: 'off' } }).backups, { secrets: 'mask', removeSchedule: true });
  assert.deepEqual(loadConfig({ env: { NETOPS_BACKUP_SECRETS: 'keep', NETOPS_BACKUP_SCHEDULE: '0 2 * * *' } }).backups, {
    secrets: 'keep',
    schedule: { cron: '0 2 * * *', targets: 'device=*' },
  });
});
