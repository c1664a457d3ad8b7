/**
 * One line of an OpenSSH known_hosts file, parsed strictly: a line that is not a host key
 * line is an error naming it, never silently skipped (a skipped line is a host whose key
 * nobody checks any more). Format (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT"):
 *   [@revoked|@cert-authority] hostpatterns keytype base64-key [comment]
 * hostpatterns: comma list of names, `[host]:port`, globs (`*`, `?`), negations (`!`); or
 * one hashed name `|1|base64(salt)|base64(HMAC-SHA1(salt, name))`.
 */
export type KnownHostsMarker = 'revoked' | 'cert-authority';

export interface KnownHostsLine {
  marker?: KnownHostsMarker;
  /** Plain host patterns (empty for a hashed line). */
  hosts: string[];
  hashed?: { salt: Buffer; hash: Buffer };
  keyType: string;
  /** Base64 of the key blob. */
  key: string;
}

const KEY_TYPES = new Set([
  'ssh-ed25519',
  'ssh-rsa',
  'ssh-dss',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'sk-ssh-ed25519@openssh.com',
  'sk-ecdsa-sha2-nistp256@openssh.com',
]);
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const PATTERN = /^!?(\[[^\]\s]+\]:\d{1,5}|[A-Za-z0-9.:_*?%-]+)$/;

/** Undefined for a blank or comment line; a string saying what is wrong; or the parsed line. */
export function parseKnownHostsLine(line: string): KnownHostsLine | string | undefined {
  const trimmed = line.trim();
  if (!trimmed || trimmed.startsWith('#')) return undefined;
  const fields = trimmed.split(/\s+/);
  let marker: KnownHostsMarker | undefined;
  if (fields[0]!.startsWith('@')) {
    const m = fields.shift()!;
    if (m !== '@revoked' && m !== '@cert-authority') return `unknown marker "${m}" (expected @revoked or @cert-authority)`;
    marker = m.slice(1) as KnownHostsMarker;
  }
  const [hostField, keyType, key] = fields;
  if (!hostField || !keyType || !key) return 'expected "host key-type base64-key" (is this a known_hosts file?)';
  if (!KEY_TYPES.has(keyType)) return `"${keyType}" is not an SSH host key type (such as ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256)`;
  const blob = BASE64.test(key) ? Buffer.from(key, 'base64') : undefined;
  if (!blob || blobType(blob) !== keyType) return `the key is not the base64 of an ${keyType} public key`;
  if (hostField.startsWith('|')) {
    const hashed = parseHashed(hostField);
    return typeof hashed === 'string' ? hashed : { ...(marker ? { marker } : {}), hosts: [], hashed, keyType, key };
  }
  const hosts = hostField.split(',');
  const bad = hosts.find((h) => !PATTERN.test(h));
  if (bad !== undefined) return `"${bad}" is not a host name, address, [host]:port or pattern`;
  return { ...(marker ? { marker } : {}), hosts, keyType, key };
}

function parseHashed(field: string): { salt: Buffer; hash: Buffer } | string {
  const parts = field.split('|');
  const [, kind, salt, hash] = parts;
  if (parts.length !== 4 || kind !== '1' || !salt || !hash || !BASE64.test(salt) || !BASE64.test(hash))
    return 'a hashed host must look like |1|base64-salt|base64-hash';
  const s = Buffer.from(salt, 'base64');
  const h = Buffer.from(hash, 'base64');
  if (s.length !== 20 || h.length !== 20) return 'a hashed host needs a 20-byte salt and a 20-byte HMAC-SHA1';
  return { salt: s, hash: h };
}

/** The key type a blob says it is (its first length-prefixed string), or undefined. */
function blobType(blob: Buffer): string | undefined {
  if (blob.length < 4) return undefined;
  const len = blob.readUInt32BE(0);
  return len > 0 && 4 + len <= blob.length ? blob.subarray(4, 4 + len).toString('latin1') : undefined;
}

/** A glob host pattern (`*.east.example.net`, `10.0.0.?`) as a matcher. */
export function hostPatternMatches(pattern: string, name: string): boolean {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i').test(name);
}
