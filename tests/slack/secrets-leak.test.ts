import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PLATFORM_IDS } from '../../src/core/types.js';
import { labSecrets } from '../support/lab-secrets.js';
import { labSpecs, TEST_CREDENTIALS } from '../support/test-lab.js';
import { startSlackRig } from './slack-rig.js';

test('no secret leaves the process: Slack calls, uploaded files, acks, logs and audit files, for every command on every platform', async () => {
  const secrets = await labSecrets();
  assert.ok(secrets.length >= 6, `secrets found: ${secrets.length}`);
  const specs = labSpecs(10, (i) => ({ platform: PLATFORM_IDS[i % PLATFORM_IDS.length] }));
  const s = await startSlackRig(specs);
  const acks: unknown[] = [];
  try {
    const lines = [
      'help',
      'devices',
      'show-version device=* --confirm',
      'show-interfaces device=* --confirm',
      'show-inventory device=* --confirm',
      'show-config device=* --confirm',
      'jobs',
      'audit last=100',
      'audit verify',
      // People paste secrets by mistake: the error that quotes their input must not repeat it.
      `devices tag=${TEST_CREDENTIALS.password}`,
      `show-version site=east note="${TEST_CREDENTIALS.enableSecret}"`,
      `audit user=${TEST_CREDENTIALS.password}`,
    ];
    for (const line of lines) {
      const r = await s.command(line);
      assert.equal(r.status, 200, line);
      acks.push(r.body);
      await s.bot.idle();
    }
    // The jobs really ran and produced the output the secrets live in.
    const config = s.fake.files().find((f) => f.filename?.includes('results') && f.content?.toString().includes('community'));
    assert.ok(config, 'the show-config output was attached');
    assert.match(config!.content!.toString(), /snmp-server community \*{8}/);

    const auditDir = await readdir(s.rig.dir);
    const auditFiles = await Promise.all(auditDir.filter((f) => f.startsWith('audit')).map((f) => readFile(join(s.rig.dir, f), 'utf8')));
    assert.ok(auditFiles.join('').includes('device.result'));
    const leftTheProcess = [
      JSON.stringify(s.fake.calls),
      ...s.fake.files().map((f) => f.content?.toString() ?? ''),
      JSON.stringify(s.fake.ephemerals()),
      JSON.stringify(acks),
      s.logger.lines.join('\n'),
      ...auditFiles,
    ].join('\n');
    for (const secret of secrets) assert.ok(!leftTheProcess.includes(secret), `secret leaked: ${secret.slice(0, 4)}…`);
  } finally {
    await s.close();
  }
});
