import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * The Socket Mode side of the fake, shaped after Slack's guide
 * (https://docs.slack.dev/apis/events-api/using-socket-mode, "Socket Mode implementation"):
 * apps.connections.open hands out a one-time URL; on connect the server sends `hello`;
 * each delivery is an envelope `{ envelope_id, type, payload, accepts_response_payload }`
 * which the app acknowledges with `{ envelope_id, payload? }`, within 3 seconds. With several
 * connections open (several app instances, or one refreshing), Slack delivers each envelope on
 * one of them at random; so does the fake, from an injectable random source, unless a test names
 * the connection (to make "the click reaches the other front" happen on purpose).
 */

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

export interface AckResult {
  envelope_id: string;
  /** The `payload` the app sent with its ack (a response for slash commands and some interactions). */
  ackPayload: unknown;
  ackedAfterMs: number;
  /** The id of the connection the envelope was delivered on (ids count up from 1 in connect order). */
  connection: number;
}

interface Pending {
  sentAt: number;
  connection: number;
  resolve(result: AckResult): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

export interface SocketOptions {
  appId: string;
  /** Slack expects an ack within 3 s; a later ack is recorded as a violation. */
  ackDeadlineMs: number;
  violate(message: string): void;
  /** Picks the connection of each envelope: a number in [0, 1), as Math.random (the default). */
  random?: () => number;
}

export class FakeSocketMode {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly tickets = new Set<string>();
  private readonly sockets: WebSocket[] = [];
  private readonly ids = new Map<WebSocket, number>();
  private lastId = 0;
  private readonly pending = new Map<string, Pending>();
  private readonly connectWaiters: (() => void)[] = [];

  constructor(private readonly o: SocketOptions) {}

  /** A one-time ws:// URL, as apps.connections.open returns. */
  issueUrl(wsBase: string): string {
    const ticket = randomUUID();
    this.tickets.add(ticket);
    return `${wsBase}/socket?ticket=${ticket}`;
  }

  get connections(): number {
    return this.sockets.length;
  }

  /** The ids of the open connections, in connect order. */
  get connectionIds(): number[] {
    return this.sockets.map((ws) => this.ids.get(ws)!);
  }

  /** Resolves once at least one client has connected (and been sent hello). */
  async waitForConnection(timeoutMs = 5000): Promise<void> {
    if (this.sockets.length) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no Socket Mode connection within ${timeoutMs} ms`)), timeoutMs);
      this.connectWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** For the HTTP server's 'upgrade' event: accepts /socket?ticket=<issued ticket> once. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    const ticket = url.searchParams.get('ticket') ?? '';
    if (url.pathname !== '/socket' || !this.tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  private accept(ws: WebSocket): void {
    this.sockets.push(ws);
    this.ids.set(ws, ++this.lastId);
    const connection = this.lastId;
    ws.on('message', (data) => this.onMessage(String(data), connection));
    ws.on('close', () => {
      const at = this.sockets.indexOf(ws);
      if (at >= 0) this.sockets.splice(at, 1);
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.sockets.length,
        debug_info: { host: 'fake-slack-applink', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: this.o.appId },
      }),
    );
    for (const wake of this.connectWaiters.splice(0)) wake();
  }

  private onMessage(text: string, connection: number): void {
    let ack: { envelope_id?: unknown; payload?: unknown };
    try {
      ack = JSON.parse(text) as typeof ack;
    } catch {
      this.o.violate(`socket: a message that is not JSON: ${text.slice(0, 80)}`);
      return;
    }
    const id = String(ack.envelope_id);
    const pending = this.pending.get(id);
    if (!pending) {
      this.o.violate(`socket: ack for an unknown or already acked envelope ${id}`);
      return;
    }
    this.pending.delete(id);
    clearTimeout(pending.timer);
    const ackedAfterMs = Date.now() - pending.sentAt;
    if (ackedAfterMs > this.o.ackDeadlineMs) {
      this.o.violate(`socket: envelope ${id} acked after ${ackedAfterMs} ms (deadline ${this.o.ackDeadlineMs} ms)`);
    }
    if (pending.connection !== connection) this.o.violate(`socket: envelope ${id} acked on another connection`);
    pending.resolve({ envelope_id: id, ackPayload: ack.payload, ackedAfterMs, connection: pending.connection });
  }

  /** Delivers one envelope on one connection (`to`, or one picked at random) and resolves with the app's ack. */
  sendEnvelope(type: EnvelopeType, payload: object, timeoutMs = 10_000, to?: number): Promise<AckResult> {
    if (!this.sockets.length) return Promise.reject(new Error('sendEnvelope: no Socket Mode client is connected'));
    const ws =
      to === undefined
        ? this.sockets[Math.floor((this.o.random ?? Math.random)() * this.sockets.length)]
        : this.sockets.find((s) => this.ids.get(s) === to);
    if (!ws) return Promise.reject(new Error(`sendEnvelope: no open connection ${to}`));
    const connection = this.ids.get(ws)!;
    const { event } = payload as { event?: { type?: unknown } };
    if (type === 'events_api' && typeof event?.type !== 'string') {
      // SocketModeClient reads payload.event.type and would crash on an unhandled rejection.
      return Promise.reject(new Error('sendEnvelope: an events_api payload needs event.type'));
    }
    const envelope_id = randomUUID();
    const envelope = {
      envelope_id,
      type,
      payload,
      accepts_response_payload: type !== 'events_api',
      ...(type === 'events_api' ? { retry_attempt: 0, retry_reason: '' } : {}),
    };
    return new Promise<AckResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(envelope_id);
        this.o.violate(`socket: envelope ${envelope_id} (${type}) never acked`);
        reject(new Error(`envelope ${envelope_id} not acked within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(envelope_id, { sentAt: Date.now(), connection, resolve, reject, timer });
      ws.send(JSON.stringify(envelope));
    });
  }

  /** Sends Slack's `disconnect` message (e.g. refresh_requested) to every client. */
  disconnectAll(reason = 'refresh_requested'): void {
    const message = JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'fake-slack-applink' } });
    for (const ws of this.sockets) ws.send(message);
  }

  async close(): Promise<void> {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new Error(`fake Slack closed before envelope ${id} was acked`));
    }
    this.pending.clear();
    // A close frame, not a cut: an undici client whose socket is cut mid-handshake keeps the
    // process alive for its 30 s close timeout. Clients that never answer are cut after a grace.
    await Promise.all([...this.sockets].map((ws) => closeGracefully(ws, 1000)));
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

function closeGracefully(ws: WebSocket, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (ws.readyState === ws.CLOSED) return resolve();
    const timer = setTimeout(() => {
      ws.terminate();
      resolve();
    }, graceMs);
    ws.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    if (ws.readyState === ws.OPEN) ws.close(1001, 'fake Slack closing');
  });
}
