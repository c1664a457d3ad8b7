import { createHmac } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export type HostKeyVerdict = 'match' | 'unknown' | 'changed';

interface Entry {
  /** Plain host patterns, or a hashed `|1|salt|hash` entry. */
  hosts: string[];
  hashed?: { salt: Buffer; hash: Buffer };
  keyType: string;
  key: string; // base64 of the key blob
}

/** OpenSSH's host naming: `host` on port 22, `[host]:port` otherwise. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** The key type is the first length-prefixed string of an SSH public key blob. */
export function keyTypeOf(blob: Buffer): string {
  const len = blob.readUInt32BE(0);
  return blob.subarray(4, 4 + len).toString('ascii');
}

function parseLine(line: string): Entry | undefined {
  const trimmed = line.trim();
  if (!trimmed || trimmed.startsWith('#') || trimmed.startsWith('@')) return undefined;
  const [hostField, keyType, key] = trimmed.split(/\s+/);
  if (!hostField || !keyType || !key) return undefined;
  if (hostField.startsWith('|1|')) {
    const [, , salt, hash] = hostField.split('|');
    if (!salt || !hash) return undefined;
    return { hosts: [], hashed: { salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64') }, keyType, key };
  }
  return { hosts: hostField.split(','), keyType, key };
}

function names(entry: Entry, name: string): boolean {
  if (entry.hashed) {
    const h = createHmac('sha1', entry.hashed.salt).update(name).digest();
    return h.equals(entry.hashed.hash);
  }
  return entry.hosts.includes(name);
}

/**
 * A known-hosts file in OpenSSH format. Unknown keys are refused unless trust-on-first-use
 * is on, in which case the key is recorded; a changed key is always refused.
 */
export class KnownHosts {
  /** Plain entries by host name: a lookup per connection must not scan a fleet-sized file. */
  private readonly byName = new Map<string, Entry[]>();
  /** Hashed entries can only be found by trying each one. */
  private readonly hashed: Entry[] = [];

  private constructor(
    private readonly path: string,
    entries: Entry[],
  ) {
    for (const e of entries) this.index(e);
  }

  private index(e: Entry): void {
    if (e.hashed) {
      this.hashed.push(e);
      return;
    }
    for (const h of e.hosts) this.byName.set(h, [...(this.byName.get(h) ?? []), e]);
  }

  static async load(path: string): Promise<KnownHosts> {
    let text = '';
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    return new KnownHosts(
      path,
      text
        .split('\n')
        .map(parseLine)
        .filter((e): e is Entry => e !== undefined),
    );
  }

  get file(): string {
    return this.path;
  }

  check(host: string, port: number, blob: Buffer): HostKeyVerdict {
    const name = knownHostsName(host, port);
    const type = keyTypeOf(blob);
    const key = blob.toString('base64');
    const forHost = [...(this.byName.get(name) ?? []), ...this.hashed.filter((e) => names(e, name))];
    if (forHost.some((e) => e.keyType === type && e.key === key)) return 'match';
    // A different key of the same type (or any key when the host is known) means it changed.
    return forHost.length > 0 ? 'changed' : 'unknown';
  }

  /** Record a key (trust on first use). */
  async add(host: string, port: number, blob: Buffer): Promise<void> {
    const entry: Entry = { hosts: [knownHostsName(host, port)], keyType: keyTypeOf(blob), key: blob.toString('base64') };
    this.index(entry);
    await mkdir(dirname(this.path), { recursive: true });
    await appendFile(this.path, `${entry.hosts[0]} ${entry.keyType} ${entry.key}\n`, { mode: 0o600 });
  }
}
