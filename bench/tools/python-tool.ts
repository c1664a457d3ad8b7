/**
 * Runs one of the Python fan-out scripts in bench/tools/ (Debian's /usr/bin/python3): one job on
 * its stdin, its one JSON line back. Netmiko's and asyncssh's scripts take the same job and
 * answer in the same shape, so npm run bench:tools treats them alike.
 */
import { execFile, spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const PYTHON = '/usr/bin/python3';

export interface ToolJob {
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

export interface ToolResult {
  wallMs: number;
  ok: number;
  failed: number;
  errors: string[];
  failedByPlatform: Record<string, number>;
  cpuMs: number;
  peakRssMb: number;
  devices: { name: string; platform: string; ok: boolean; ms: number; error?: string; output?: string }[];
}

export const scriptPath = (name: string): string => fileURLToPath(new URL(`./${name}`, import.meta.url));

/** Why `module` cannot be imported by /usr/bin/python3 (with the Debian package to install), or false when it can. */
export function pythonModuleMissing(module: string, debianPackage: string): string | false {
  const probe = spawnSync(PYTHON, ['-W', 'ignore', '-c', `import ${module}`], { encoding: 'utf8' });
  if (probe.status === 0) return false;
  const why = (probe.error?.message ?? probe.stderr).trim().split('\n').at(-1);
  return `${module} is not installed for ${PYTHON} (sudo apt-get install ${debianPackage}): ${why}`;
}

export async function toolVersions(script: string): Promise<Record<string, string>> {
  const { stdout } = await promisify(execFile)(PYTHON, ['-W', 'ignore', scriptPath(script), '--versions']);
  return JSON.parse(stdout) as Record<string, string>;
}

/** Runs a script with one JSON job on its stdin; resolves with the JSON line it prints last. */
export function runTool<R = ToolResult>(script: string, job: object): Promise<R> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, ['-W', 'ignore', scriptPath(script)], { stdio: ['pipe', 'pipe', 'pipe'] });
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
      if (code === 0 && last.startsWith('{')) resolve(JSON.parse(last) as R);
      else reject(new Error(`${script} exited ${code}: ${err.trim().split('\n').slice(-3).join(' / ')}`));
    });
    child.stdin.end(JSON.stringify(job));
  });
}
