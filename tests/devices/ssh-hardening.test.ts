/**
 * SSH hardening through real SSH against the lab: key (with passphrase) and ssh-agent
 * authentication, jump hosts, legacy algorithms only when asked for, and exec requests
 * and keyboard-interactive for the tools (Ansible, scrapli) pointed at the lab, and the
 * order in which key exchanges are offered.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2, { type KexAlgorithm } from 'ssh2';
import { DeviceError } from '../../src/core/errors.js';
import type { Device } from '../../src/core/types.js';
import { KnownHosts } from '../../src/devices/known-hosts.js';
import { connectSsh } from '../../src/devices/ssh-transport.js';
import { deviceRig, quick, spec } from './device-rig.js';
import { TEST_CREDENTIALS } from '../support/test-lab.js';
import { commandMissing, requirement } from '../support/requirements.js';
import { ed25519KeyPair } from '../../src/lab/lab-server.js';

const { utils, Client } = ssh2;
const KEY_PASSPHRASE = 'k3y-Passphr4se-lab';
const key = ed25519KeyPair({ passphrase: KEY_PASSPHRASE, cipher: 'aes256-ctr', rounds: 16 });
/** Unencrypted, as ssh-add loads it without asking. */
const agentKey = ed25519KeyPair();
const labCreds = { ...TEST_CREDENTIALS, publicKeys: [key.public, agentKey.public] };
const keyOnly = { username: TEST_CREDENTIALS.username, privateKey: key.private, enableSecret: TEST_CREDENTIALS.enableSecret };

test('private key with passphrase: accepted; a wrong passphrase is an unusable credential, not a device fault', async () => {
  const rig = await deviceRig([spec('key-eos', 'arista_eos')], labCreds);
  try {
    const good = await rig.connector({ credentials: { default: { ...keyOnly, passphrase: KEY_PASSPHRASE } } });
    const s = await good.open(rig.device('key-eos'), quick.signal);
    assert.match(await s.run('show hostname', quick), /Hostname: key-eos/);
    await s.close();
    const bad = await rig.connector({ credentials: { default: { ...keyOnly, passphrase: 'wrong' } } });
    await assert.rejects(
      bad.open(rig.device('key-eos'), quick.signal),
      (e: unknown) => e instanceof DeviceError && e.code === 'no_credentials' && /private key unusable/.test(e.message),
    );
  } finally {
    await rig.close();
  }
});

/** The agent test drives OpenSSH's own ssh-agent and ssh-add; without them it cannot run (and on CI must). */
const agentTool = requirement('OpenSSH ssh-agent and ssh-add', commandMissing('ssh-agent', ['-h']) || commandMissing('ssh-add', ['-L']));

test('ssh-agent: the key held by the agent logs in; no socket configured is a clear refusal', { skip: agentTool.skip }, async () => {
  agentTool.check();
  const rig = await deviceRig([spec('agent-junos', 'juniper_junos')], labCreds);
  const socket = join(rig.dir, 'agent.sock');
  const agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
  try {
    const keyFile = join(rig.dir, 'id_lab');
    await writeFile(keyFile, agentKey.private, { mode: 0o600 });
    for (let i = 0; i < 50; i++) {
      const add = spawn('ssh-add', [keyFile], { env: { ...process.env, SSH_AUTH_SOCK: socket }, stdio: 'ignore' });
      const [code] = (await once(add, 'exit')) as [number];
      if (code === 0) break;
      await new Promise((r) => setTimeout(r, 50)); // the agent is still creating its socket
    }
    const viaAgent = { username: TEST_CREDENTIALS.username, agent: true };
    const c = await rig.connector({ credentials: { default: viaAgent }, agentSocket: socket });
    const s = await c.open(rig.device('agent-junos'), quick.signal);
    assert.match(await s.run('show configuration', quick), /host-name agent-junos;/);
    await s.close();
    const none = await rig.connector({ credentials: { default: viaAgent } });
    await assert.rejects(
      none.open(rig.device('agent-junos'), quick.signal),
      (e: unknown) => e instanceof DeviceError && e.code === 'no_credentials' && /agent/.test(e.message),
    );
  } finally {
    agent.kill();
    await rig.close();
  }
});

test('jump host: the session goes through the bastion; a bastion failure names the bastion', async () => {
  const rig = await deviceRig([
    spec('bastion-east', 'cisco_ios'),
    spec('behind-xr', 'cisco_xr'),
    spec('bastion-locked', 'cisco_ios', { fault: 'refuse-auth' }),
  ]);
  try {
    const jump = (name: string) => ({ name, host: '127.0.0.1', port: rig.lab.device(name).port, credentials: 'default' });
    const target = rig.device('behind-xr');
    const via = await rig.connector({ routeOf: () => ({ jumpHost: jump('bastion-east') }) });
    const s = await via.open(target, quick.signal);
    assert.match(await s.run('show version', quick), /Cisco IOS XR Software/);
    await s.close();
    assert.equal(rig.lab.device('bastion-east').stats.forwarded, 1);

    const locked = await rig.connector({ routeOf: () => ({ jumpHost: jump('bastion-locked') }) });
    await assert.rejects(
      locked.open(target, quick.signal),
      (e: unknown) =>
        e instanceof DeviceError && e.code === 'auth_failed' && /^jump host bastion-locked: authentication rejected$/.test(e.message),
    );
  } finally {
    await rig.close();
  }
});

