import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Request and response plumbing for the fake Web API. Slack accepts form-encoded and JSON bodies
 * (https://docs.slack.dev/apis/web-api/#posting-json). WebClient sends form-encoded bodies in which
 * nested values (blocks, attachments, files) are JSON strings, so those are parsed back here; a
 * value that is not valid JSON stays a string, and the limit checks then refuse it as Slack would.
 */

const JSON_FIELDS = ['blocks', 'attachments', 'files'] as const;
/** Arguments Slack documents as integers; form bodies carry them as strings. */
const NUMBER_FIELDS = ['length'] as const;

export type Args = Record<string, unknown>;

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Arguments from the query string and the body, whatever its content type. */
export async function parseArgs(req: IncomingMessage, body: Buffer): Promise<Args> {
  const url = new URL(req.url ?? '/', 'http://fake');
  const args: Args = Object.fromEntries(url.searchParams);
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json' && body.length) {
    Object.assign(args, JSON.parse(body.toString('utf8')) as Args);
  } else if (type === 'application/x-www-form-urlencoded') {
    Object.assign(args, Object.fromEntries(new URLSearchParams(body.toString('utf8'))));
  } else if (type === 'multipart/form-data') {
    Object.assign(args, await parseMultipart(req, body));
  }
  for (const field of JSON_FIELDS) args[field] = parseJsonField(args[field]);
  for (const field of NUMBER_FIELDS) if (typeof args[field] === 'string') args[field] = Number(args[field]);
  return args;
}

function parseJsonField(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** Multipart fields: strings stay strings, file parts become Buffers. */
export async function parseMultipart(req: IncomingMessage, body: Buffer): Promise<Record<string, string | Buffer>> {
  // undici's Response parses multipart/form-data for us; Node 20 ships it as the global fetch.
  const form = await new Response(new Uint8Array(body), { headers: { 'content-type': String(req.headers['content-type']) } }).formData();
  const out: Record<string, string | Buffer> = {};
  for (const [name, value] of form.entries()) {
    out[name] = typeof value === 'string' ? value : Buffer.from(await value.arrayBuffer());
  }
  return out;
}

/** The token a call carries: the Authorization header first, then a `token` argument. */
export function bearerToken(req: IncomingMessage, args: Args): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  return typeof args.token === 'string' ? args.token : undefined;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
