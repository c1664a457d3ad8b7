import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { bearerToken, parseArgs, parseMultipart, readBody, sendJson, sendText, type Args } from './fake-slack-http.js';
import { METHODS, receiveUpload, type Answer, type Identity, type MethodContext } from './fake-slack-methods.js';
import { FakeSocketMode, type AckResult, type EnvelopeType } from './fake-slack-socket.js';
import { SlackStore, type StoredEphemeral, type StoredFile, type StoredMessage } from './fake-slack-store.js';

/**
 * A fake Slack Web API (and Socket Mode endpoint) on loopback, for integration tests of the Slack
 * adapter. Point Bolt or a WebClient at it with `clientOptions: { slackApiUrl: fake.apiUrl }`.
 * It keeps what was posted, refuses what Slack refuses (limits, unknown messages, bad tokens) and
 * records each broken limit in `violations`, so a test can end with
 * `assert.deepEqual(fake.violations, [])`.
 */

export interface FakeSlackOptions {
  /** The bot token every Web API method except apps.connections.open requires. */
  token?: string;
  /** The app-level token apps.connections.open requires. */
  appToken?: string;
  identity?: Partial<Identity>;
  /** Channel id -> name, for conversations.info (other well-formed ids get a made-up name). */
  channels?: Record<string, string>;
  /** User id -> name, for users.info (other well-formed ids get their id as name). */
  users?: Record<string, string>;
  /** User group id (S...) -> member user ids, for usergroups.users.list. */
  userGroups?: Record<string, string[]>;
  /** chat.update of one message more often than this is a violation (default 800 ms). */
  minUpdateIntervalMs?: number;
  /** The time chat.update pacing is judged by (default the machine's); tests of the pacing check move it by hand. */
  clock?: { now(): number };
  /** Delay before each answer, fixed or per method. */
  latencyMs?: number | ((method: string) => number);
  /** A Socket Mode ack later than this is a violation (default 3000 ms, Slack's limit). */
  ackDeadlineMs?: number;
  /** The random source that picks a Socket Mode connection for each envelope (default Math.random). */
  random?: () => number;
}

export interface ApiCall {
  /** The Web API method, or 'upload' for a POST of file bytes to an upload URL. */
  method: string;
  args: Record<string, unknown>;
  /** Date.now() when the request arrived. */
  at: number;
  status: number;
  /** Slack's error code when the answer was { ok: false }. */
  error?: string;
}

export interface RateLimit {
  count: number;
  retryAfterSec: number;
}

export const FAKE_BOT_TOKEN = 'xoxb-fake-bot-token';
export const FAKE_APP_TOKEN = 'xapp-1-fake-app-token';

const DEFAULT_IDENTITY: Identity = {
  teamId: 'T0FAKE001',
  teamDomain: 'fake-netops',
  botUserId: 'U0FAKEBOT',
  botId: 'B0FAKEBOT',
  appId: 'A0FAKEAPP',
};

export class FakeSlack {
  readonly calls: ApiCall[] = [];
  readonly violations: string[] = [];
  latencyMs: number | ((method: string) => number);

