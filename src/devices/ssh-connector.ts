import { NodeSSH } from 'node-ssh';
import type { DeviceConnector, DeviceSession } from '../core/ports.js';
import { DeviceError } from '../core/errors.js';
import type { Device } from '../core/types.js';
import { ChannelBuffer, formatSeconds } from './channel-buffer.js';
import { CliSession } from './cli-session.js';
import type { CredentialProfiles } from './credentials.js';
import type { KnownHosts } from './known-hosts.js';
import { platformOf } from './platforms.js';

export interface SshConnectorOptions {
  credentials: CredentialProfiles;
  knownHosts: KnownHosts;
  /** Record unknown host keys instead of refusing them. Changed keys are refused regardless. */
  trustOnFirstUse: boolean;
  connectTimeoutMs: number;
  /** Deadline for the login prompt and for each set-up command. */
  promptTimeoutMs: number;
  keepaliveMs: number;
}

/** Opens CLI sessions over node-ssh, verifying host keys and mapping every failure to a typed DeviceError. */
export class SshConnector implements DeviceConnector {
  constructor(private readonly o: SshConnectorOptions) {}

  async open(device: Device, signal: AbortSignal): Promise<DeviceSession> {
    const platform = platformOf(device.platform);
    if (!platform) throw new DeviceError('unsupported', `platform ${device.platform} is not supported yet`);
    const cred = this.o.credentials[device.credentials];
    if (!cred) throw new DeviceError('no_credentials', `no credential profile "${device.credentials}" configured`);

    const ssh = new NodeSSH();
    let hostKey: 'ok' | 'unknown' | 'changed' = 'ok';
    const dispose = () => {
      ssh.connection?.removeAllListeners('ready');
      ssh.connection?.end();
      ssh.connection?.destroy();
    };
    const onAbort = () => dispose();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      await ssh.connect({
        host: device.host,
        port: device.port,
        username: cred.username,
        password: cred.password,
        privateKey: cred.privateKey,
        passphrase: cred.passphrase,
        tryKeyboard: cred.password !== undefined,
        readyTimeout: this.o.connectTimeoutMs,
        keepaliveInterval: this.o.keepaliveMs,
        hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => {
          const verdict = this.o.knownHosts.check(device.host, device.port, key);
          if (verdict === 'match') return verify(true);
          if (verdict === 'unknown' && this.o.trustOnFirstUse) {
            this.o.knownHosts.add(device.host, device.port, key).then(() => verify(true), () => verify(false));
            return;
          }
          hostKey = verdict;
          verify(false);
        },
      } as Parameters<NodeSSH['connect']>[0]);
    } catch (err) {
      signal.removeEventListener('abort', onAbort);
      dispose();
      if (signal.aborted) throw abortReason(signal, device);
      throw connectError(err, hostKey, this.o);
    }
    // node-ssh drops its error listener after connecting; without one a reset would crash the process.
    ssh.connection?.on('error', () => undefined);
    // Commands and pager answers are small writes; do not let Nagle hold them for an ACK.
    ssh.connection?.setNoDelay(true);
    try {
      const channel = await ssh.requestShell({ term: 'vt100', cols: 511, rows: 24 });
      const buffer = new ChannelBuffer(channel, device.name);
      const session = new CliSession(buffer, platform, device.name, async () => {
        signal.removeEventListener('abort', onAbort);
        channel.end();
        dispose();
      });
      await session.prepare({ enableSecret: cred.enableSecret, timeoutMs: this.o.promptTimeoutMs, signal });
      return session;
    } catch (err) {
      signal.removeEventListener('abort', onAbort);
      dispose();
      if (signal.aborted) throw abortReason(signal, device);
      throw err instanceof DeviceError ? err : new DeviceError('connection_lost', `shell refused: ${(err as Error).message}`, { cause: err });
    }
  }
}

function abortReason(signal: AbortSignal, device: Device): DeviceError {
  const reason: unknown = signal.reason;
  return reason instanceof DeviceError ? reason : new DeviceError('cancelled', `${device.name}: cancelled`, { cause: reason });
}

function connectError(err: unknown, hostKey: 'ok' | 'unknown' | 'changed', o: SshConnectorOptions): DeviceError {
  if (hostKey === 'unknown') {
    return new DeviceError('host_key_rejected', `host key unknown (not in ${o.knownHosts.file})`, { cause: err });
  }
  if (hostKey === 'changed') {
    return new DeviceError('host_key_rejected', `host key CHANGED since it was recorded in ${o.knownHosts.file}`, { cause: err });
  }
  const e = err as { level?: string; code?: string; message?: string };
  if (e.level === 'client-authentication') return new DeviceError('auth_failed', 'authentication rejected', { cause: err });
  if (e.level === 'client-timeout' || e.code === 'ETIMEDOUT') {
    return new DeviceError('timeout', `no SSH handshake within ${formatSeconds(o.connectTimeoutMs)}`, { cause: err });
  }
  if (e.code && ['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET'].includes(e.code)) {
    return new DeviceError('unreachable', `unreachable (${e.code})`, { cause: err });
  }
  return new DeviceError('connection_lost', `SSH connection failed: ${e.message ?? String(err)}`, { cause: err });
}
