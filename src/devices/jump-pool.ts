/**
 * One SSH connection per jump host, shared by every device behind it: each device's session
 * is a channel forwarded over that connection (ssh2 `forwardOut`), so the bastion's key
 * exchange and login are paid once, not once per device. The channels open at once are bounded
 * by the bastion's session limit; a device waits for a free one (or its deadline).
 */
import type { NodeSSH } from 'node-ssh';
import type { Duplex } from 'node:stream';
import { DeviceError } from '../core/errors.js';
import { DEFAULT_BASTION_SESSIONS, type JumpHost } from './ssh-route.js';
import { abortReason, dispose } from './ssh-transport.js';

/** A forwarded channel to one device, and how to give it back (idempotent; closes the channel). */
export interface Forwarded {
  stream: Duplex;
  release(): void;
}

type Waiter = { admit: () => void };

/** One bastion's shared connection: who uses it, how many channels are open, who waits. */
class Bastion {
  /** Devices holding or waiting for a channel: at zero the connection is closed. */
  users = 0;
  open = 0;
  readonly waiting: Waiter[] = [];
  connection: Promise<NodeSSH> | undefined;
  /** The shared login belongs to no one device: it stops only when no device needs it any more. */
  readonly stop = new AbortController();

  constructor(readonly limit: number) {}
}

export class JumpPool {
  private readonly bastions = new Map<string, Bastion>();

  /** `connect` logs in to a bastion (through the login gate); called once per bastion while it is in use. */
  constructor(private readonly connect: (jump: JumpHost, signal: AbortSignal) => Promise<NodeSSH>) {}

  /** A channel to `host:port` through the bastion, once one of its sessions is free. */
  async forward(jump: JumpHost, host: string, port: number, signal: AbortSignal): Promise<Forwarded> {
    const key = `${jump.name}|${jump.host}|${jump.port}|${jump.credentials}`;
    let b = this.bastions.get(key);
    if (!b) {
      b = new Bastion(jump.maxSessions ?? DEFAULT_BASTION_SESSIONS);
      this.bastions.set(key, b);
    }
    const bastion = b;
    bastion.users++;
    let held = false;
    const leave = () => {
      if (held) {
        held = false;
        bastion.open--;
        const next = bastion.waiting.shift();
        if (next) next.admit();
      }
      if (--bastion.users === 0) this.drop(key, bastion);
    };
    try {
      await this.slot(bastion, signal);
      held = true;
      const ssh = await this.connection(bastion, jump, signal);
      const stream = await forwardOut(ssh, host, port, signal);
      let released = false;
      return {
        stream,
        release: () => {
          if (released) return;
          released = true;
          stream.destroy();
          leave();
        },
      };
    } catch (err) {
      leave();
      throw err;
    }
  }

  /** Waits for one of the bastion's sessions, or rejects with the signal's reason. */
  private async slot(b: Bastion, signal: AbortSignal): Promise<void> {
    if (signal.aborted) throw abortReason(signal);
    if (b.open < b.limit && b.waiting.length === 0) {
      b.open++;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        admit: () => {
          signal.removeEventListener('abort', onAbort);
          b.open++;
          resolve();
        },
      };
      const onAbort = () => {
        b.waiting.splice(b.waiting.indexOf(waiter), 1);
        reject(abortReason(signal));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      b.waiting.push(waiter);
    });
  }

  /** The shared connection, made by the first device that needs it; a lost or failed one is made again by the next. */
  private connection(b: Bastion, jump: JumpHost, signal: AbortSignal): Promise<NodeSSH> {
    if (!b.connection) {
      const made = this.connect(jump, b.stop.signal);
      b.connection = made;
      const forget = () => {
        if (b.connection === made) b.connection = undefined;
      };
      made.then((ssh) => ssh.connection?.once('close', forget), forget);
    }
    // A device that aborts stops waiting; the connection goes on for the others.
    return raceAbort(b.connection, signal);
  }

  private drop(key: string, b: Bastion): void {
    if (this.bastions.get(key) === b) this.bastions.delete(key);
    b.stop.abort(new DeviceError('cancelled', 'no device needs this jump host any more'));
    b.connection?.then(dispose, () => undefined);
  }
}

function raceAbort<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/** forwardOut has no timeout of its own: an abort gives up on it (the stream, if it comes, is closed). */
function forwardOut(ssh: NodeSSH, host: string, port: number, signal: AbortSignal): Promise<Duplex> {
  return new Promise<Duplex>((resolve, reject) => {
    let done = false;
    const onAbort = () => {
      done = true;
      reject(abortReason(signal));
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    ssh.connection!.forwardOut('127.0.0.1', 0, host, port, (err, stream) => {
      signal.removeEventListener('abort', onAbort);
      if (done) return stream?.destroy();
      done = true;
      if (err) reject(new DeviceError('unreachable', `cannot reach ${host}:${port} from there (${err.message})`, { cause: err }));
      else resolve(stream);
    });
  });
}
