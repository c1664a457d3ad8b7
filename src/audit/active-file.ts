import { open, readFile, rename, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Adapter } from 'lowdb';
import type { AuditRecord } from '../core/ports.js';
import { AuditStoreError, parseSegment, serialiseSegment, SEGMENT_END, SEGMENT_HEAD, type AuditFile } from './segments.js';
import { wholeRecordsBeforeTear, type TailMend } from './torn-tail.js';
import { DurableTextFile, syncDirectory, writeNewFileDurably } from './durable-file.js';

/** The file operations a positional append needs; tests hand in failing ones (a short write, a failed fsync). */
export type OpenForAppend = (path: string) => Promise<Pick<FileHandle, 'write' | 'truncate' | 'datasync' | 'close'>>;
const openForAppend: OpenForAppend = (path) => open(path, 'r+');

/**
 * lowdb adapter for the trail's active file, which only ever grows. A commit writes just its
 * new records, in place over the closing `\n]}\n`, in one positional write that ends with a
 * new closing: the file is valid JSON before the write and after it, and the records already
 * acknowledged are never rewritten, so a commit costs the same with 10 records on disk or
 * 5,000. Only a file that is new (or not in our layout) is written whole, atomically (temp
 * file, then rename). Every write is fsynced before it is acknowledged (durable-file.ts).
 *
 * A write that fails puts the closing back where it was, so the file on disk holds only the
 * acknowledged records again; one torn by a power cut or a kill leaves a fragment after the
 * last whole record, which read() cuts off (see torn-tail.ts) and reports in `mended`.
 */
export class ActiveSegmentFile implements Adapter<AuditFile> {
  private readonly whole: DurableTextFile;
  private readonly lines = new WeakMap<AuditRecord, string>();
  /** Records known to be in the file, and the byte offset of its closing `\n]}\n`. */
  private onDisk = 0;
  private tail = 0;
  /** Bytes past the closing may be on disk (a write failed and the closing could not be put back). */
  private mayHaveGarbage = false;
  /** Set by read() when it found a torn last write: what it kept, dropped and copied aside. */
  mended: TailMend | undefined;

  constructor(
    readonly path: string,
    private readonly now: () => number,
    private readonly openFile: OpenForAppend = openForAppend,
  ) {
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
      const { records, keptBytes } = wholeRecordsBeforeTear(raw, err);
      // The file as found, byte for byte, kept for whoever looks into it; the caller's next
      // write (the record of this mend) replaces the torn file whole.
      const bytes = await readFile(this.path);
      const keptCopy = `${this.path}.torn-${new Date(this.now()).toISOString().replace(/[:.]/g, '-')}`;
      await writeNewFileDurably(keptCopy, bytes);
      this.mended = { records: records.length, droppedBytes: bytes.length - keptBytes, keptCopy };
      // Nothing counts as on disk, so the next write replaces the torn file whole.
      this.onDisk = 0;
      return { records };
    }
  }

  async write(data: AuditFile): Promise<void> {
    const records = data.records;
    if (this.onDisk === 0 || records.length < this.onDisk) return this.writeWhole(records);
    if (records.length === this.onDisk) return;
    const fresh = records.slice(this.onDisk).map((r) => this.line(r));
    const buf = Buffer.from(`,\n${fresh.join(',\n')}${SEGMENT_END}`);
    const fh = await this.openFile(this.path);
    try {
      // Cut what a failed write left first, so that a tear now leaves a clean prefix.
      if (this.mayHaveGarbage) await fh.truncate(this.tail);
      this.mayHaveGarbage = true;
      const { bytesWritten } = await fh.write(buf, 0, buf.length, this.tail);
      if (bytesWritten !== buf.length) {
        throw new AuditStoreError('unreadable', this.path, `short write (${bytesWritten} of ${buf.length} bytes)`);
      }
      // Acknowledged means on the disk, not in the page cache: a power cut keeps it.
      await fh.datasync();
    } catch (err) {
      await this.putClosingBack(fh);
      throw err;
    } finally {
      await fh.close();
    }
    this.mayHaveGarbage = false;
    this.onDisk = records.length;
    this.tail += buf.length - SEGMENT_END.length;
  }

  /**
   * Moves the active file to `target` (atomic rename); the next write starts a new file. A
   * sealed segment is never written again, so what a failed write left is cut off first.
   */
  async sealTo(target: string): Promise<void> {
    if (this.mayHaveGarbage && this.onDisk > 0) {
      const fh = await this.openFile(this.path);
      try {
        await this.putClosingBack(fh);
      } finally {
        await fh.close();
      }
      if (this.mayHaveGarbage) throw new AuditStoreError('unreadable', this.path, 'could not restore the file after a failed write');
    }
    await rename(this.path, target);
    this.onDisk = 0;
    this.tail = 0;
    this.mayHaveGarbage = false;
  }

  /** Makes the last seal's rename durable; apart from sealTo so a failure here leaves no state half changed. */
  syncDirectory(): Promise<void> {
    return syncDirectory(dirname(this.path));
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

  /** Best effort after a failed write: the closing back at `tail` and nothing after it. */
  private async putClosingBack(fh: Awaited<ReturnType<OpenForAppend>>): Promise<void> {
    try {
      await fh.write(Buffer.from(SEGMENT_END), 0, SEGMENT_END.length, this.tail);
      await fh.truncate(this.tail + SEGMENT_END.length);
      await fh.datasync();
      this.mayHaveGarbage = false;
    } catch {
      this.mayHaveGarbage = true; // the next write or seal cuts it
    }
  }

  private async writeWhole(records: readonly AuditRecord[]): Promise<void> {
    const text = serialiseSegment(records, (r) => this.line(r));
    await this.whole.write(text);
    this.mayHaveGarbage = false;
    this.track(records, text);
  }

  /**
   * Notes what the file holds. Appending in place needs our layout: the head on its own line,
   * one record a line, the closing at the very end (N records: N + 2 newlines; JSON strings
   * hold none). Any other file is rewritten whole by the next write. (Not a comparison with
   * serialiseSegment: parsing reorders a record's keys, so the text would never match.)
   */
  private track(records: readonly AuditRecord[], text: string): void {
    let newlines = 0;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) newlines++;
    const ours =
      records.length > 0 && text.startsWith(`${SEGMENT_HEAD}\n`) && text.endsWith(SEGMENT_END) && newlines === records.length + 2;
    this.onDisk = ours ? records.length : 0;
    this.tail = ours ? Buffer.byteLength(text) - SEGMENT_END.length : 0;
  }
}
