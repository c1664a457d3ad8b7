/**
 * A purpose-built SSH device for the session tests: a real ssh2 server on loopback whose CLI
 * is a small script (what it answers to each typed line), for device behaviour the lab does
 * not show on purpose: an independent emulator's wording, a device that will not leave
 * configuration mode. Echo as a device does (never for a secret), CRLF line ends.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import type { Connection } from 'ssh2';
import type { Device, PlatformId } from '../../src/core/types.js';
import { KnownHosts } from '../../src/devices/known-hosts.js';
import { SshConnector } from '../../src/devices/ssh-connector.js';
import { ed25519KeyPair } from '../../src/lab/lab-server.js';
import { TEST_CREDENTIALS } from '../support/test-lab.js';

const { Server } = ssh2;

export interface CliScript {
  /** The prompt shown at login. */
  prompt(): string;
  /** The answer to a typed line (an empty one too: it may answer a question), ending with the next prompt or a question. */
  answer(line: string): string;
  /** The next line is a secret: not echoed. */
  hidden?(): boolean;
}

export interface ScriptedDevice {
  device: Device;
  /** Every line the client typed, in order (secrets included: the test's own). */
  typed: string[];
  connector(o?: { promptTimeoutMs?: number; enableSecret?: string }): Promise<SshConnector>;
  close(): Promise<void>;
}

function serveShell(client: Connection, script: CliScript, typed: string[]): void {
  client.on('session', (accept) => {
    const session = accept();
    session.on('pty', (ok) => ok?.());
    session.on('shell', (ok) => {
      const io = ok();
      const say = (text: string) => io.write(text.replace(/\r?\n/g, '\r\n'));
      let line = '';
      say(`\n${script.prompt()}`);
      io.on('data', (chunk: Buffer) => {
        for (const ch of chunk.toString('utf8')) {
          if (ch !== '\r' && ch !== '\n') {
            line += ch;
            continue;
          }
          const hidden = script.hidden?.() ?? false;
          typed.push(line);
          say(hidden ? '\n' : `${line}\n`);
          say(script.answer(line.trim()));
          line = '';
        }
      });
    });
  });
}

export async function startScriptedDevice(platform: PlatformId, script: () => CliScript): Promise<ScriptedDevice> {
  const key = ed25519KeyPair();
  const typed: string[] = [];
  const clients = new Set<Connection>();
  const server = new Server({ hostKeys: [key.private] }, (client) => {
    clients.add(client);
    client.on('close', () => clients.delete(client));
    client.on('error', () => undefined);
    client.on('authentication', (ctx) => {
      const ok = ctx.method === 'password' && ctx.username === TEST_CREDENTIALS.username && ctx.password === TEST_CREDENTIALS.password;
      if (ok) ctx.accept();
      else ctx.reject(['password']);
    });
    client.on('ready', () => serveShell(client, script(), typed));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  const dir = await mkdtemp(join(tmpdir(), 'netops-scripted-'));
  const knownHostsFile = join(dir, 'known_hosts');
  await writeFile(knownHostsFile, `[127.0.0.1]:${port} ${key.public.split(' ').slice(0, 2).join(' ')}\n`);
  return {
    device: { name: 'scripted-1', host: '127.0.0.1', port, platform, site: 'east', role: 'core', tags: [], credentials: 'default' },
    typed,
    connector: async (o = {}) =>
      new SshConnector({
        credentials: { default: { ...TEST_CREDENTIALS, enableSecret: o.enableSecret ?? TEST_CREDENTIALS.enableSecret } },
        knownHosts: await KnownHosts.load(knownHostsFile),
        trustOnFirstUse: false,
        connectTimeoutMs: 5000,
        promptTimeoutMs: o.promptTimeoutMs ?? 5000,
        keepaliveMs: 0,
      }),
    close: async () => {
      for (const c of clients) c.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
