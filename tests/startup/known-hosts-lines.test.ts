import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseKnownHostsLine } from '../../src/devices/known-hosts-line.js';
import { KnownHosts, parseKnownHosts } from '../../src/devices/known-hosts.js';
import { ConfigError } from '../../src/core/errors.js';

/** A public key blob of a type: length-prefixed type name, then key bytes. */
function blob(type: string, seed: number): Buffer {
  const t = Buffer.from(type);
  const len = (n: number) => Buffer.from([0, 0, 0, n]);
  return Buffer.concat([len(t.length), t, len(32), Buffer.alloc(32, seed)]);
}
const ed = (seed: number) => blob('ssh-ed25519', seed).toString('base64');
const salt = randomBytes(20);
const hashed = `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update('[10.0.0.9]:2222').digest('base64')}`;

const GOOD: [name: string, line: string][] = [
  ['plain', `10.0.0.1 ssh-ed25519 ${ed(1)}`],
  ['names, port and comment', `core-1,[10.0.0.2]:2200 ssh-ed25519 ${ed(2)} root@core-1`],
  ['hashed', `${hashed} ssh-ed25519 ${ed(3)}`],
  ['revoked', `@revoked * ssh-ed25519 ${ed(4)}`],
  ['cert-authority with a glob and a negation', `@cert-authority *.east.example.net,!bad.east.example.net ssh-ed25519 ${ed(5)}`],
  ['rsa', `10.0.0.3 ssh-rsa ${blob('ssh-rsa', 6).toString('base64')}`],
];
for (const [name, line] of GOOD) {
  test(`known_hosts line accepted: ${name}`, () => {
    const parsed = parseKnownHostsLine(line);
    assert.equal(typeof parsed, 'object', String(parsed));
  });
}

const BAD: [name: string, line: string, problem: RegExp][] = [
  ['a word', 'garbage', /expected "host key-type base64-key"/],
  ['an unknown marker', `@trusted 10.0.0.1 ssh-ed25519 ${ed(1)}`, /unknown marker "@trusted"/],
  ['an unknown key type', `10.0.0.1 ssh-foo ${ed(1)}`, /"ssh-foo" is not an SSH host key type/],
  ['a key that is not base64', '10.0.0.1 ssh-ed25519 not*base64', /not the base64 of an ssh-ed25519 public key/],
  ['a key of another type', `10.0.0.1 ecdsa-sha2-nistp256 ${ed(1)}`, /not the base64 of an ecdsa-sha2-nistp256 public key/],
  ['a bad hashed host', `|1|abc ssh-ed25519 ${ed(1)}`, /a hashed host must look like \|1\|base64-salt\|base64-hash/],
  ['a short hash', `|1|${salt.toString('base64')}|AAAA ssh-ed25519 ${ed(1)}`, /20-byte salt and a 20-byte HMAC-SHA1/],
  ['a bad host pattern', `host/one ssh-ed25519 ${ed(1)}`, /"host\/one" is not a host name/],
  ['a line from authorized_keys', `ssh-ed25519 ${ed(1)} alice@laptop`, /is not an SSH host key type|not the base64/],
];
for (const [name, line, problem] of BAD) {
  test(`known_hosts line refused: ${name}`, () => {
    const parsed = parseKnownHostsLine(line);
    assert.equal(typeof parsed, 'string');
    assert.match(String(parsed), problem);
  });
}

test('a bad line is a ConfigError naming the file and the line', () => {
  assert.throws(
    () => parseKnownHosts(`# c\n\n10.0.0.1 ssh-ed25519 ${ed(1)}\nnonsense here\n`, '/etc/netops/known_hosts'),
    (e: unknown) =>
      e instanceof ConfigError &&
      e.setting === 'NETOPS_KNOWN_HOSTS' &&
      /^NETOPS_KNOWN_HOSTS: \/etc\/netops\/known_hosts line 4: /.test(e.message),
  );
});

test('a @revoked key is refused for every host, even listed or on first use; globs and negations match', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kh-strict-'));
  try {
    const file = join(dir, 'known_hosts');
    await writeFile(
      file,
      [
        `10.0.0.1 ssh-ed25519 ${ed(1)}`,
        `@revoked * ssh-ed25519 ${ed(1)}`,
        `*.east.example.net,!bad.east.example.net ssh-ed25519 ${ed(2)}`,
        `${hashed} ssh-ed25519 ${ed(3)}`,
        `@cert-authority * ssh-ed25519 ${ed(4)}`,
      ].join('\n'),
    );
    const kh = await KnownHosts.load(file);
    assert.equal(kh.check('10.0.0.1', 22, blob('ssh-ed25519', 1)), 'changed', 'revoked');
    assert.equal(kh.check('10.9.9.9', 22, blob('ssh-ed25519', 1)), 'changed', 'revoked, never unknown (no trust on first use)');
    assert.equal(kh.check('r1.east.example.net', 22, blob('ssh-ed25519', 2)), 'match');
    assert.equal(kh.check('bad.east.example.net', 22, blob('ssh-ed25519', 2)), 'unknown', 'negated');
    assert.equal(kh.check('10.0.0.9', 2222, blob('ssh-ed25519', 3)), 'match');
    assert.equal(kh.check('10.0.0.7', 22, blob('ssh-ed25519', 4)), 'unknown', 'a CA key is not a host key');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
