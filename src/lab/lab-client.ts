/**
 * One SSH client of a simulated device: authentication (password, keyboard-interactive,
 * public key), the interactive shell, exec requests (one command, its output and exit
 * status, as Ansible and scrapli's system transport use) and port forwarding, so a lab
 * device can serve as a jump host.
 */
import { connect } from 'node:net';
import ssh2 from 'ssh2';
import type { Connection } from 'ssh2';
import { CliEmulator, type EmulatedDevice } from './cli-emulator.js';
import { lineRecorder, newRecord, shellStarted, type ConnectionRecord } from './network-delay.js';
import { serveNetconfChannel } from './netconf/ssh-subsystem.js';

const { utils } = ssh2;

export interface LabCredentials {
  username: string;
  password: string;
  enableSecret: string;
  /** OpenSSH public keys accepted for the username. */
  publicKeys?: string[];
}

type PublicKeyContext = {
  username: string;
  key: { algo: string; data: Buffer };
  signature?: Buffer;
  blob?: Buffer;
  hashAlgo?: string;
  accept(): void;
  reject(): void;
};

function checkPublicKey(ctx: PublicKeyContext, creds: LabCredentials, refuse: boolean): void {
  const keys = (creds.publicKeys ?? []).flatMap((k) => utils.parseKey(k)).filter((k): k is ssh2.ParsedKey => !(k instanceof Error));
  const key = keys.find((k) => k.getPublicSSH().equals(ctx.key.data));
  if (refuse || !key || ctx.username !== creds.username) return ctx.reject();
  // Without a signature the client only asks whether this key would do.
  if (!ctx.signature || !ctx.blob) return ctx.accept();
  return key.verify(ctx.blob, ctx.signature, ctx.hashAlgo as never) ? ctx.accept() : ctx.reject();
}

function authenticate(client: Connection, creds: LabCredentials, refuse: boolean, onUser: (u: string) => void): void {
  const methods: ('password' | 'keyboard-interactive' | 'publickey')[] = ['password', 'keyboard-interactive', 'publickey'];
  client.on('authentication', (ctx) => {
    const ok = (user: string, pw: string) => !refuse && user === creds.username && pw === creds.password;
    onUser(ctx.username);
    if (ctx.method === 'password') return ok(ctx.username, ctx.password) ? ctx.accept() : ctx.reject(methods);
    if (ctx.method === 'keyboard-interactive') {
      return ctx.prompt([{ prompt: 'Password: ', echo: false }], (answers) =>
        ok(ctx.username, answers[0] ?? '') ? ctx.accept() : ctx.reject(methods),
      );
    }
    if (ctx.method === 'publickey') return checkPublicKey(ctx as unknown as PublicKeyContext, creds, refuse);
    ctx.reject(methods);
  });
}

/** direct-tcpip to the loopback only: a lab jump host never reaches beyond the lab. */
function forwardPorts(client: Connection, onForward: (open: number) => void): void {
  client.on('tcpip', (accept, reject, info) => {
    if (!/^(127\.|::1$|localhost$)/.test(info.destIP)) return reject();
    const sock = connect(info.destPort, info.destIP);
    sock.once('connect', () => {
      const ch = accept();
      // +1 when the channel opens, -1 when it closes: the bastion's sessions open at once.
      onForward(1);
      sock.pipe(ch).pipe(sock);
      ch.on('close', () => {
        onForward(-1);
        sock.destroy();
      });
    });
    sock.once('error', () => reject());
  });
}

export function serveClient(
  client: Connection,
  device: EmulatedDevice,
  creds: LabCredentials,
  refuseAuth: boolean,
  onForward: (open: number) => void = () => undefined,
  record: ConnectionRecord = newRecord(),
): void {
  let user = creds.username;
  const received = lineRecorder(record, [creds.password, creds.enableSecret]);
  client.on('error', () => undefined);
  authenticate(client, creds, refuseAuth, (u) => {
    user = u;
  });
  client.on('ready', () => {
    forwardPorts(client, onForward);
    client.on('session', (acceptSession) => {
      const session = acceptSession();
      session.on('pty', (accept) => accept?.());
      session.on('window-change', (accept) => accept?.());
      session.on('env', (accept) => accept?.());
      session.on('shell', (accept) => {
        // A wedged SSH daemon: logged in, but the shell request is never answered.
        if (device.fault === 'no-shell') return;
        const stream = accept();
        shellStarted(record);
        const cli = new CliEmulator(
          device,
          {
            write: (t) => {
              if (stream.writable) stream.write(t);
            },
            close: () => {
              stream.exit(0);
              stream.end();
              client.end();
            },
          },
          user,
        );
        stream.on('data', (d: Buffer) => {
          const text = d.toString('utf8');
          received(text);
          cli.input(text);
        });
        stream.on('close', () => cli.stop());
        stream.on('error', () => cli.stop());
        cli.start();
      });
      // NETCONF on the same port (RFC 6242), where the platform serves it (Junos).
      session.on('subsystem', (accept, reject, info) => {
        const netconf = device.platform.netconf;
        if (info.name !== 'netconf' || !netconf || device.fault === 'no-shell') return reject?.();
        shellStarted(record);
        serveNetconfChannel(accept(), netconf(device, user));
      });
      session.on('exec', (accept, _reject, info) => {
        const stream = accept();
        shellStarted(record);
        received(`${info.command}\n`);
        let done = false;
        const finish = (code: number) => {
          if (done) return;
          done = true;
          cli.stop();
          stream.exit(code);
          stream.end();
        };
        const cli = new CliEmulator(
          device,
          {
            write: (t) => {
              if (stream.writable) stream.write(t);
            },
            close: () => finish(0),
          },
          user,
        );
        cli.startExec();
        cli.onPrompt = (failed) => finish(failed ? 1 : 0);
        cli.input(`${info.command}\n`);
      });
    });
  });
}
