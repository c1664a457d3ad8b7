import { randomBytes } from 'node:crypto';
import { DeviceError } from '../core/errors.js';
import type { ConfigOptions, ConfigResult, RollbackPlan } from '../core/ports.js';
import type { CliStep, PlatformDescription } from './platform-types.js';

type Deadline = { timeoutMs: number; signal: AbortSignal };
type Step = (step: CliStep, o: Deadline) => Promise<string>;

export interface ConfigDriver {
  device: string;
  platform: PlatformDescription;
  /** Runs one step on the open session; a device error line rejects with `command_rejected`. */
  step: Step;
  /**
   * Called once configuration mode should have been left (`after` names the step that left):
   * the error to reject with when the session is not back at the privileged prompt.
   */
  leftConfig?: (after: string) => DeviceError | undefined;
}

/** What the last of the steps that leave configuration mode typed, for the message. */
const lastOf = (steps: CliStep[], fallback: string) => {
  const s = steps.at(-1);
  return s === undefined ? fallback : typeof s === 'string' ? s : s.command;
};

const isRejection = (e: unknown): e is DeviceError => e instanceof DeviceError && e.code === 'command_rejected';

/** A name the device accepts for a session or a checkpoint file. */
function labelOf(o: ConfigOptions): string {
  const raw = o.label ?? `netops-${randomBytes(4).toString('hex')}`;
  return raw.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 40);
}

/** What the change does when the device cannot say: the planned lines. */
const plannedDiff = (lines: string[]) => lines.map((l) => `+ ${l}`).join('\n');

async function runAll(step: Step, steps: CliStep[], o: Deadline): Promise<string[]> {
  const out: string[] = [];
  for (const s of steps) out.push(await step(s, o));
  return out;
}

/**
 * Clean-up after a refusal: the first refusal is what the caller needs to see, so the device
 * refusing the clean-up as well comes back as a value, not thrown.
 */
async function cleanUp(step: Step, steps: CliStep[], o: Deadline): Promise<DeviceError | undefined> {
  try {
    await runAll(step, steps, o);
    return undefined;
  } catch (err) {
    if (!isRejection(err)) throw err;
    return err;
  }
}

/**
 * Applies configuration lines in one order for every platform; the platform's strategy
 * decides which steps exist. A device refusing a line, the check or the commit ends as a
 * value (`error`), with the candidate discarded or, for per-line platforms, the checkpoint
 * restored. Session failures (timeout, lost connection) reject.
 */
export async function applyConfig(d: ConfigDriver, lines: string[], o: ConfigOptions): Promise<ConfigResult> {
  const c = d.platform.config;
  const deadline: Deadline = { timeoutMs: o.timeoutMs, signal: o.signal };
  const label = labelOf(o);
  const check = o.mode === 'check';
  const planned = plannedDiff(lines);
  // Per-line platforms apply as they go: a dry run must not touch them at all.
  if (check && c.applies === 'per-line') return { diff: planned, diffSource: 'planned', committed: false };

  const checkpoint = !check && c.checkpoint ? c.checkpoint(label) : [];
  try {
    await runAll(d.step, checkpoint, deadline);
  } catch (err) {
    if (!isRejection(err)) throw err;
    return { diff: planned, diffSource: 'planned', committed: false, error: err };
  }

  let diff = planned;
  const diffSource = c.diff ? 'device' : 'planned';
  let inside = false;
  // Still in configuration mode after leaving it: a session failure, never a refused line to
  // clean up after (clean-up typed into configuration mode would be taken as configuration).
  let stuck: DeviceError | undefined;
  try {
    await runAll(d.step, c.enter(label), deadline);
    inside = true;
    for (const line of lines) await d.step(line, deadline);
    if (c.diff) diff = await d.step(c.diff, deadline);
    if (check) {
      if (c.check) await d.step(c.check, deadline);
      await runAll(d.step, c.abort, deadline);
      stuck = d.leftConfig?.(lastOf(c.abort, 'the dry run'));
      if (stuck) throw stuck;
      return { diff, diffSource, committed: false };
    }
    const commits = c.commit({ confirmMinutes: o.confirmMinutes });
    await runAll(d.step, commits, deadline);
    inside = false;
    await runAll(d.step, c.leave, deadline);
    // EOS leaves by itself on commit: its last commit step is what left.
    stuck = d.leftConfig?.(lastOf(c.leave, lastOf(commits, 'the commit')));
    if (stuck) throw stuck;
    if (o.save !== false) await runAll(d.step, c.save, deadline);
    const saved = o.save !== false ? (c.saveCommits ?? 0) : 0;
    const restore = c.restore({ checkpoint: label, commits: (commits.length || 1) + saved });
    return { diff, diffSource, committed: true, rollback: planOf(d.device, restore) };
  } catch (err) {
    if (!isRejection(err) || err === stuck) throw err;
    if (inside) await cleanUp(d.step, c.abort, deadline);
    // Per-line platforms kept the lines before the refused one: put the checkpoint back, and
    // say so plainly if the device refuses that too, for those lines are still in effect.
    if (c.applies === 'per-line' && checkpoint.length) {
      const refusedRestore = await cleanUp(d.step, c.restore({ checkpoint: label, commits: 0 }), deadline);
      if (refusedRestore) {
        const error = new DeviceError(
          'command_rejected',
          `${err.message}; restoring the checkpoint was refused too (${refusedRestore.message}): the lines before the refused one are still applied`,
          { cause: err },
        );
        return { diff, diffSource, committed: false, error, partlyApplied: true };
      }
    }
    return { diff, diffSource, committed: false, error: err };
  }
}

function planOf(device: string, steps: CliStep[]): RollbackPlan {
  return {
    device,
    steps: steps.map((s) => (typeof s === 'string' ? { command: s } : { command: s.command, asks: s.asks, answer: s.answer })),
  };
}

/** Saves running to startup (the platform's save steps); a refusal rejects with the device's line. */
export async function saveConfig(step: Step, platform: PlatformDescription, o: Deadline): Promise<void> {
  await runAll(step, platform.config.save, o);
}

/** Runs a rollback plan; the device's own refusal rejects with its line. */
export async function runRollback(step: Step, plan: RollbackPlan, o: Deadline): Promise<string> {
  const steps: CliStep[] = plan.steps.map((s) => (s.asks ? { command: s.command, asks: s.asks, answer: s.answer ?? '' } : s.command));
  return (await runAll(step, steps, o)).join('\n');
}
