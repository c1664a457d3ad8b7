import { open, readFile, rm, writeFile } from 'node:fs/promises';
import { ConfigError } from '../core/errors.js';

/** Whether a process with this id is alive (signal 0 checks without sending anything). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One bot process per state file: two would rewrite each other's state (lowdb rewrites the
 * whole file) and record each other's running jobs as interrupted. A lock left by a process
 * that died is taken over. Returns the release.
 */
export async function acquireDataLock(path: string, pid = process.pid): Promise<() => Promise<void>> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await open(path, 'wx', 0o600);
      await fh.writeFile(`${pid}\n`);
      await fh.close();
      return async () => {
        if ((await readFile(path, 'utf8').catch(() => '')).trim() === String(pid)) await rm(path, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (holder && alive(holder)) {
        throw new ConfigError(
          'NETOPS_DATA_DIR',
          `another netops process (pid ${holder}) is using ${path.replace(/\.lock$/, '')}; stop it or give this one its own NETOPS_DATA_DIR`,
        );
      }
      // Left by a process that is gone: take it over.
      await writeFile(path, '', { flag: 'w' }).then(() => rm(path, { force: true }));
    }
  }
  throw new ConfigError('NETOPS_DATA_DIR', `could not take the lock ${path}`);
}