test('legacy algorithms: refused unless the device is marked legacy', async () => {
  const rig = await deviceRig([spec('old-ios', 'cisco_ios', { legacy: true })]);
  try {
    const device: Device = rig.device('old-ios');
    const strict = await rig.connector();
    await assert.rejects(
      strict.open(device, quick.signal),
      (e: unknown) => e instanceof DeviceError && e.code === 'connection_lost' && /handshake refused.*legacy/.test(e.message),
    );
    const lenient = await rig.connector({ routeOf: () => ({ legacy: true }) });
    const s = await lenient.open(device, quick.signal);
    assert.match(await s.run('show version', quick), /Cisco IOS Software/);
    await s.close();
  } finally {
    await rig.close();
  }
});

/** Runs one exec request with keyboard-interactive login, as scrapli's system transport and Ansible do. */
function execOnce(port: number, command: string): Promise<{ out: string; code: number }> {
  return new Promise((resolve, reject) => {
    const c = new Client();
    c.on('keyboard-interactive', (_n, _i, _l, _prompts, finish) => finish([TEST_CREDENTIALS.password]));
    c.on('ready', () =>
      c.exec(command, (err, stream) => {
        if (err) return reject(err);
        let out = '';
        stream.on('data', (d: Buffer) => {
          out += d.toString();
        });
        stream.on('exit', (code: number) =>
          stream.on('close', () => {
            c.end();
            resolve({ out, code });
          }),
        );
      }),
    );
    c.on('error', reject);
    c.connect({ host: '127.0.0.1', port, username: TEST_CREDENTIALS.username, tryKeyboard: true, hostVerifier: () => true });
  });
}

test('exec requests with keyboard-interactive: output and exit status per platform', async () => {
  const rig = await deviceRig([spec('exec-nxos', 'cisco_nxos'), spec('exec-junos', 'juniper_junos')]);
  try {
    const nx = await execOnce(rig.lab.device('exec-nxos').port, 'show version');
    assert.equal(nx.code, 0);
    assert.match(nx.out, /Cisco Nexus Operating System/);
    assert.doesNotMatch(nx.out, /exec-nxos# $/, 'no prompt in an exec answer');
    const bad = await execOnce(rig.lab.device('exec-junos').port, 'show bogus');
    assert.equal(bad.code, 1);
    assert.match(bad.out, /syntax error, expecting <command>\./);
  } finally {
    await rig.close();
  }
});

/** A bare SSH server that offers only `kex` and records what each login negotiated. */
async function kexServer(kex: KexAlgorithm[]) {
  const hostKey = utils.generateKeyPairSync('ecdsa', { bits: 256 });
  const negotiated: string[] = [];
  const server = new ssh2.Server({ hostKeys: [hostKey.private], algorithms: { kex } }, (client) => {
    client.on('handshake', (n) => negotiated.push(n.kex));
    client.on('authentication', (ctx) => (ctx.method === 'password' ? ctx.accept() : ctx.reject(['password'])));
    client.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    negotiated,
    knownHosts: `[127.0.0.1]:${port} ${hostKey.public.split(' ').slice(0, 2).join(' ')}\n`,
    close: () => server.close(),
  };
}

test('key exchange: ecdh-sha2-nistp256 first (half the CPU of curve25519 in Node); a curve25519-only device still connects', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'netops-kex-'));
  for (const [offer, expected] of [
    [['curve25519-sha256', 'ecdh-sha2-nistp256'], 'ecdh-sha2-nistp256'],
    [['curve25519-sha256'], 'curve25519-sha256'],
  ] as const) {
    const srv = await kexServer([...offer]);
    try {
      const file = join(dir, `known_hosts_${srv.port}`);
      await writeFile(file, srv.knownHosts);
      const ssh = await connectSsh(
        { host: '127.0.0.1', port: srv.port, credential: TEST_CREDENTIALS, route: {} },
        { knownHosts: await KnownHosts.load(file), trustOnFirstUse: false, connectTimeoutMs: 10_000, keepaliveMs: 0 },
        quick.signal,
      );
      ssh.dispose();
      assert.deepEqual(srv.negotiated, [expected]);
    } finally {
      srv.close();
    }
  }
  await rm(dir, { recursive: true, force: true });
});
