/** Console wording: a requester rejecting their own request withdraws it; an approver rejects it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { ConsoleAdapter } from '../../src/console/console-adapter.js';
import { systemClock } from '../../src/core/clock.js';
import { consoleActor, labSpecs, startRig } from '../support/test-lab.js';

test('/net reject by the requester says withdrawn, by an approver rejected; the console never speaks of threads', async () => {
  const rig = await startRig(labSpecs(1), { env: { NETOPS_APPROVERS: 'bob' } });
  let text = '';
  const out = new Writable({
    write(chunk, _e, done) {
      text += String(chunk);
      done();
    },
  });
  const adapter = new ConsoleAdapter(rig.app.service, { out, clock: systemClock, attachmentsDir: join(rig.dir, 'x') });
  const propose = async () => {
    text = '';
    await adapter.run('/net config device=* template=ntp server=192.0.2.10', consoleActor);
    return /^(CR-\d+) waiting for approval/m.exec(text)![1]!;
  };
  try {
    const first = await propose();
    assert.equal(await adapter.run(`/net approve ${first}`, consoleActor), 2);
    assert.match(text, /another engineer must approve it/);
    assert.doesNotMatch(text, /thread/);
    text = '';
    await adapter.run(`/net reject ${first}`, consoleActor);
    assert.match(text, new RegExp(`^${first} withdrawn`, 'm'));
    const second = await propose();
    text = '';
    await adapter.run(`/net reject ${second}`, { id: 'bob', name: 'bob', via: 'console' });
    assert.match(text, new RegExp(`^${second} rejected`, 'm'));
  } finally {
    await rig.close();
  }
});
