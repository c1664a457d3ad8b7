import { createHmac } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ConfigError } from '../core/errors.js';
import { hostPatternMatches, type KnownHostsLine, parseKnownHostsLine } from './known-hosts-line.js';

type Entry = KnownHostsLine;

export type HostKeyVerdict = 'match' | 'unknown' | 'changed';

/** OpenSSH's host naming: `host` on port 22, `[host]:port` otherwise. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** The key type is the first length-prefixed string of an SSH public key blob. */
export function keyTypeOf(blob: Buffer): string {
  const len = blob.readUInt32BE(0);
  return blob.subarray(4, 4 + len).toString('ascii');
}

function names(entry: Entry, name: string): boolean {
  if (entry.hashed) {
    const h = createHmac('sha1', entry.hashed.salt).update(name).digest();
    return h.equals(entry.hashed.hash);
  }
  // A negated pattern that matches rules the line out, whatever else matches (sshd(8)).
  if (entry.hosts.some((p) => p.startsWith('!') && hostPatternMatches(p.slice(1), name))) return false;
  return entry.hosts.some((p) => !p.startsWith('!') && hostPatternMatches(p, name));
}

const isPlain = (e: Entry) => !e.hashed && e.hosts.every((h) => !/[*?!]/.test(h));

/**
 * The entries of a known_hosts file, every line checked: a line that is not a host key line
 * is a ConfigError naming the file and the line, and saying what to do.
 */
export function parseKnownHosts(text: string, path: string): Entry[] {
  const entries: Entry[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    const parsed = parseKnownHostsLine(line);
    if (parsed === undefined) continue;
    if (typeof parsed === 'string')
      throw new ConfigError(
        'NETOPS_KNOWN_HOSTS',
        `${path} line ${i + 1}: ${parsed}; correct the line or delete it (then the host is unknown)`,
      );
    entries.push(parsed);
  }
  return entries;
}

/**
 * A known-hosts file in OpenSSH format. Unknown keys are refused unless trust-on-first-use
 * is on, in which case the key is recorded; a changed key is always refused.
 */
export class KnownHosts {
  /** Plain entries by host name: a lookup per connection must not scan a fleet-sized file. */
  private readonly byName = new Map<string, Entry[]>();
  /** Lines with globs or negations, and hashed ones: tried one by one. */
  private readonly patterned: Entry[] = [];
  /** Keys marked @revoked: never accepted, for any host, not even on first use. */
  private readonly revoked = new Set<string>();

  private constructor(
    private readonly path: string,
    entries: Entry[],
  ) {
    for (const e of entries) this.index(e);
  }

  private index(e: Entry): void {
    if (e.marker === 'revoked') {
      this.revoked.add(`${e.keyType} ${e.key}`);
      return;
    }
    // Host certificates are not used here: a @cert-authority line is checked, not trusted.
    if (e.marker === 'cert-authority') return;
    if (!isPlain(e)) {
      this.patterned.push(e);
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
    return new KnownHosts(path, parseKnownHosts(text, path));
  }

  get file(): string {
    return this.path;
  }

  check(host: string, port: number, blob: Buffer): HostKeyVerdict {
    const name = knownHostsName(host, port);
    const type = keyTypeOf(blob);
    const key = blob.toString('base64');
    // A revoked key is refused like a changed one: it must never be trusted on first use.
    if (this.revoked.has(`${type} ${key}`)) return 'changed';
    const forHost = [...(this.byName.get(name) ?? []), ...this.patterned.filter((e) => names(e, name))];
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
