/**
 * One NETCONF session on a simulated device (RFC 6241 over RFC 6242): the server's hello
 * first, the client's hello read (base:1.1 on both sides switches to chunked framing), then
 * each `<rpc>` answered in order with an `<rpc-reply>` carrying the rpc's attributes
 * (`message-id`). What the device can do is its `NetconfDevice` (junos-rpcs.ts); an
 * operation it does not know, a malformed message or a missing message-id is an `rpc-error`
 * reply and the session goes on; broken framing or a missing hello ends it.
 */
import { FrameDecoder, FramingError, frame, type Framing } from './framing.js';
import { child, escapeXml, parseXml, XmlError, type XmlElement } from './xml.js';

export const BASE_NS = 'urn:ietf:params:xml:ns:netconf:base:1.0';
export const BASE_1_0 = 'urn:ietf:params:netconf:base:1.0';
export const BASE_1_1 = 'urn:ietf:params:netconf:base:1.1';

/** One `<rpc-error>` (RFC 6241 4.3); `info` is the body of `<error-info>`, already XML. */
export interface RpcError {
  type: 'transport' | 'rpc' | 'protocol' | 'application';
  tag: string;
  severity?: 'error' | 'warning';
  message: string;
  info?: string;
}

/** What an operation answers: `<ok/>`, data elements (XML text), or errors. */
export type RpcAnswer = { kind: 'ok' } | { kind: 'data'; xml: string } | { kind: 'errors'; errors: RpcError[] };

export const ok = (): RpcAnswer => ({ kind: 'ok' });
export const data = (xml: string): RpcAnswer => ({ kind: 'data', xml });
export const failed = (...errors: RpcError[]): RpcAnswer => ({ kind: 'errors', errors });

/** What a device serves over NETCONF: its capabilities, the attributes its replies carry, its operations. */
export interface NetconfDevice {
  capabilities: string[];
  /** Namespace declarations on every `<rpc-reply>` (Junos's `xmlns:junos`). */
  replyNamespaces?: Record<string, string>;
  /** Operations by element name; the argument is the operation element (`<lock>` inside `<rpc>`). */
  operations: Record<string, (op: XmlElement) => RpcAnswer>;
  /** The session ended (close-session or the channel went): locks and uncommitted work go. */
  closed(): void;
}

export interface NetconfIo {
  write(data: Buffer): void;
  close(): void;
}

export function errorXml(e: RpcError): string {
  return [
    '<rpc-error>',
    `<error-type>${e.type}</error-type>`,
    `<error-tag>${e.tag}</error-tag>`,
    `<error-severity>${e.severity ?? 'error'}</error-severity>`,
    `<error-message>${escapeXml(e.message)}</error-message>`,
    ...(e.info ? [`<error-info>${e.info}</error-info>`] : []),
    '</rpc-error>',
  ].join('\n');
}

export class NetconfSession {
  private readonly decoder = new FrameDecoder();
  private helloSeen = false;
  private ended = false;

  constructor(
    private readonly device: NetconfDevice,
    private readonly io: NetconfIo,
    readonly id: number,
  ) {}

  get framing(): Framing {
    return this.decoder.framing;
  }

  /** The server's hello goes first, framed for base:1.0 (RFC 6242 4.1). */
  start(): void {
    const caps = this.device.capabilities.map((c) => `<capability>${escapeXml(c)}</capability>`).join('\n');
    this.send(
      `<?xml version="1.0" encoding="UTF-8"?>\n<hello xmlns="${BASE_NS}">\n<capabilities>\n${caps}\n</capabilities>\n<session-id>${this.id}</session-id>\n</hello>`,
    );
  }

  input(bytes: Buffer | string): void {
    if (this.ended) return;
    this.decoder.push(bytes);
    try {
      for (let m = this.decoder.next(); m !== undefined && !this.ended; m = this.decoder.next()) this.message(m);
    } catch (e) {
      // Bytes that break the framing leave no way to find the next message.
      if (e instanceof FramingError) return this.end();
      throw e;
    }
  }

  /** The channel went: the session ends as a close-session would. */
  stop(): void {
    if (this.ended) return;
    this.ended = true;
    this.device.closed();
  }

  private end(): void {
    this.stop();
    this.io.close();
  }

  /** Only the hello carries an XML declaration: ncclient's Junos handler cannot re-parse a reply that has one. */
  private send(xml: string): void {
    this.io.write(frame(xml, this.decoder.framing));
  }

  private message(text: string): void {
    let doc: XmlElement;
    try {
      doc = parseXml(text);
    } catch (e) {
      if (!(e instanceof XmlError)) throw e;
      // Before the hello a malformed message ends the session; after it, the client hears why.
      if (!this.helloSeen) return this.end();
      return this.reply({}, failed({ type: 'rpc', tag: 'malformed-message', message: `malformed message: ${e.message}` }));
    }
    if (!this.helloSeen) return this.hello(doc);
    if (doc.name !== 'rpc') {
      return this.reply({}, failed({ type: 'rpc', tag: 'unknown-element', message: `expected <rpc>, got <${doc.name}>` }));
    }
    this.rpc(doc);
  }

  private hello(doc: XmlElement): void {
    const caps = doc.name === 'hello' ? (child(doc, 'capabilities')?.children ?? []).map((c) => c.text.trim()) : [];
    // A client that speaks neither base version (or sends no hello) cannot be served (RFC 6241 8.1).
    if (!caps.includes(BASE_1_0) && !caps.includes(BASE_1_1)) return this.end();
    this.helloSeen = true;
    if (caps.includes(BASE_1_1) && this.device.capabilities.includes(BASE_1_1)) this.decoder.framing = 'chunked';
  }

  private rpc(doc: XmlElement): void {
    const attrs = doc.attrs;
    if (attrs['message-id'] === undefined) {
      return this.reply(
        attrs,
        failed({
          type: 'rpc',
          tag: 'missing-attribute',
          message: 'rpc has no message-id',
          info: '<bad-attribute>message-id</bad-attribute><bad-element>rpc</bad-element>',
        }),
      );
    }
    const op = doc.children[0];
    if (!op || doc.children.length > 1) {
      return this.reply(attrs, failed({ type: 'rpc', tag: 'malformed-message', message: 'an rpc holds exactly one operation' }));
    }
    if (op.name === 'close-session') {
      this.reply(attrs, ok());
      return this.end();
    }
    const handler = this.device.operations[op.name];
    if (!handler) {
      return this.reply(
        attrs,
        failed({
          type: 'protocol',
          tag: 'operation-not-supported',
          message: 'syntax error',
          info: `<bad-element>${escapeXml(op.name)}</bad-element>`,
        }),
      );
    }
    this.reply(attrs, handler(op));
  }

  private reply(attrs: Record<string, string>, answer: RpcAnswer): void {
    const ns = Object.entries(this.device.replyNamespaces ?? {}).map(([p, uri]) => ` xmlns:${p}="${escapeXml(uri)}"`);
    const at = Object.entries(attrs).map(([k, v]) => ` ${k}="${escapeXml(v)}"`);
    const body = answer.kind === 'ok' ? '<ok/>' : answer.kind === 'data' ? answer.xml : answer.errors.map(errorXml).join('\n');
    this.send(`<rpc-reply xmlns="${BASE_NS}"${ns.join('')}${at.join('')}>\n${body}\n</rpc-reply>`);
  }
}
