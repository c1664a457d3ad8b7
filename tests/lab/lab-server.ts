import { createServer, type Server as NetServer, type Socket } from 'node:net';
import { readFile, writeFile } from 'node:fs/promises';
import ssh2 from 'ssh2';
import type { Connection } from 'ssh2';
import { CliEmulator, type EmulatedDevice } from './cli-emulator.js';
import { LAB_PLATFORMS } from './lab-platforms.js';
import { captures, withHostname } from './captures.js';
import { iosRunningConfig } from './running-config.js';
import type { LabDeviceSpec } from './lab-definition.js';

const { Server, utils } = ssh2;

export interface LabCredentials {
  username: string;
  password: string;
  enableSecret: string;
}

export interface LabOptions {
  host: string;
  basePort: number;
  credentials: LabCredentials;
  devices: LabDeviceSpec[];
  /** Where the lab keeps its host keys between runs; generated in memory when absent. */
  hostKeyFile?: string;
  banner?: string;
}

export interface RunningDevice {
  spec: LabDeviceSpec;
  port: number;
  /** The key written to known_hosts (a changed-host-key device serves another). */
  publicKey: string;
}

export interface Lab {
  host: string;
  devices: RunningDevice[];
  credentials: LabCredentials;
  /** The inventory JSON this lab serves (no secrets in it). */
  inventory(): { devices: object[] };
  /** OpenSSH known_hosts lines for every device. */
  knownHosts(): string;
  close(): Promise<void>;
}

type KeyPair = { private: string; public: string };

/** ssh2's generator now and then emits an ed25519 key its own parser rejects (about 1 in 250): draw again. */
function generateHostKey(): KeyPair {
  for (;;) {
    const k = utils.generateKeyPairSync('ed25519');
    if (!(utils.parseKey(k.private) instanceof Error)) return k;
  }
}

async function loadHostKeys(path: string | undefined, names: string[]): Promise<Record<string, KeyPair>> {
  let keys: Record<string, KeyPair> = {};
  if (path) {
    try {
      keys = JSON.parse(await readFile(path, 'utf8')) as Record<string, KeyPair>;
    } catch {
      keys = {};
    }
  }
  let changed = false;
  for (const n of names) {
    if (!keys[n] || utils.parseKey(keys[n].private) instanceof Error) {
      keys[n] = generateHostKey();
      changed = true;
    }
  }
  if (path && changed) await writeFile(path, JSON.stringify(keys, null, 1), { mode: 0o600 });
  return keys;
}

const HOSTNAME_IN_VERSION = /^(\S+)\s+uptime is/m;

function emulatedDevice(spec: LabDeviceSpec, o: LabOptions, index: number): EmulatedDevice {
  const platform = LAB_PLATFORMS[spec.platform];
  if (!platform) throw new Error(`the lab cannot simulate ${spec.platform} yet`);
  const versions = captures(spec.platform, 'show_version');
  const version = versions[spec.captureIndex % Math.max(1, versions.length)] ?? '';
  return {
    hostname: spec.name,
    platform,
    enableSecret: o.credentials.enableSecret,
    latencyMs: spec.latencyMs,
    fault: spec.fault,
    pagingStuck: spec.pagingStuck,
    banner: o.banner ?? `\r\nnetops lab: simulated ${spec.platform} device ${spec.name}\r\nAuthorized access only.\r\n`,
    outputs: {
      'show-version': withHostname(version, HOSTNAME_IN_VERSION, spec.name),
      'show-running-config': () => iosRunningConfig(spec.name, index),
    },
  };
}

function serveShell(client: Connection, device: EmulatedDevice, creds: LabCredentials, refuseAuth: boolean): void {
  client.on('error', () => undefined);
  client.on('authentication', (ctx) => {
    const ok = (user: string, pw: string) => !refuseAuth && user === creds.username && pw === creds.password;
    if (ctx.method === 'password') return ok(ctx.username, ctx.password) ? ctx.accept() : ctx.reject(['password', 'keyboard-interactive']);
    if (ctx.method === 'keyboard-interactive') {
      return ctx.prompt([{ prompt: 'Password: ', echo: false }], (answers) =>
        ok(ctx.username, answers[0] ?? '') ? ctx.accept() : ctx.reject(['password', 'keyboard-interactive']));
    }
    ctx.reject(['password', 'keyboard-interactive']);
  });
  client.on('ready', () => {
    client.on('session', (acceptSession) => {
      const session = acceptSession();
      session.on('pty', (accept) => accept?.());
      session.on('window-change', (accept) => accept?.());
      session.on('env', (accept) => accept?.());
      session.on('shell', (accept) => {
        const stream = accept();
        const cli = new CliEmulator(device, {
          write: (t) => { if (stream.writable) stream.write(t); },
          close: () => { stream.exit(0); stream.end(); client.end(); },
        });
        stream.on('data', (d: Buffer) => cli.input(d.toString('utf8')));
        stream.on('close', () => cli.stop());
        stream.on('error', () => cli.stop());
        cli.start();
      });
    });
  });
}

/** Starts one SSH server per simulated device on loopback. */
export async function startLab(o: LabOptions): Promise<Lab> {
  const keys = await loadHostKeys(o.hostKeyFile, o.devices.map((d) => d.name));
  const servers: (InstanceType<typeof Server> | NetServer)[] = [];
  const sockets = new Set<Socket>();
  const clients = new Set<Connection>();
  const running: RunningDevice[] = [];
  for (const [i, spec] of o.devices.entries()) {
    const key = keys[spec.name]!;
    const served = spec.fault === 'changed-host-key' ? generateHostKey() : key;
    const device = emulatedDevice(spec, o, i);
    const server = spec.fault === 'silent'
      // Accepts TCP and never says a word: a black-holed management plane.
      ? createServer((s) => { sockets.add(s); s.on('error', () => undefined); s.on('close', () => sockets.delete(s)); })
      : new Server({ hostKeys: [served.private], ident: 'netops-lab' }, (client) => {
        clients.add(client);
        // Real devices send small SSH packets back to back; without this Nagle holds each for ~40 ms.
        (client as Connection & { setNoDelay(on: boolean): void }).setNoDelay(true);
        client.on('close', () => clients.delete(client));
        serveShell(client, device, o.credentials, spec.fault === 'refuse-auth');
      });
    const port = await new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(o.basePort === 0 ? 0 : o.basePort + i, o.host, () => {
        const addr = (server as NetServer).address();
        resolve(typeof addr === 'object' && addr ? addr.port : 0);
      });
    });
    servers.push(server);
    running.push({ spec, port, publicKey: key.public.split(' ').slice(0, 2).join(' ') });
  }
  return {
    host: o.host,
    devices: running,
    credentials: o.credentials,
    inventory: () => ({
      devices: running.map((r) => ({
        name: r.spec.name, host: o.host, port: r.port, platform: r.spec.platform,
        site: r.spec.site, role: r.spec.role, tags: ['lab'], ...(r.spec.group ? { group: r.spec.group } : {}),
      })),
    }),
    knownHosts: () => running.map((r) => `[${o.host}]:${r.port} ${r.publicKey}`).join('\n') + '\n',
    close: async () => {
      // Servers only finish closing once their connections are gone.
      for (const s of sockets) s.destroy();
      for (const c of clients) c.end();
      await Promise.all(servers.map((s) => new Promise<void>((resolve) => (s as NetServer).close(() => resolve()))));
    },
  };
}
