/**
 * Every usage example /net help shows runs against the lab the product ships with
 * (data/lab.json): no example may be a mistake on the lab a new user tries it on. Examples
 * that name a job or change request by number (J-42, CR-42) may only miss that id.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { UserError } from '../../src/core/errors.js';
import { startEmbeddedLab } from '../../src/lab/embedded.js';

test('every help usage example runs on the shipped lab', { timeout: 180_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'netops-help-'));
  const embedded = await startEmbeddedLab(
    loadConfig({ env: { NETOPS_DATA_DIR: dir, NETOPS_LAB: 'on', NETOPS_APPROVERS: 'bob' } }),
    (d) => ({ ...d, latencyMs: 0 }),
  );
  const app = await createApp(embedded.config, { inventory: embedded.inventory });
  const alice = { id: 'alice', name: 'alice', via: 'console' as const };
  try {
    const examples = app.service.registry.all().flatMap((c) => c.usage.map((u) => ({ command: c.name, line: `/net ${u}` })));
    assert.ok(examples.length >= 15);
    for (const { line } of examples) {
      try {
        const sub = await app.service.submit(line, alice);
        if (sub.kind === 'job') {
          const job = await sub.done;
          assert.ok(job.results.length > 0, `${line}: ran on devices`);
        }
      } catch (err) {
        if (!(err instanceof UserError)) throw err;
        const missingId = err.code === 'not_found' && /\b(?:CR|J)-42\b/.test(line);
        assert.ok(missingId, `${line}: ${err.code}: ${err.message}`);
      }
    }
  } finally {
    await app.close();
    await embedded.lab.close();
    await rm(dir, { recursive: true, force: true });
  }
});
