/**
 * NETCONF over SSH message framing (RFC 6242): base:1.0 ends each message with `]]>]]>`;
 * once both hellos name base:1.1, every later message is chunked (`\n#<size>\n<bytes>`
 * chunks, ended by `\n##\n`, sizes in octets). The decoder hands out one message at a time,
 * so the session can switch framing right after the hello, even when the client's first RPC
 * arrived in the same packet as its hello.
 */

export type Framing = 'end-of-message' | 'chunked';

export const END_OF_MESSAGE = ']]>]]>';
const EOM = Buffer.from(END_OF_MESSAGE);
/** RFC 6242 4.2: chunk-size is 1 to 4294967295, without leading zeros. */
const MAX_CHUNK = 4294967295;

export class FramingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FramingError';
  }
}

export class FrameDecoder {
  private buffer = Buffer.alloc(0);
  /** The chunks of a chunked message read so far. */
  private chunks: Buffer[] = [];

  constructor(public framing: Framing = 'end-of-message') {}

  push(data: Buffer | string): void {
    this.buffer = Buffer.concat([this.buffer, typeof data === 'string' ? Buffer.from(data) : data]);
  }

  /** The next whole message, or undefined until more bytes arrive. Throws FramingError on bytes that break the framing. */
  next(): string | undefined {
    return this.framing === 'chunked' ? this.nextChunked() : this.nextEom();
  }

  private nextEom(): string | undefined {
    const end = this.buffer.indexOf(EOM);
    if (end < 0) return undefined;
    const message = this.buffer.subarray(0, end).toString('utf8');
    this.buffer = this.buffer.subarray(end + EOM.length);
    return message;
  }

  private nextChunked(): string | undefined {
    for (;;) {
      // Whitespace between messages is tolerated, as real servers and ncclient do.
      if (this.chunks.length === 0) this.buffer = this.buffer.subarray(leadingSpace(this.buffer));
      const header = /^\n#(\d+|#)\n/.exec(this.buffer.subarray(0, 16).toString('latin1'));
      if (!header) {
        if (this.buffer.length >= 16 || (this.buffer.length > 0 && !/^\n(#(\d{0,10}|#)?)?$/.test(this.buffer.toString('latin1'))))
          throw new FramingError(`bad chunk header ${JSON.stringify(this.buffer.subarray(0, 16).toString('latin1'))}`);
        return undefined;
      }
      const size = header[1]!;
      if (size === '#') {
        if (this.chunks.length === 0) throw new FramingError('end of chunks before any chunk');
        this.buffer = this.buffer.subarray(header[0].length);
        const message = Buffer.concat(this.chunks).toString('utf8');
        this.chunks = [];
        return message;
      }
      const n = Number(size);
      if (size.startsWith('0') || n < 1 || n > MAX_CHUNK) throw new FramingError(`bad chunk size ${size}`);
      if (this.buffer.length < header[0].length + n) return undefined;
      this.chunks.push(this.buffer.subarray(header[0].length, header[0].length + n));
      this.buffer = this.buffer.subarray(header[0].length + n);
    }
  }
}

/** Whitespace before a chunk header; a LF that may start the header (`\n#`) stays. */
function leadingSpace(b: Buffer): number {
  let i = 0;
  for (; i < b.length; i++) {
    const c = b[i];
    if (c === 0x0a && (i + 1 === b.length || b[i + 1] === 0x23)) break;
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0x0a) break;
  }
  return i;
}

/** One message, framed as the session frames it now. */
export function frame(message: string, framing: Framing): Buffer {
  const body = Buffer.from(message, 'utf8');
  if (framing === 'end-of-message') return Buffer.concat([body, EOM]);
  return Buffer.concat([Buffer.from(`\n#${body.length}\n`), body, Buffer.from('\n##\n')]);
}
