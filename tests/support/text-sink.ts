import { Writable } from 'node:stream';

/** A stream that keeps what is written to it, for a console adapter's output in a test. */
export function textSink(): Writable & { text(): string } {
  let text = '';
  const out = new Writable({
    write(chunk, _e, done) {
      text += String(chunk);
      done();
    },
  });
  return Object.assign(out, { text: () => text });
}
