import type { NodeSSH } from 'node-ssh';
import type { DeviceConnector, DeviceSession } from '../core/ports.js';
import { DeviceError } from '../core/errors.js';
import type { Device } from '../core/types.js';
import { ChannelBuffer } from './channel-buffer.js';
import { CliSession } from './cli-session.js';
import { JumpPool, type Forwarded } from './jump-pool.js';
import { LoginGate } from './login-gate.js';
import type { Credential, CredentialProfiles } from './credentials.js';
import { platformOf } from './platforms/index.js';
import { directRoute, type DeviceRoute, type JumpHost } from './ssh-route.js';
import { abortReason, connectSsh, dispose, type SshTarget, type TransportOptions } from './ssh-transport.js';

export interface SshConnectorOptions extends TransportOptions {
  credentials: CredentialProfiles;
  /** Deadline for the login prompt and for each set-up command. */
  promptTimeoutMs: number;
  /** Jump host and legacy algorithms per device (from the inventory); direct and strict by default. */
  routeOf?: (device: Device) => DeviceRoute;
  /** SSH logins (TCP, key exchange, authentication) starting together, over all jobs; unlimited when absent. */
  maxHandshakes?: number;
  /** How long a login may hold its slot (see LoginGate). */
  loginLeaseMs?: number;
}

/**
 * Long enough to cover a login on loopback or a LAN under load (about 10 ms alone), short
 * enough that slow devices never queue the rest: at worst, the default 16 slots admit 160
 * logins a second, more than a job of 200 devices at once finishes in a second anyway.
 */
const LOGIN_LEASE_MS = 100;

/**
 * Opens CLI sessions over node-ssh, through a jump host where the device has one,
 * verifying every host key and mapping every failure to a typed DeviceError.
 */
export class SshConnector implements DeviceConnector {
  private readonly logins: LoginGate;
  private readonly jumps: JumpPool;

  constructor(private readonly o: SshConnectorOptions) {
    this.logins = new LoginGate(o.maxHandshakes ?? Number.POSITIVE_INFINITY, o.loginLeaseMs ?? LOGIN_LEASE_MS);
    this.jumps = new JumpPool((jump, signal) =>
      this.handshake({ host: jump.host, port: jump.port, credential: this.credential(jump.credentials), route: {} }, signal),
    );
  }

  /** One hop's handshake, once the login gate lets it start. */
  private async handshake(target: SshTarget, signal: AbortSignal): Promise<NodeSSH> {
    const release = await this.logins.enter(signal);
    try {
      return await connectSsh(target, this.o, signal);
    } finally {
      release();
    }
  }

  private credential(profile: string): Credential {
    const cred = this.o.credentials[profile];
    if (!cred) throw new DeviceError('no_credentials', `no credential profile "${profile}" configured`);
    return cred;
  }

  async open(device: Device, signal: AbortSignal): Promise<DeviceSession> {
    const platform = platformOf(device.platform);
    if (!platform) throw new DeviceError('unsupported', `platform ${device.platform} is not supported yet`);
    const cred = this.credential(device.credentials);
    const route = (this.o.routeOf ?? directRoute)(device);
    const hops: NodeSSH[] = [];
    let forwarded: Forwarded | undefined;
    const closeAll = () => {
      for (const h of [...hops].reverse()) dispose(h);
      forwarded?.release();
    };
    // From the first hop on, an abort (deadline, cancel) drops every connection under whatever is waiting:
    // requestShell and forwardOut have no timeout of their own.
    const onAbort = () => closeAll();
    if (signal.aborted) throw abortReason(signal);
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      forwarded = route.jumpHost ? await this.throughJumpHost(route.jumpHost, device, signal) : undefined;
      const sock = forwarded?.stream;
      hops.push(await this.handshake({ host: device.host, port: device.port, credential: cred, route, sock }, signal));
      const channel = await hops.at(-1)!.requestShell({ term: 'vt100', cols: 511, rows: 24 });
      const buffer = new ChannelBuffer(channel, device.name);
      const session = new CliSession(buffer, platform, device.name, async () => {
        signal.removeEventListener('abort', onAbort);
        channel.end();
        closeAll();
      });
      await session.prepare({ enableSecret: cred.enableSecret, timeoutMs: this.o.promptTimeoutMs, signal });
      return session;
    } catch (err) {
      signal.removeEventListener('abort', onAbort);
      closeAll();
      if (signal.aborted) throw abortReason(signal);
      if (err instanceof DeviceError) throw err;
      throw new DeviceError('connection_lost', `shell refused: ${(err as Error).message}`, { cause: err });
    }
  }

  /**
   * A channel to the device over the bastion's shared connection (see JumpPool); failures name
   * the bastion. The channel is the device's until its session closes.
   */
  private async throughJumpHost(jump: JumpHost, device: Device, signal: AbortSignal): Promise<Forwarded> {
    try {
      return await this.jumps.forward(jump, device.host, device.port, signal);
    } catch (err) {
      if (signal.aborted) throw abortReason(signal);
      const e = err instanceof DeviceError ? err : new DeviceError('unreachable', (err as Error).message, { cause: err });
      throw new DeviceError(e.code, `jump host ${jump.name}: ${e.message}`, { cause: e });
    }
  }
}
