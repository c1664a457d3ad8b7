import { createServer, type Server as NetServer, type Socket } from 'node:net';
import { readFile, writeFile } from 'node:fs/promises';
import ssh2 from 'ssh2';
import type { Connection, ParsedKey } from 'ssh2';
import { createPrivateKey, sign as cryptoSign } from 'node:crypto';
import type { DeviceState } from './config-session.js';
import { emulatedDevice, initialState } from './lab-device.js';
import { serveClient, type LabCredentials } from './lab-client.js';
import type { LabDeviceSpec } from './lab-definition.js';
import { ConfigModeLog, type ConfigModeRecord } from './config-mode-log.js';
import { DelayedSocket, newRecord, type ConnectionRecord } from './network-delay.js';

export type { LabCredentials } from './lab-client.js';
export type { ConnectionRecord } from './network-delay.js';

const { Server, utils } = ssh2;

/**
 * What an old device offers (diffie-hellman-group1/14-sha1, CBC ciphers, ssh-rsa host
 * keys aside): a client connects only when it allows these explicitly.
 */
export const LEGACY_ALGORITHMS = {
  kex: ['diffie-hellman-group14-sha1', 'diffie-hellman-group1-sha1'],
  cipher: ['aes128-cbc', '3des-cbc'],
  hmac: ['hmac-sha1'],
} as const;

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
  /** The device's configuration (running, startup, history, checkpoints), shared by its sessions. */
  state: DeviceState;
  /** Channels forwarded through this device as a jump host, and the most open at once. */
  stats: { forwarded: number; forwardedOpen: number; forwardedPeak: number; sshConnections: number };
  /** The lab's record of each SSH connection this device accepted, in order: round trips, lines received. */
  connections: ConnectionRecord[];
}

export interface Lab {
  host: string;
  devices: RunningDevice[];
  credentials: LabCredentials;
  /** The inventory JSON this lab serves (no secrets in it). */
  inventory(): { devices: object[] };
  /** OpenSSH known_hosts lines for every device. */
  knownHosts(): string;
  /** Every device's connection records, by device name (what the lab received, for tests and the bench). */
  connections(): Record<string, ConnectionRecord[]>;
  /** A device by name (throws on a name the lab does not serve: a test bug). */
  device(name: string): RunningDevice;
  /** When each device entered and left config mode, per connection, as the devices saw it. */
  configModeLog(): ConfigModeRecord;
  close(): Promise<void>;
}

type KeyPair = { private: string; public: string };

/** ssh2's generator now and then emits an ed25519 key its own parser rejects (about 1 in 250): draw again. */
export function ed25519KeyPair(o?: { passphrase: string; cipher: string; rounds: number }): KeyPair {
  for (;;) {
    const k = o ? utils.generateKeyPairSync('ed25519', o) : utils.generateKeyPairSync('ed25519');
    if (!(utils.parseKey(k.private, o?.passphrase) instanceof Error)) return k;
  }
}

/**
 * The host key, parsed once for signing. ssh2 hands node:crypto the PEM text on every login,
 * which parses it again each time: 0.4 ms of the lab's CPU per login, more than the rest of its
 * handshake, and with hundreds of logins at once the lab, not the bot, set the pace.
 */
function fastSigning(pem: string): ParsedKey {
  const parsed = utils.parseKey(pem) as ParsedKey;
  const keyObject = createPrivateKey(parsed.getPrivatePEM());
  (parsed as { sign: (data: Buffer) => Buffer | Error }).sign = (data: Buffer) => {
    try {
      return cryptoSign(null, data, keyObject);
    } catch (e) {
      return e as Error;
    }
  };
  return parsed;
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
      keys[n] = ed25519KeyPair();
      changed = true;
    }
  }
  if (path && changed) await writeFile(path, JSON.stringify(keys, null, 1), { mode: 0o600 });
  return keys;
}

