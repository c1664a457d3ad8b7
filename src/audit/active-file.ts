import { open, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Adapter } from 'lowdb';
import type { AuditRecord } from '../core/ports.js';
import { AuditStoreError, parseSegment, serialiseSegment, SEGMENT_END, type AuditFile } from './segments.js';
import { wholeRecordsBeforeTear, type TailMend } from './torn-tail.js';
import { DurableTextFile, syncDirectory } from './durable-file.js';

/**
 * lowdb adapter for the trail's active file, which only ever grows. A commit writes just its
 * new records, in place over the closing `\n]}\n`, in one positional write that ends with a
 * new closing: the file is valid JSON before the write and after it, and the records already
 * acknowledged are never rewritten, so a commit costs the same with 10 records on disk or
 * 5,000. Only a file that is new (or not in our layout) is written whole, atomically (temp
 * file, then rename). Every write is fsynced before it is acknowledged (durable-file.ts).
 *
 * A write torn by power loss or a full disk can leave a fragment after the last whole record;
 * read() cuts it off (see torn-tail.ts) and says so in `mended`.
 */
export class ActiveSegmentFile implements Adapter<AuditFile> {
  private readonly whole: DurableTextFile;
  private readonly lines = new WeakMap<AuditRecord, string>();
  /** Records known to be in the file, and the byte offset of its closing `\n]}\n`. */
  private onDisk = 0;
  private tail = 0;
  /** A failed write may have left bytes past the closing: the next write truncates them. */
  private mayHaveGarbage = false;
  /** Set by read() when it cut a torn tail off the file. */
  mended: TailMend | undefined;

  constructor(readonly path: string) {
    this.whole = new DurableTextFile(path);
  }

  async read(): Promise<AuditFile | null> {
    const raw = await this.whole.read().catch((e: Error) => {
      throw new AuditStoreError('unreadable', this.path, e.message, { cause: e });
    });
    if (raw === null) return null;
    try {
      const records = parseSegment(raw, this.path);
      this.track(records, raw);
      return { records };
    } catch (err) {
      if (!(err instanceof AuditStoreError)) throw err;
      // Throws `err` again, the file untouched, unless the damage is only a torn last write.
      const { records, droppedBytes } = wholeRecordsBeforeTear(raw, err);
      const keptCopy = `${this.path}.torn-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      await writeFile(keptCopy, raw, { flag: 'wx' });
      await this.writeWhole(records);
      this.mended = { records: records.length, droppedBytes, keptCopy };
      return { records };
    }
  }

  async write(data: AuditFile): Promise<void> {
    const records = data.records;
    if (this.onDisk === 0 || records.length < this.onDisk) return this.writeWhole(records);
    if (records.length === this.onDisk) return;
    const fresh = records.slice(this.onDisk).map((r) => this.line(r));
    const buf = Buffer.from(`,\n${fresh.join(',\n')}${SEGMENT_END}`);
    const fh = await open(this.path, 'r+');
    try {
      const { bytesWritten } = await fh.write(buf, 0, buf.length, this.tail);
      if (bytesWritten !== buf.length) {
        this.mayHaveGarbage = true;
        throw new AuditStoreError('unreadable', this.path, `short write (${bytesWritten} of ${buf.length} bytes)`);
      }
      if (this.mayHaveGarbage) await fh.truncate(this.tail + buf.length);
      // Acknowledged means on the disk, not in the page cache: a power cut keeps it.
      await fh.datasync();
    } catch (err) {
      this.mayHaveGarbage = true;
      throw err;
    } finally {
      await fh.close();
    }
    this.mayHaveGarbage = false;
    this.onDisk = records.length;
    this.tail += buf.length - SEGMENT_END.length;
  }

  /** Moves the active file to `target` (atomic); the next write starts a new file. */
  async sealTo(target: string): Promise<void> {
    await rename(this.path, target);
    await syncDirectory(dirname(this.path));
    this.onDisk = 0;
    this.tail = 0;
    this.mayHaveGarbage = false;
  }

  /** The record's JSON line, cached: records are immutable once chained. */
  line(r: AuditRecord): string {
    let l = this.lines.get(r);
    if (l === undefined) {
      l = JSON.stringify(r);
      this.lines.set(r, l);
    }
    return l;
  }

  private async writeWhole(records: readonly AuditRecord[]): Promise<void> {
    const text = serialiseSegment(records, (r) => this.line(r));
    await this.whole.write(text);
    this.mayHaveGarbage = false;
    this.track(records, text);
  }

  /** Notes what the file holds; a file not ending in our closing is rewritten whole next time. */
  private track(records: readonly AuditRecord[], text: string): void {
    const ours = records.length > 0 && text.endsWith(SEGMENT_END);
    this.onDisk = ours ? records.length : 0;
    this.tail = ours ? Buffer.byteLength(text) - SEGMENT_END.length : 0;
  }
}
