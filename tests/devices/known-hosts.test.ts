import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KnownHosts } from '../../src/devices/known-hosts.js';

/** A fake ed25519 public key blob: length-prefixed type, length-prefixed key bytes. */
function blob(seed: number): Buffer {
  const type = Buffer.from('ssh-ed25519');
  const key = Buffer.alloc(32, seed);
  const len = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  return Buffer.concat([len(type.length), type, len(key.length), key]);
}

test('known_hosts: plain, port-qualified, hashed and multi-name entries; changed and unknown keys', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kh-'));
  const salt = randomBytes(20);
  const hash = createHmac('sha1', salt).update('[10.0.0.3]:2222').digest();
  await writeFile(
    join(dir, 'known_hosts'),
    [
      '# comment',
      `10.0.0.1 ssh-ed25519 ${blob(1).toString('base64')}`,
      `[10.0.0.2]:2200,core-2 ssh-ed25519 ${blob(2).toString('base64')}`,
      `|1|${salt.toString('base64')}|${hash.toString('base64')} ssh-ed25519 ${blob(3).toString('base64')}`,
      '',
    ].join('\n'),
  );
  const kh = await KnownHosts.load(join(dir, 'known_hosts'));
  assert.equal(kh.check('10.0.0.1', 22, blob(1)), 'match');
  assert.equal(kh.check('10.0.0.1', 22, blob(9)), 'changed');
  assert.equal(kh.check('10.0.0.2', 2200, blob(2)), 'match');
  assert.equal(kh.check('10.0.0.2', 22, blob(2)), 'unknown', 'the port is part of the name');
  assert.equal(kh.check('10.0.0.3', 2222, blob(3)), 'match');
  assert.equal(kh.check('10.0.0.3', 2222, blob(4)), 'changed');
  assert.equal(kh.check('10.0.0.4', 22, blob(1)), 'unknown');
  await kh.add('10.0.0.4', 22, blob(5));
  assert.equal((await KnownHosts.load(join(dir, 'known_hosts'))).check('10.0.0.4', 22, blob(5)), 'match');
});
