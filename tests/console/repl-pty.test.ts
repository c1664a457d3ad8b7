/**
 * The console REPL driven as a person would: through a pseudo-terminal (util-linux
 * `script`), against the real SSH lab. A job runs on a device that never answers; the
 * console stays live: /net jobs lists it, /net cancel stops it, Ctrl-C cancels the newest
 * job, and Ctrl-C twice within a second quits.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';

const ANSI = /\x1b\[[0-9;?]*[A-Za-z]|\r/g;

function startConsole() {
  const child = spawn('script', ['-qfec', 'node --import tsx tests/console/repl-driver.ts', '/dev/null'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, COLUMNS: '120', LINES: '40' },
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString('utf8');
  });
  child.stderr.on('data', (d: Buffer) => {
    out += d.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const text = () => out.replace(ANSI, '');
  /** Waits until the screen text after `from` matches; generous: the machine is shared. */
  const waitFor = async (re: RegExp, from = 0, timeoutMs = 60_000): Promise<number> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = re.exec(text().slice(from));
      if (m) return from + m.index + m[0].length;
      if (Date.now() > deadline) throw new Error(`no ${re} after offset ${from} in:\n${text().slice(from)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const type = (s: string) => child.stdin.write(s);
  return { child, exited, text, waitFor, type };
}

test('the REPL stays live while a job runs: jobs, cancel, Ctrl-C, double Ctrl-C quits', { timeout: 180_000 }, async () => {
  const c = startConsole();
  try {
    let at = await c.waitFor(/Ctrl-C cancels the newest running job \(Ctrl-C twice within a second quits\)/);
    at = await c.waitFor(/net> /, at);
    // west-core-002 hangs: the job runs until cancelled.
    c.type('/net show-version device=east-core-001,west-core-002\r');
    at = await c.waitFor(/J-1 .*1\/2\s+ok 1\s+failed 0\s+pending 1/, at);
    c.type('/net jobs\r');
    at = await c.waitFor(/J-1.*show-version device=east-core-001,west-core-002/, at);
    assert.doesNotMatch(c.text().slice(0, at), /J-1 \/net show-version .*\(by alice\): /, 'J-1 has not ended yet');
    c.type('/net cancel J-1\r');
    at = await c.waitFor(/J-1 \/net show-version device=east-core-001,west-core-002 \(by alice\): cancelled/, at);
    assert.match(c.text().slice(at), /west-core-002\s+cancelled/);

    // Two jobs at once; Ctrl-C cancels the newest (J-3), J-2 goes on and is cancelled by name.
    c.type('/net show-version device=west-core-002\r');
    at = await c.waitFor(/J-2 /, at);
    c.type('/net show-version device=west-core-002,east-edge-003\r');
    at = await c.waitFor(/J-3 /, at);
    c.type('\x03');
    at = await c.waitFor(/cancelling J-3 \(Ctrl-C again within 1 s quits\)/, at);
    at = await c.waitFor(/J-3 \/net show-version .*\(by alice\): cancelled/, at);
    assert.doesNotMatch(c.text().slice(0, at), /J-2 \/net show-version .*\(by alice\): /, 'J-2 still runs');
    c.type('/net cancel J-2\r');
    at = await c.waitFor(/J-2 \/net show-version device=west-core-002 \(by alice\): cancelled/, at);

    // Nothing runs now: Ctrl-C says so, and a second one within a second quits.
    c.type('\x03');
    c.type('\x03');
    await c.waitFor(/driver: done/, at);
    assert.equal(await c.exited, 0);
  } finally {
    c.child.kill();
  }
});
