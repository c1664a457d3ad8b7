/**
 * Tests that need a tool or a service from the machine (Netmiko, Ansible, OpenSSH's ssh-agent,
 * PostgreSQL, the shared fixtures). On a developer's machine a missing one skips the test and
 * says why; on CI (CI=true) the machine is meant to have it, so the test runs and fails with
 * the reason instead of going silently green. Usage:
 *   const agent = requirement('OpenSSH ssh-agent', commandMissing('ssh-agent', ['-h']));
 *   test('...', { skip: agent.skip }, async () => { agent.check(); ... });
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';

export interface Requirement {
  /** For the test's options: the reason to skip, or false (always false on CI). */
  skip: string | false;
  /** Call first in the test: fails it on CI when the requirement is missing. */
  check(): void;
}

/** `missing` is why the requirement is not met here, or false when it is. */
export function requirement(what: string, missing: string | false, env: NodeJS.ProcessEnv = process.env): Requirement {
  const onCi = env['CI'] === 'true';
  const reason = missing ? `${what}: ${missing}` : false;
  return {
    skip: onCi ? false : reason,
    check: () => {
      if (reason) throw new Error(`CI=true and ${reason}; the CI machine must provide it (.ci/run installs it)`);
    },
  };
}

/** Why a command cannot be run here (not installed), or false. */
export function commandMissing(command: string, args: string[] = ['--version']): string | false {
  const r = spawnSync(command, args, { stdio: 'ignore', timeout: 30_000 });
  return r.error ? `${command} is not installed` : false;
}

/** Why /usr/bin/python3 cannot import a module (Debian's python3-<module> missing), or false. */
export function pythonModuleMissing(module: string, python = '/usr/bin/python3'): string | false {
  const r = spawnSync(python, ['-c', `import ${module}`], { stdio: 'ignore', timeout: 30_000 });
  return r.status === 0 ? false : `${python} cannot import ${module}`;
}

/** Why a path is absent, or false. */
export function pathMissing(path: string | URL, what: string): string | false {
  return existsSync(path) ? false : `${what} not found`;
}

/** Why nothing accepts TCP connections at host:port within `timeoutMs` (PostgreSQL on 5432), or false. */
export function tcpMissing(host: string, port: number, timeoutMs = 3000): Promise<string | false> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (why: string | false) => {
      socket.destroy();
      resolve(why);
    };
    socket.setTimeout(timeoutMs, () => done(`nothing answers on ${host}:${port} within ${timeoutMs} ms`));
    socket.once('connect', () => done(false));
    socket.once('error', (e) => done(`${host}:${port} refused (${(e as NodeJS.ErrnoException).code ?? e.message})`));
  });
}
