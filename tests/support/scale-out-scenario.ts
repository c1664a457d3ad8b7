/** What the scale-out scenarios share: asking for change requests on a front, and reading the lab's record. */
import { readFileSync } from 'node:fs';
import type { PlatformId } from '../../src/core/types.js';
import type { ConfigModeRecord } from '../../src/lab/config-mode-log.js';
import type { Child } from './scale-out-child.js';

const NTP = JSON.parse(readFileSync(new URL('../../data/templates/ntp.json', import.meta.url), 'utf8')) as {
  lines: Record<PlatformId, string[]>;
};

/** The line the ntp template sends to a device of this platform for one server. */
export const ntpLine = (platform: PlatformId, server: string) => NTP.lines[platform][0]!.replace('{server}', server);

/** Types each line on a REPL front, one after the other; resolves with the change request ids it answered. */
export async function changeRequests(front: Child, lines: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const line of lines) {
    const from = front.lines.length;
    front.send(line);
    const hit = await front.waitFor(/^(?:net> )*((CR-\d+) waiting for approval|error:)/, { from });
    const id = /(CR-\d+) waiting/.exec(hit.text)?.[1];
    if (!id) throw new Error(`${line}: ${hit.text}\n${front.output()}`);
    ids.push(id);
  }
  return ids;
}

/** How many times a device was sent exactly this configuration line, on any connection. */
export const linesSent = (log: ConfigModeRecord, device: string, line: string) =>
  log.actions.filter((a) => a.device === device && a.kind === 'config-line' && a.line.trim() === line).length;

/** The actions a device performed after a moment (the lab's clock is the test process's `performance.now()`). */
export const actionsAfter = (log: ConfigModeRecord, at: number, device?: string) =>
  log.actions.filter((a) => a.at > at && (device === undefined || a.device === device));

/** Resolves once `ok()` holds, polling; rejects after `timeoutMs` with `what`. */
export async function until(what: string, ok: () => boolean | Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Proposes a change with a one-shot front (as alice); resolves with its change request id. */
export async function propose(rig: { oneShot(name: string, line: string): Child }, line: string): Promise<string> {
  const c = rig.oneShot('propose', line);
  const code = await c.exited;
  const id = c.lines.map((l) => /(CR-\d+) waiting for approval/.exec(l.text)?.[1]).find(Boolean);
  if (code !== 0 || !id) throw new Error(`proposing ${line} failed (${code})\n${c.output()}`);
  return id;
}

/** The job id a change request runs as. */
export const jobOf = (cr: string) => cr.replace(/^CR-/, 'J-');
