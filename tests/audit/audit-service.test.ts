import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UserError } from '../../src/core/errors.js';
import type { ReplyView } from '../../src/render/views.js';
import { consoleActor, labSpecs, startRig } from '../support/test-lab.js';

const rowsOf = (v: ReplyView) => (v.blocks.find((b) => b.type === 'table') as Extract<ReplyView['blocks'][number], { type: 'table' }>).rows;

test('/net audit through the service after a real job, with argument validation', async () => {
  const rig = await startRig(labSpecs(2));
  try {
    const sub = await rig.app.service.submit('show-version device=* --confirm', consoleActor);
    if (sub.kind === 'job') await sub.done;
    const reply = await rig.app.service.submit('/net audit device=east-core-001', consoleActor);
    assert.equal(reply.kind, 'reply');
    const rows = reply.kind === 'reply' ? rowsOf(reply.view) : [];
    assert.deepEqual(
      rows.map((r) => r['action']),
      ['job.requested', 'device.result', 'job.finished'],
    );
    assert.ok(rows.every((r) => r['actor'] === 'alice' && r['job'] === 'J-1'));
    await assert.rejects(
      rig.app.service.submit('audit last=0', consoleActor),
      (e: unknown) => e instanceof UserError && /last/.test(e.message),
    );
    await assert.rejects(
      rig.app.service.submit('audit colour=red', consoleActor),
      (e: unknown) => e instanceof UserError && /has no argument "colour"/.test(e.message),
    );
    const verify = await rig.app.service.submit('audit verify', consoleActor);
    assert.equal(verify.kind === 'reply' && verify.view.title, 'Audit trail verified');
  } finally {
    await rig.close();
  }
});
