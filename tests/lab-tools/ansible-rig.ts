/**
 * Real Ansible against the lab: a temporary ANSIBLE_HOME, HOME (whose .ssh/known_hosts is the
 * lab's, which Ansible's paramiko transport reads, so host keys are checked), inventory and
 * playbook, run with `ansible-playbook` and its json callback, connection network_cli over
 * paramiko, collections from the Debian package.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { PlatformId } from '../../src/core/types.js';
import type { Lab } from '../../src/lab/lab-server.js';

export const COLLECTIONS = '/usr/lib/python3/dist-packages';

/** Ansible's network_os per platform. */
export const NETWORK_OS: Record<PlatformId, string> = {
  cisco_ios: 'cisco.ios.ios',
  cisco_nxos: 'cisco.nxos.nxos',
  cisco_xr: 'cisco.iosxr.iosxr',
  arista_eos: 'arista.eos.eos',
  juniper_junos: 'junipernetworks.junos.junos',
};

/** Platforms whose login lands in user mode: `become: true`, `become_method: enable`. */
const BECOME: ReadonlySet<PlatformId> = new Set(['cisco_ios', 'arista_eos', 'cisco_nxos']);

/** Why the test cannot run here, or false. Under CI (env CI=true) a missing Ansible is a failure, not a skip. */
export function ansibleMissing(): string | false {
  const probe = spawnSync('ansible-playbook', ['--version'], { encoding: 'utf8' });
  if (probe.status === 0) return false;
  return `ansible-playbook is not installed (sudo apt-get install ansible): ${(probe.error?.message ?? probe.stderr).trim()}`;
}

export interface TaskResult {
  changed?: boolean;
  failed?: boolean;
  unreachable?: boolean;
  skipped?: boolean;
  msg?: string;
  stdout?: string[];
  updates?: string[];
  commands?: string[];
  ansible_facts?: Record<string, unknown>;
}

/** Per host, per task name: what Ansible reported. */
export type PlayResults = Record<string, Record<string, TaskResult>>;

interface JsonCallback {
  plays: { tasks: { task: { name: string }; hosts: Record<string, TaskResult> }[] }[];
}

/**
 * `netconf`: the platforms reached with connection ansible.netcommon.netconf (ncclient over the
 * device's `netconf` SSH subsystem, host keys checked against the same known_hosts) instead of network_cli.
 */
export async function runPlaybook(
  lab: Lab,
  tasks: object[],
  o: { timeoutMs?: number; netconf?: PlatformId[] } = {},
): Promise<{ results: PlayResults; stderr: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'netops-ansible-'));
  try {
    await mkdir(join(dir, '.ssh'), { mode: 0o700 });
    await writeFile(join(dir, '.ssh', 'known_hosts'), lab.knownHosts());
    const hosts: Record<string, object> = {};
    for (const d of lab.devices) {
      hosts[d.spec.name] = {
        ansible_host: lab.host,
        ansible_port: d.port,
        ansible_network_os: NETWORK_OS[d.spec.platform],
        ...(o.netconf?.includes(d.spec.platform) ? { ansible_connection: 'ansible.netcommon.netconf' } : {}),
        ...(BECOME.has(d.spec.platform)
          ? { ansible_become: true, ansible_become_method: 'enable', ansible_become_password: lab.credentials.enableSecret }
          : {}),
      };
    }
    const inventory = {
      all: {
        hosts,
        vars: {
          ansible_connection: 'ansible.netcommon.network_cli',
          ansible_network_cli_ssh_type: 'paramiko',
          ansible_user: lab.credentials.username,
          ansible_password: lab.credentials.password,
        },
      },
    };
    await writeFile(join(dir, 'inventory.yml'), stringify(inventory));
    await writeFile(join(dir, 'play.yml'), stringify([{ hosts: 'all', gather_facts: false, tasks }]));
    const env = {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: dir,
      ANSIBLE_HOME: join(dir, 'ansible'),
      ANSIBLE_LOCAL_TEMP: join(dir, 'tmp'),
      ANSIBLE_COLLECTIONS_PATH: COLLECTIONS,
      ANSIBLE_HOST_KEY_CHECKING: 'True',
      ANSIBLE_STDOUT_CALLBACK: 'json',
      ANSIBLE_PERSISTENT_COMMAND_TIMEOUT: '60',
      ANSIBLE_PERSISTENT_CONNECT_TIMEOUT: '60',
      ANSIBLE_FORKS: '5',
      ANSIBLE_NOCOLOR: '1',
      ANSIBLE_PYTHON_INTERPRETER: '/usr/bin/python3',
      ANSIBLE_LOG_PATH: join(dir, 'ansible.log'),
    };
    const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve) => {
      execFile(
        'ansible-playbook',
        ['-i', join(dir, 'inventory.yml'), join(dir, 'play.yml')],
        { env, cwd: dir, timeout: o.timeoutMs ?? 240_000, maxBuffer: 64 * 1024 * 1024 },
        (_err, out, err) => resolve({ stdout: out, stderr: err }),
      );
    });
    const start = stdout.indexOf('{');
    const parsed = JSON.parse(stdout.slice(start)) as JsonCallback;
    const results: PlayResults = {};
    for (const t of parsed.plays.flatMap((p) => p.tasks)) {
      for (const [host, r] of Object.entries(t.hosts)) results[host] = { ...results[host], [t.task.name]: r };
    }
    return { results, stderr };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
