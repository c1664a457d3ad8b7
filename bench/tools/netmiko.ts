/**
 * Runs bench/tools/netmiko_show_version.py and netmiko_config.py (Debian's Netmiko for
 * /usr/bin/python3): one job on its stdin, its one JSON line back. Shared by npm run
 * bench:tools and the lab's Netmiko test.
 */
import { execFile, spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./netmiko_show_version.py', import.meta.url));
const CONFIG_SCRIPT = fileURLToPath(new URL('./netmiko_config.py', import.meta.url));

export interface NetmikoJob {
  devices: { name: string; host: string; port: number; platform: string }[];
  concurrency: number;
  username: string;
  password: string;
  secret: string;
  knownHosts?: string;
  /** Netmiko's fast_cli: shorter fixed waits, as a tuned script would set. */
  fastCli?: boolean;
  timeoutS?: number;
  keepOutput?: boolean;
}

export interface NetmikoResult {
  wallMs: number;
  ok: number;
  failed: number;
  errors: string[];
  failedByPlatform: Record<string, number>;
  cpuMs: number;
  peakRssMb: number;
  devices: { name: string; platform: string; ok: boolean; ms: number; error?: string; output?: string }[];
}

/** Why Netmiko cannot run here (with how to install it), or false when it can. */
export function netmikoMissing(): string | false {
  const probe = spawnSync(PYTHON, ['-c', 'import netmiko'], { encoding: 'utf8' });
  if (probe.status === 0) return false;
  const why = (probe.error?.message ?? probe.stderr).trim().split('\n').at(-1);
  return `Netmiko is not installed for ${PYTHON} (sudo apt-get install python3-netmiko): ${why}`;
}

export async function netmikoVersions(): Promise<Record<string, string>> {
  const { stdout } = await promisify(execFile)(PYTHON, [SCRIPT, '--versions']);
  return JSON.parse(stdout) as Record<string, string>;
}

export function runNetmiko(job: NetmikoJob): Promise<NetmikoResult> {
  return runScript<NetmikoResult>(SCRIPT, job);
}

export interface NetmikoConfigJob {
  devices: { name: string; host: string; port: number; platform: string; lines: string[]; check: string }[];
  username: string;
  password: string;
  secret: string;
  knownHosts?: string;
}

export interface NetmikoConfigResult {
  devices: { name: string; ok: boolean; error?: string; output?: string; check?: string }[];
}

/** bench/tools/netmiko_config.py: send_config_set (and commit where the platform has a candidate), then a check command. */
export function runNetmikoConfig(job: NetmikoConfigJob): Promise<NetmikoConfigResult> {
  return runScript<NetmikoConfigResult>(CONFIG_SCRIPT, job);
}

function runScript<T>(script: string, job: object): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [script], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code === 0 && last.startsWith('{')) resolve(JSON.parse(last) as T);
      else reject(new Error(`netmiko script exited ${code}: ${err.trim().split('\n').slice(-3).join(' / ')}`));
    });
    child.stdin.end(JSON.stringify(job));
  });
}
