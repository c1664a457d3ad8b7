/**
 * A TCP proxy in front of PostgreSQL that counts round trips: every simple Query ('Q') and every
 * Sync ('S', the end of an extended-protocol exchange) a client sends waits for the server's
 * ReadyForQuery, so their count is the number of round trips, whatever the client library does.
 * The bench points fronts and workers at it; pg_stat_statements would need a preload the shared
 * server does not have.
 */
import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;
const QUERY = 'Q'.charCodeAt(0);
const SYNC = 'S'.charCodeAt(0);

/** Counts the round-trip messages in one client's stream, chunk by chunk. */
function roundTripCounter(onRoundTrip: () => void): (chunk: Buffer) => void {
  let buf: Buffer = Buffer.alloc(0);
  let started = false;
  return (chunk) => {
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
    for (;;) {
      if (!started) {
        // Startup (and SSL/GSS requests): length, then a code; no type byte.
        if (buf.length < 8) return;
        const len = buf.readInt32BE(0);
        if (buf.length < len) return;
        const code = buf.readInt32BE(4);
        started = code !== SSL_REQUEST && code !== GSS_REQUEST;
        buf = buf.subarray(len);
        continue;
      }
      if (buf.length < 5) return;
      const len = buf.readInt32BE(1);
      if (buf.length < 1 + len) return;
      if (buf[0] === QUERY || buf[0] === SYNC) onRoundTrip();
      buf = buf.subarray(1 + len);
    }
  };
}

export interface CountingProxy {
  /** The database URL through the proxy. */
  url: string;
  roundTrips(): number;
  close(): Promise<void>;
}

export async function countingProxy(databaseUrl: string): Promise<CountingProxy> {
  const target = new URL(databaseUrl);
  let count = 0;
  const sockets = new Set<Socket>();
  const track = (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
  };
  const server = createServer({ noDelay: true }, (client) => {
    const upstream = connect({ host: target.hostname || '127.0.0.1', port: Number(target.port || 5432), noDelay: true });
    track(client);
    track(upstream);
    const feed = roundTripCounter(() => count++);
    client.on('data', feed);
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String((server.address() as AddressInfo).port);
  return {
    url: url.toString(),
    roundTrips: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
