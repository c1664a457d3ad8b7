/**
 * The benchmark's lab (bench/lab-process.ts) as a child process: ready once it has printed its
 * inventory and known_hosts; stop() closes it and returns the lab's own CPU and event-loop figures.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const LAB = fileURLToPath(new URL('./lab-process.ts', import.meta.url));

export interface LabDevice {
  name: string;
  host: string;
  port: number;
  platform: string;
}

/** `latencyMs`: each command's processing time; `rttMs`: the network's round-trip time to every device. */
export async function startLabProcess(n: number, latencyMs: number, rttMs = 0) {
  const args = [String(n), String(latencyMs), String(rttMs)];
  const child = spawn(process.execPath, ['--import', 'tsx', LAB, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let labStats: Record<string, number> = {};
  child.stderr!.on('data', (d: Buffer) => {
    const m = /lab-cpu (\{.*\})/.exec(d.toString());
    if (m) labStats = JSON.parse(m[1]!) as Record<string, number>;
  });
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the lab exited (${code}) before it was ready`)));
  });
  const { inventory, knownHosts } = JSON.parse(first) as { inventory: { devices: LabDevice[] }; knownHosts: string };
  return {
    inventory,
    knownHosts,
    stop: async () => {
      child.stdin!.end();
      await new Promise((r) => child.once('exit', r));
      return labStats;
    },
  };
}