/** Starts one SSH server per simulated device on loopback. */
export async function startLab(o: LabOptions): Promise<Lab> {
  const keys = await loadHostKeys(
    o.hostKeyFile,
    o.devices.map((d) => d.name),
  );
  const servers: NetServer[] = [];
  const sockets = new Set<Socket>();
  const clients = new Set<Connection>();
  const running: RunningDevice[] = [];
  const modeLog = new ConfigModeLog();
  const track = (s: Socket) => {
    sockets.add(s);
    s.on('error', () => undefined);
    s.on('close', () => sockets.delete(s));
  };
  // Every state first: a device's port tables read its neighbours' configurations too.
  const states = new Map(o.devices.map((spec, i) => [spec.name, initialState(spec, i)]));
  const runningOf = (name: string) => states.get(name)?.running;
  for (const [i, spec] of o.devices.entries()) {
    const key = keys[spec.name]!;
    const served = spec.fault === 'changed-host-key' ? ed25519KeyPair() : key;
    const state = states.get(spec.name)!;
    const device = emulatedDevice(spec, { enableSecret: o.credentials.enableSecret, banner: o.banner, lab: o.devices, runningOf }, state);
    const stats = { forwarded: 0, forwardedOpen: 0, forwardedPeak: 0, sshConnections: 0 };
    const connections: ConnectionRecord[] = [];
    // ssh2 names a connection by its peer only once the client's ident has arrived: find its record so.
    const byPeer = new Map<string, ConnectionRecord>();
    const rttMs = spec.rttMs ?? 0;
    const sshServer =
      spec.fault === 'silent'
        ? undefined
        : new Server(
            {
              hostKeys: [{ key: fastSigning(served.private) }],
              ident: 'netops-lab',
              ...(spec.legacy
                ? {
                    algorithms: {
                      kex: [...LEGACY_ALGORITHMS.kex],
                      cipher: [...LEGACY_ALGORITHMS.cipher],
                      hmac: [...LEGACY_ALGORITHMS.hmac],
                    },
                  }
                : {}),
            },
            (client, info) => {
              clients.add(client);
              const seen = modeLog.connection(spec, state);
              client.on('close', () => {
                clients.delete(client);
                seen.closed();
              });
              const forwarded = (open: number) => {
                if (open > 0) stats.forwarded++;
                stats.forwardedOpen += open;
                stats.forwardedPeak = Math.max(stats.forwardedPeak, stats.forwardedOpen);
              };
              serveClient(
                client,
                { ...device, state: seen.state },
                o.credentials,
                spec.fault === 'refuse-auth',
                forwarded,
                byPeer.get(`${info.ip}:${info.port}`),
              );
            },
          );
    // Our own listener, so Nagle is off from the first byte (ident and KEXINIT go back to back);
    // a silent device accepts TCP and never says a word: a black-holed management plane.
    // Each connection goes through the device's network (its round-trip time) and is recorded.
    const server = createServer({ noDelay: true }, (s) => {
      track(s);
      const record = newRecord();
      connections.push(record);
      const peer = `${s.remoteAddress}:${s.remotePort}`;
      byPeer.set(peer, record);
      s.once('close', () => byPeer.delete(peer));
      stats.sshConnections++;
      sshServer?.injectSocket(new DelayedSocket(s, rttMs, record) as unknown as Socket);
    });
    const port = await new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(o.basePort === 0 ? 0 : o.basePort + i, o.host, () => {
        const addr = server.address();
        resolve(typeof addr === 'object' && addr ? addr.port : 0);
      });
    });
    servers.push(server);
    running.push({ spec, port, publicKey: key.public.split(' ').slice(0, 2).join(' '), state, stats, connections });
  }
  return {
    host: o.host,
    devices: running,
    credentials: o.credentials,
    inventory: () => ({
      devices: running.map((r) => ({
        name: r.spec.name,
        host: o.host,
        port: r.port,
        platform: r.spec.platform,
        site: r.spec.site,
        role: r.spec.role,
        tags: ['lab'],
        ...(r.spec.group ? { group: r.spec.group } : {}),
        // A device that offers only old algorithms must be marked so, or the bot refuses it.
        ...(r.spec.legacy ? { legacy: true } : {}),
      })),
    }),
    connections: () => Object.fromEntries(running.map((r) => [r.spec.name, r.connections])),
    knownHosts: () => `${running.map((r) => `[${o.host}]:${r.port} ${r.publicKey}`).join('\n')}\n`,
    device: (name) => {
      const d = running.find((r) => r.spec.name === name);
      if (!d) throw new Error(`the lab serves no device ${name}`);
      return d;
    },
    configModeLog: () => modeLog.record(),
    close: async () => {
      // Servers only finish closing once their connections are gone.
      for (const c of clients) c.end();
      for (const s of sockets) s.destroy();
      await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    },
  };
}
