/**
 * Clients of a lab device over real SSH on loopback (ssh2, host key checked against the lab's):
 * a NETCONF client on the `netconf` subsystem that frames by hand as RFC 6242 says (so the
 * server's framing is checked against the RFC, not against itself), and a CLI shell.
 */
import ssh2 from 'ssh2';
import type { ClientChannel } from 'ssh2';
import type { Lab } from '../../src/lab/lab-server.js';

const { Client } = ssh2;
const EOM = ']]>]]>';
export const BASE_1_0 = 'urn:ietf:params:netconf:base:1.0';
export const BASE_1_1 = 'urn:ietf:params:netconf:base:1.1';

/** Deadlines far above a lab answer, so a loaded machine is no failure. */
const DEADLINE_MS = 20_000;

async function connect(lab: Lab, name: string, user = lab.credentials.username): Promise<InstanceType<typeof Client>> {
  const d = lab.device(name);
  const client = new Client();
  await new Promise<void>((resolve, reject) => {
    client.once('ready', () => resolve());
    client.once('error', reject);
    client.connect({
      host: lab.host,
      port: d.port,
      username: user,
      password: lab.credentials.password,
      readyTimeout: DEADLINE_MS,
      hostVerifier: (key: Buffer) => key.toString('base64') === d.publicKey.split(' ')[1],
    });
  });
  return client;
}

/** Waits for `test` to hold on the text received so far; fails past the deadline with what did arrive. */
function until(get: () => string, test: (s: string) => boolean, on: ClientChannel, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!test(get())) return false;
      clearTimeout(timer);
      on.off('data', check);
      resolve();
      return true;
    };
    const timer = setTimeout(() => {
      on.off('data', check);
      reject(new Error(`no ${what} within ${DEADLINE_MS} ms; got ${JSON.stringify(get().slice(-500))}`));
    }, DEADLINE_MS);
    if (!check()) on.on('data', check);
  });
}

/** `\n#<octets>\n<message>\n##\n` parsed by hand: the messages, and what is left over. */
function unchunk(raw: Buffer): { messages: string[]; rest: Buffer } {
  const messages: string[] = [];
  let at = 0;
  /** Where the message being read starts: an unfinished one is left over whole. */
  let start = 0;
  let parts: Buffer[] = [];
  for (;;) {
    const m = /^\n#(\d+|#)\n/.exec(raw.subarray(at, at + 14).toString('latin1'));
    if (!m) break;
    if (m[1] === '#') {
      messages.push(Buffer.concat(parts).toString('utf8'));
      parts = [];
      at += m[0].length;
      start = at;
      continue;
    }
    const n = Number(m[1]);
    if (raw.length < at + m[0].length + n) break;
    parts.push(raw.subarray(at + m[0].length, at + m[0].length + n));
    at += m[0].length + n;
  }
  return { messages, rest: raw.subarray(start) };
}

export interface NetconfClient {
  /** The server's hello, as sent. */
  hello: string;
  /** Sends a raw message framed as the session frames now (EOM until both hellos name base:1.1). */
  send(message: string): void;
  /** The next reply, whole. */
  next(): Promise<string>;
  /** `<rpc message-id="n">op</rpc>`, and its reply. */
  rpc(op: string): Promise<string>;
  /** Bytes as received (for framing checks). */
  raw(): Buffer;
  /** Resolves when the server closes the channel. */
  closed: Promise<void>;
  end(): void;
}

export async function netconfClient(lab: Lab, name: string, o: { capabilities?: string[]; user?: string } = {}): Promise<NetconfClient> {
  const client = await connect(lab, name, o.user);
  const channel = await new Promise<ClientChannel>((resolve, reject) =>
    client.subsys('netconf', (err, ch) => (err ? reject(err) : resolve(ch))),
  );
  let buffer = Buffer.alloc(0);
  let all = Buffer.alloc(0);
  channel.on('data', (d: Buffer) => {
    buffer = Buffer.concat([buffer, d]);
    all = Buffer.concat([all, d]);
  });
  const closed = new Promise<void>((resolve) => channel.once('close', () => resolve()));
  let chunked = false;
  const eom = () => buffer.indexOf(EOM);
  const next = async (): Promise<string> => {
    if (!chunked) {
      await until(
        () => buffer.toString('utf8'),
        (s) => s.includes(EOM),
        channel,
        'end-of-message reply',
      );
      const msg = buffer.subarray(0, eom()).toString('utf8');
      buffer = buffer.subarray(eom() + EOM.length);
      return msg;
    }
    await until(
      () => buffer.toString('latin1'),
      () => unchunk(buffer).messages.length > 0,
      channel,
      'chunked reply',
    );
    const { messages, rest } = unchunk(buffer);
    // One message at a time: put back any after the first.
    buffer = Buffer.concat([...messages.slice(1).map((m) => Buffer.from(`\n#${Buffer.byteLength(m)}\n${m}\n##\n`)), rest]);
    return messages[0]!;
  };
  const send = (m: string) => channel.write(chunked ? `\n#${Buffer.byteLength(m)}\n${m}\n##\n` : `${m}${EOM}`);
  const hello = await next();
  const caps = o.capabilities ?? [BASE_1_0, BASE_1_1];
  send(
    `<hello xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"><capabilities>${caps.map((c) => `<capability>${c}</capability>`).join('')}</capabilities></hello>`,
  );
  chunked = caps.includes(BASE_1_1) && hello.includes(BASE_1_1);
  let id = 0;
  void closed.then(() => client.end());
  return {
    hello,
    send,
    next,
    rpc: (op) => {
      send(`<nc:rpc xmlns:nc="urn:ietf:params:xml:ns:netconf:base:1.0" message-id="${++id}">${op}</nc:rpc>`);
      return next();
    },
    raw: () => all,
    closed,
    end: () => client.end(),
  };
}

export interface Shell {
  /** Types a line; resolves with what came back up to the next prompt (or question). */
  type(line: string, until?: RegExp): Promise<string>;
  end(): void;
}

export async function cliShell(lab: Lab, name: string, user?: string): Promise<Shell> {
  const client = await connect(lab, name, user);
  const channel = await new Promise<ClientChannel>((resolve, reject) => client.shell((err, ch) => (err ? reject(err) : resolve(ch))));
  let out = '';
  channel.on('data', (d: Buffer) => {
    out += d.toString('utf8');
  });
  const prompt = /[>#] $/;
  await until(
    () => out,
    (s) => prompt.test(s),
    channel,
    'first prompt',
  );
  const type = async (line: string, end = prompt) => {
    out = '';
    channel.write(`${line}\r`);
    await until(
      () => out,
      (s) => end.test(s),
      channel,
      `answer to ${line}`,
    );
    return out.replace(/\r\n/g, '\n');
  };
  await type('set cli screen-length 0');
  return { type, end: () => client.end() };
}
