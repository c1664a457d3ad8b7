/**
 * The embedded backup store: `<data dir>/backups/<device>/v<n>.cfg`, one file per version,
 * and `index.json` beside them listing the versions. Every file is written the way the audit
 * and state files are (temp file, fsync, rename, fsync of the directory), the version's text
 * before the index: the index is what makes a version exist, so a crash between the two
 * leaves an unlisted file that the next version overwrites, never a listed version without text.
 */
import { chmod, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DurableTextFile } from '../audit/durable-file.js';
import type { BackupStore, BackupVersion } from '../core/backups.js';

interface IndexFile {
  versions: BackupVersion[];
}

/** A kept backup holds the device's secrets: readable by the bot's user only. */
const SECRET_FILE_MODE = 0o600;
const SECRET_DIR_MODE = 0o700;

/** A device name as a directory name: as it is when it is plainly a name, else hex (never `..`, never a slash). */
export function deviceDirName(device: string): string {
  return /^\w[\w.-]*$/.test(device) ? device : `_${Buffer.from(device).toString('hex')}`;
}

export class FileBackupStore implements BackupStore {
  /** Adds run one at a time per device: two never take the same number. */
  private readonly queues = new Map<string, Promise<unknown>>();

  /** `root`: the backups directory (`<data dir>/backups`). */
  constructor(readonly root: string) {}

  private dirOf(device: string): string {
    return join(this.root, deviceDirName(device));
  }

  private index(device: string): DurableTextFile {
    return new DurableTextFile(join(this.dirOf(device), 'index.json'));
  }

  async versions(device: string): Promise<BackupVersion[]> {
    await this.queues.get(device);
    const text = await this.index(device).read();
    return text === null ? [] : (JSON.parse(text) as IndexFile).versions;
  }

  async read(device: string, version: number): Promise<string | undefined> {
    if (!(await this.versions(device)).some((v) => v.version === version)) return undefined;
    return (await new DurableTextFile(join(this.dirOf(device), `v${version}.cfg`)).read()) ?? undefined;
  }

  add(entry: Omit<BackupVersion, 'version'>, text: string): Promise<{ version: BackupVersion; stored: boolean }> {
    const run = (this.queues.get(entry.device) ?? Promise.resolve()).then(() => this.append(entry, text));
    const settled = run.catch(() => undefined);
    this.queues.set(entry.device, settled);
    void settled.then(() => {
      if (this.queues.get(entry.device) === settled) this.queues.delete(entry.device);
    });
    return run;
  }

  private async append(entry: Omit<BackupVersion, 'version'>, text: string): Promise<{ version: BackupVersion; stored: boolean }> {
    const dir = this.dirOf(entry.device);
    const kept = entry.secrets === 'keep';
    await mkdir(dir, { recursive: true, ...(kept ? { mode: SECRET_DIR_MODE } : {}) });
    // A directory made before secrets were kept is closed now, with the file that needs it.
    if (kept) await chmod(dir, SECRET_DIR_MODE);
    const indexFile = this.index(entry.device);
    const raw = await indexFile.read();
    const index: IndexFile = raw === null ? { versions: [] } : (JSON.parse(raw) as IndexFile);
    const latest = index.versions.at(-1);
    // Identical to the latest: stored once. The form (masked or kept) is part of "identical".
    if (latest && latest.sha256 === entry.sha256 && latest.secrets === entry.secrets) return { version: latest, stored: false };
    const version: BackupVersion = { ...entry, version: (latest?.version ?? 0) + 1 };
    await new DurableTextFile(join(dir, `v${version.version}.cfg`)).write(text, kept ? { mode: SECRET_FILE_MODE } : {});
    await indexFile.write(JSON.stringify({ versions: [...index.versions, version] }, null, 2));
    return { version, stored: true };
  }
}
