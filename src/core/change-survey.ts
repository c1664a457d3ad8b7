/**
 * The survey of a change: before a plan is shown, each target is asked read-only questions
 * (its interface list, its neighbours), and what it answers is turned into the facts the plan
 * is made from and the notes the approver reads. Here over SSH (embedded), or through the
 * workers when the front may not reach devices (scale-out).
 */
import { randomUUID } from 'node:crypto';
import pLimit from 'p-limit';
import type { ChangeCommand, SurveyFacts } from './command.js';
import { DeviceError, UserError } from './errors.js';
import { recordDeviceResult, who } from './job-audit.js';
import { type DeviceOperation, runOnDevice } from './job-engine.js';
import type { AuditSink, Clock, DeviceConnector } from './ports.js';
import type { RemoteDevices } from './remote-work.js';
import type { Actor, Device, DeviceResult, JobSummary } from './types.js';

export type Surveyed = Map<string, { facts: SurveyFacts; notes: string[] }>;

export interface SurveyDeps {
  connector: DeviceConnector;
  /** Each read is recorded under the survey's id (scale-out: by the worker that made it). */
  audit: AuditSink;
  remote?: RemoteDevices;
  clock: Clock;
  redact: (text: string) => string;
  limits: { concurrency: number; deviceTimeoutMs: number; commandTimeoutMs: number };
}

/** Runs a survey's lines and hands back each output as it came (one row per line), for the front to read. */
export function surveyOperation(lines: string[]): DeviceOperation {
  return async (session, _device, o) => {
    const parsed: Record<string, string>[] = [];
    for (const command of lines)
      parsed.push({ command, output: await session.run(command, { timeoutMs: o.commandTimeoutMs, signal: o.signal }) });
    return { raw: parsed.map((p) => p.output).join('\n'), parsed };
  };
}

/** The survey lines for a device, or a UserError when the change has none for its platform. */
export function surveyLines(command: ChangeCommand, args: Record<string, unknown>, device: Device): string[] {
  const lines = command.survey?.cli[device.platform]?.(args);
  if (!lines) {
    throw new UserError(
      'bad_argument',
      `/net ${command.name} has no form for ${device.platform} (${device.name})`,
      `narrow the targets, e.g. platform!=${device.platform}`,
    );
  }
  return lines;
}

async function readOne(
  d: SurveyDeps,
  command: ChangeCommand,
  args: Record<string, unknown>,
  device: Device,
  actor: Actor,
  surveyId: string,
): Promise<DeviceResult> {
  const lines = surveyLines(command, args, device);
  const signal = AbortSignal.timeout(d.limits.deviceTimeoutMs * 2);
  if (d.remote) {
    return d.remote.run(
      {
        jobId: surveyId,
        kind: 'read',
        survey: true,
        command: command.name,
        args,
        device: device.name,
        site: device.site,
        actor: who(actor),
      },
      signal,
    );
  }
  const result = await runOnDevice(device, {
    job: { id: surveyId } as JobSummary,
    operation: surveyOperation(lines),
    connector: d.connector,
    deviceTimeoutMs: d.limits.deviceTimeoutMs,
    commandTimeoutMs: d.limits.commandTimeoutMs,
    signal,
    clock: d.clock,
    redact: d.redact,
  });
  // As a worker does for the reads it makes: who looked at which device, and what it answered.
  await recordDeviceResult(d.audit, { id: surveyId, actor }, result);
  return result;
}

const listed = (items: string[]) => (items.length > 3 ? `${items.slice(0, 3).join('; ')}; and ${items.length - 3} more` : items.join('; '));

/**
 * Reads every target and works out its facts. A device that cannot be read, or that cannot
 * take the change (a name it lacks), refuses the whole request: nothing is proposed.
 */
export async function surveyTargets(
  d: SurveyDeps,
  command: ChangeCommand,
  args: Record<string, unknown>,
  devices: Device[],
  actor: Actor,
): Promise<Surveyed> {
  const survey = command.survey;
  if (!survey) return new Map();
  for (const device of devices) surveyLines(command, args, device);
  const limit = pLimit(d.limits.concurrency);
  // One id for the survey's device work: workers record each read under it in the audit trail.
  const surveyId = `survey-${randomUUID()}`;
  const results = await Promise.all(devices.map((device) => limit(() => readOne(d, command, args, device, actor, surveyId))));
  const unread: string[] = [];
  const refused: string[] = [];
  const out: Surveyed = new Map();
  for (const [i, device] of devices.entries()) {
    const r = results[i]!;
    if (r.status !== 'ok' || !r.parsed) {
      unread.push(`${device.name}: ${r.error?.reason ?? r.status}`);
      continue;
    }
    try {
      out.set(
        device.name,
        survey.facts(
          r.parsed.map((p) => p.output ?? ''),
          device,
          args,
        ),
      );
    } catch (err) {
      if (!(err instanceof UserError) && !(err instanceof DeviceError)) throw err;
      refused.push(err.message);
    }
  }
  if (refused.length) throw new UserError('bad_argument', listed(refused), 'nothing was proposed; check the name with /net show-ports');
  if (unread.length) {
    throw new UserError(
      'not_found',
      `could not read ${unread.length === 1 ? 'a target' : `${unread.length} targets`} before planning (${listed(unread)})`,
      'nothing was proposed; try again, or leave those devices out (device!=name)',
    );
  }
  return out;
}
