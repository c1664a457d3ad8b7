import type { Duplex } from 'node:stream';
import { connect, type Socket } from 'node:net';
import { NodeSSH } from 'node-ssh';
import { DeviceError } from '../core/errors.js';
import { formatSeconds } from './channel-buffer.js';
import type { Credential } from './credentials.js';
import type { KnownHosts } from './known-hosts.js';
import { algorithmsFor, type DeviceRoute } from './ssh-route.js';

export interface TransportOptions {
  knownHosts: KnownHosts;
  /** Record unknown host keys instead of refusing them. Changed keys are refused regardless. */
  trustOnFirstUse: boolean;
  connectTimeoutMs: number;
  keepaliveMs: number;
  /** ssh-agent socket, for credentials with `agent: true` (from the config, never read here). */
  agentSocket?: string;
}

/** One SSH hop: a device, or the jump host in front of it. */
export interface SshTarget {
  host: string;
  port: number;
  credential: Credential;
  route: DeviceRoute;
  /** A channel forwarded through a jump host, instead of a TCP connection. */
  sock?: Duplex;
}

type HostKeyVerdict = 'ok' | 'unknown' | 'changed';

/**
 * Connects and authenticates one hop, verifying the host key against known_hosts, and
 * maps every failure to a DeviceError: unreachable, auth refused, host key refused, timed
 * out, unusable credential, handshake refused. The signal aborts the attempt.
 */
function authMethods(cred: Credential): string[] {
  return [
    ...(cred.privateKey ? ['publickey'] : []),
    ...(cred.agent ? ['agent'] : []),
    ...(cred.password !== undefined ? ['password', 'keyboard-interactive'] : []),
  ];
}

export async function connectSsh(t: SshTarget, o: TransportOptions, signal: AbortSignal): Promise<NodeSSH> {
  const cred = t.credential;
  if (cred.agent && !o.agentSocket) {
    throw new DeviceError('no_credentials', 'ssh-agent authentication asked for, but no agent socket is configured');
  }
  const ssh = new NodeSSH();
  let hostKey: HostKeyVerdict = 'ok';
  const tcp = t.sock ? undefined : tcpConnection(t.host, t.port);
  const onAbort = () => {
    dispose(ssh);
    tcp?.destroy();
  };
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    await ssh.connect({
      host: t.host,
      port: t.port,
      sock: t.sock ?? tcp,
      username: cred.username,
      password: cred.password,
      privateKey: cred.privateKey,
      passphrase: cred.passphrase,
      agent: cred.agent ? o.agentSocket : undefined,
      tryKeyboard: cred.password !== undefined,
      // Only the methods we hold credentials for, in this order: ssh2 would otherwise probe 'none'
      // first, one more round trip per login (1000 logins at once feel it).
      authHandler: authMethods(cred),
      readyTimeout: o.connectTimeoutMs,
      keepaliveInterval: o.keepaliveMs,
      algorithms: algorithmsFor(t.route),
      hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => {
        const verdict = o.knownHosts.check(t.host, t.port, key);
        if (verdict === 'match') return verify(true);
        if (verdict === 'unknown' && o.trustOnFirstUse) {
          o.knownHosts.add(t.host, t.port, key).then(
            () => verify(true),
            () => verify(false),
          );
          return;
        }
        hostKey = verdict;
        verify(false);
      },
    } as Parameters<NodeSSH['connect']>[0]);
  } catch (err) {
    dispose(ssh);
    tcp?.destroy();
    if (signal.aborted) throw abortReason(signal);
    throw connectError(err, hostKey, o);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  // node-ssh drops its error listener after connecting; without one a reset would crash the process.
  ssh.connection?.on('error', () => undefined);
  return ssh;
}

/**
 * The TCP connection for one hop, with Nagle off from the first byte: the handshake sends small
 * packets back to back (KEXINIT then the key exchange, NEWKEYS then the service request), and
 * Nagle held each second one for the peer's delayed ACK, about 40 ms a login. The same holds
 * for commands and pager answers later.
 */
function tcpConnection(host: string, port: number): Socket {
  const sock = connect({ host, port, noDelay: true });
  // ssh2 reports the socket's errors itself; this keeps one raised before ssh2 listens from crashing the process.
  sock.on('error', () => undefined);
  return sock;
}

export function dispose(ssh: NodeSSH): void {
  ssh.connection?.removeAllListeners('ready');
  ssh.connection?.end();
  ssh.connection?.destroy();
}

export function abortReason(signal: AbortSignal): DeviceError {
  const reason: unknown = signal.reason;
  return reason instanceof DeviceError ? reason : new DeviceError('cancelled', 'cancelled', { cause: reason });
}

const UNREACHABLE = ['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET'];

function connectError(err: unknown, hostKey: HostKeyVerdict, o: TransportOptions): DeviceError {
  if (hostKey === 'unknown') {
    return new DeviceError('host_key_rejected', `host key unknown (not in ${o.knownHosts.file})`, { cause: err });
  }
  if (hostKey === 'changed') {
    return new DeviceError('host_key_rejected', `host key CHANGED since it was recorded in ${o.knownHosts.file}`, { cause: err });
  }
  const e = err as { level?: string; code?: string; message?: string };
  const message = e.message ?? String(err);
  if (e.level === 'client-authentication') return new DeviceError('auth_failed', 'authentication rejected', { cause: err });
  if (e.level === 'client-timeout' || e.code === 'ETIMEDOUT') {
    return new DeviceError('timeout', `no SSH handshake within ${formatSeconds(o.connectTimeoutMs)}`, { cause: err });
  }
  if (e.code && UNREACHABLE.includes(e.code)) return new DeviceError('unreachable', `unreachable (${e.code})`, { cause: err });
  // A key that cannot be read (wrong passphrase, bad format) is our configuration's fault, not the device's.
  if (/privateKey|passphrase|private key/i.test(message)) {
    return new DeviceError('no_credentials', `private key unusable: ${message}`, { cause: err });
  }
  if (e.level === 'handshake') {
    return new DeviceError('connection_lost', `SSH handshake refused: ${message} (an old device? mark it legacy in the inventory)`, {
      cause: err,
    });
  }
  return new DeviceError('connection_lost', `SSH connection failed: ${message}`, { cause: err });
}