  private readonly store = new SlackStore();
  private readonly rateLimits = new Map<string, RateLimit>();
  private readonly socket: FakeSocketMode;
  private readonly ctx: MethodContext;
  private readonly token: string;
  private readonly appToken: string;

  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
    o: FakeSlackOptions,
  ) {
    this.token = o.token ?? FAKE_BOT_TOKEN;
    this.appToken = o.appToken ?? FAKE_APP_TOKEN;
    this.latencyMs = o.latencyMs ?? 0;
    const identity = { ...DEFAULT_IDENTITY, ...o.identity };
    const violate = (message: string) => void this.violations.push(message);
    this.socket = new FakeSocketMode({ appId: identity.appId, ackDeadlineMs: o.ackDeadlineMs ?? 3000, violate, random: o.random });
    this.ctx = {
      store: this.store,
      identity,
      baseUrl,
      channelNames: new Map(Object.entries(o.channels ?? {})),
      userNames: new Map(Object.entries(o.users ?? {})),
      userGroups: new Map(Object.entries(o.userGroups ?? {})),
      minUpdateIntervalMs: o.minUpdateIntervalMs ?? 800,
      lastUpdateAt: new Map(),
      now: () => (o.clock ? o.clock.now() : Date.now()),
      violate,
      openSocketUrl: () => this.socket.issueUrl(baseUrl.replace(/^http/, 'ws')),
    };
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void this.route(req, res));
    server.on('upgrade', (req, socket, head: Buffer) => this.socket.handleUpgrade(req, socket, head));
  }

  static async start(o: FakeSlackOptions = {}): Promise<FakeSlack> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    return new FakeSlack(server, `http://127.0.0.1:${port}`, o);
  }

  /** WebClient appends the method name, so this ends with /api/. */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  get identity(): Identity {
    return { ...this.ctx.identity };
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Answers the next `count` calls of `method` with HTTP 429, Retry-After and { ok: false, error: 'ratelimited' }. */
  rateLimit(method: string, limit: RateLimit): void {
    this.rateLimits.set(method, { ...limit });
  }

  messages(): StoredMessage[] {
    return this.store.messages();
  }

  message(channel: string, ts: string): StoredMessage | undefined {
    return this.store.message(channel, ts);
  }

  /** Thread replies under a parent message, oldest first. */
  replies(channel: string, threadTs: string): StoredMessage[] {
    return this.store.replies(channel, threadTs);
  }

  ephemerals(): StoredEphemeral[] {
    return this.store.ephemerals();
  }

  files(): StoredFile[] {
    return this.store.files();
  }

  /** Delivers an envelope on one Socket Mode connection: `to` (an id of `socketConnectionIds`), or one at random as Slack does. */
  sendEnvelope(type: EnvelopeType, payload: object, o: { timeoutMs?: number; to?: number } = {}): Promise<AckResult> {
    return this.socket.sendEnvelope(type, payload, o.timeoutMs, o.to);
  }

  /** The ids of the open Socket Mode connections, in connect order. */
  get socketConnectionIds(): number[] {
    return this.socket.connectionIds;
  }

  get socketConnections(): number {
    return this.socket.connections;
  }

  waitForSocket(timeoutMs?: number): Promise<void> {
    return this.socket.waitForConnection(timeoutMs);
  }

  /** Sends Slack's `disconnect` message, as when Slack refreshes a connection. */
  disconnectSockets(reason?: string): void {
    this.socket.disconnectAll(reason);
  }

  /**
   * Stop Socket Mode clients (`await client.disconnect()`, `await app.stop()`) before this:
   * a client that sees the server go away reconnects, and SocketModeClient's default
   * retryConfig (100 retries) then keeps the test process alive against a closed port.
   */
  async close(): Promise<void> {
    await this.socket.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const call: ApiCall = { method: '', args: {}, at: Date.now(), status: 200 };
    try {
      const path = new URL(req.url ?? '/', 'http://fake').pathname;
      const body = await readBody(req);
      if (path.startsWith('/upload/')) return await this.upload(req, res, call, decodeURIComponent(path.slice('/upload/'.length)), body);
      if (!path.startsWith('/api/')) return sendText(res, 404, 'not found');
      call.method = decodeURIComponent(path.slice('/api/'.length));
      this.calls.push(call);
      await this.delay(call.method);
      const retryAfter = this.takeRateLimit(call.method);
      if (retryAfter !== undefined) {
        Object.assign(call, { status: 429, error: 'ratelimited' });
        return sendJson(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(retryAfter) });
      }
      const answer = await this.answer(req, body, call);
      if (!answer.ok) call.error = String(answer.error);
      sendJson(res, 200, answer);
    } catch (error) {
      // A bug in the fake must fail the test that hit it, not hang it.
      this.violations.push(`fake-slack: ${call.method || req.url}: ${String(error)}`);
      Object.assign(call, { status: 500 });
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'fake_internal_error' });
    }
  }

  private async answer(req: IncomingMessage, body: Buffer, call: ApiCall): Promise<Answer> {
    let args: Args;
    try {
      args = await parseArgs(req, body);
    } catch {
      return { ok: false, error: 'invalid_json' };
    }
    call.args = args;
    const spec = METHODS[call.method];
    if (!spec) return { ok: false, error: 'unknown_method' };
    const token = bearerToken(req, args);
    if (!token) return { ok: false, error: 'not_authed' };
    const [expected, other] = spec.token === 'bot' ? [this.token, this.appToken] : [this.appToken, this.token];
    if (token === other) return { ok: false, error: 'not_allowed_token_type' };
    if (token !== expected) return { ok: false, error: 'invalid_auth' };
    return spec.handle(args, this.ctx);
  }

  private async upload(req: IncomingMessage, res: ServerResponse, call: ApiCall, fileId: string, body: Buffer): Promise<void> {
    const isMultipart = String(req.headers['content-type'] ?? '').startsWith('multipart/form-data');
    const parts = isMultipart ? Object.values(await parseMultipart(req, body)) : [body];
    const bytes = parts.find((p): p is Buffer => Buffer.isBuffer(p)) ?? Buffer.alloc(0);
    Object.assign(call, { method: 'upload', args: { file_id: fileId, bytes: bytes.length } });
    this.calls.push(call);
    await this.delay('upload');
    const { status, text } = receiveUpload(this.store, fileId, bytes);
    call.status = status;
    sendText(res, status, text);
  }

  private async delay(method: string): Promise<void> {
    const ms = typeof this.latencyMs === 'function' ? this.latencyMs(method) : this.latencyMs;
    if (ms > 0) await sleep(ms);
  }

  private takeRateLimit(method: string): number | undefined {
    const limit = this.rateLimits.get(method);
    if (!limit || limit.count <= 0) return undefined;
    limit.count -= 1;
    return limit.retryAfterSec;
  }
}
