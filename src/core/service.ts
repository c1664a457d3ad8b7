import { setMaxListeners } from 'node:events';
import { z } from 'zod';
import type { CommandModule, ReadCommand } from './command.js';
import { parseCommandLine, type ParsedCommandLine } from './command-line.js';
import { DeviceError, UserError } from './errors.js';
import { fanOut, type DeviceOperation } from './job-engine.js';
import type { AuditSink, Clock, DeviceConnector, JobObserver, StateStore } from './ports.js';
import type { Registry } from './registry.js';
import type { Redactor } from './redact.js';
import type { Actor, Device, JobSummary } from './types.js';
import type { Inventory } from '../inventory/inventory.js';
import { formatTerms, selectDevices } from '../inventory/selector.js';
import type { ReplyView } from '../render/views.js';
import { recordDeviceResult, recordJobFinished, recordJobRequested } from './job-audit.js';

export interface ServiceDeps {
  registry: Registry;
  inventory: Inventory;
  connector: DeviceConnector;
  audit: AuditSink;
  state: StateStore;
  clock: Clock;
  redact: Redactor;
  limits: { concurrency: number; deviceTimeoutMs: number; commandTimeoutMs: number };
}

/** What a command line turned into: an immediate reply, or a job now running. */
export type Submission =
  | { kind: 'reply'; view: ReplyView }
  | { kind: 'job'; job: JobSummary; command: ReadCommand; devices: Device[]; done: Promise<JobSummary>; cancel: () => void };

/**
 * The core's entry point: parse, validate, select, audit, run. Adapters call `submit`
 * and render what comes back; user mistakes come back as a thrown UserError before
 * anything runs or is recorded as a job.
 */
export class NetopsService {
  private readonly running = new Map<string, { job: JobSummary; cancel: () => void }>();
  private readonly finished: JobSummary[] = [];

  constructor(private readonly deps: ServiceDeps) {}

  get registry(): Registry {
    return this.deps.registry;
  }

  jobs(): JobSummary[] {
    return [...this.running.values()].map((r) => r.job).concat(this.finished.slice(-20).reverse());
  }

  cancel(jobId: string): boolean {
    const r = this.running.get(jobId);
    if (!r) return false;
    r.cancel();
    return true;
  }

  async submit(line: string, actor: Actor, observer: JobObserver = () => undefined): Promise<Submission> {
    const request = parseCommandLine(line);
    const command = this.deps.registry.get(request.command);
    const args = validateArgs(command, request);
    if (command.kind === 'info') {
      if (!command.acceptsTargets && request.selector.length) {
        throw new UserError('bad_argument', `/net ${command.name} takes no targets`, `try /net ${command.usage[0] ?? command.name}`);
      }
      const view = await command.execute(
        { actor, request, inventory: this.deps.inventory, registry: this.deps.registry, jobs: () => this.jobs() },
        args,
      );
      return { kind: 'reply', view };
    }
    if (request.positional.length) {
      throw new UserError('bad_argument', `unexpected "${request.positional[0]}"`, `arguments look like key=value; see /net help ${command.name}`);
    }
    const devices = selectDevices(request.selector, this.deps.inventory);
    return this.startJob(command, args, devices, request, actor, observer, line);
  }

  private async startJob(
    command: ReadCommand, args: Record<string, unknown>, devices: Device[], request: ParsedCommandLine,
    actor: Actor, observer: JobObserver, line: string,
  ): Promise<Submission> {
    const { audit, clock, limits } = this.deps;
    const job: JobSummary = {
      id: `J-${await this.deps.state.nextJobNumber()}`,
      command: command.name,
      commandLine: this.deps.redact(line.trim()),
      actor,
      state: 'queued',
      targets: devices.map((d) => d.name),
      startedAt: clock.now(),
      results: [],
    };
    await recordJobRequested(audit, job, formatTerms(request.selector));
    const ctrl = new AbortController();
    // Every device in flight listens on the job's signal; that is by design, not a leak.
    setMaxListeners(0, ctrl.signal);
    const cancel = () => ctrl.abort();
    this.running.set(job.id, { job, cancel });
    const appends: Promise<unknown>[] = [];
    const done = fanOut({
      job, devices, connector: this.deps.connector, operation: operationFor(command, args),
      concurrency: limits.concurrency, deviceTimeoutMs: limits.deviceTimeoutMs, commandTimeoutMs: limits.commandTimeoutMs,
      signal: ctrl.signal, clock, redact: this.deps.redact,
      observer: (event) => {
        if (event.type === 'device-done') appends.push(recordDeviceResult(audit, job, event.result));
        // The adapter sees "finished" only once every record of the job is on disk (below).
        if (event.type !== 'finished') observer(event);
      },
    }).then(async (summary) => {
      await Promise.all(appends);
      await recordJobFinished(audit, summary);
      this.running.delete(job.id);
      this.finished.push(summary);
      if (this.finished.length > 100) this.finished.shift();
      observer({ type: 'finished', job: summary });
      return summary;
    });
    return { kind: 'job', job, command, devices, done, cancel };
  }
}

function validateArgs(command: CommandModule, request: ParsedCommandLine): Record<string, unknown> {
  const schema = command.args ?? z.object({});
  const parsed = schema.strict().safeParse(request.args);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const known = Object.keys(schema.shape);
    throw new UserError('bad_argument', `/net ${command.name} has no argument "${key}"`,
      known.length ? `it takes ${known.join(', ')}` : `see /net help ${command.name}`);
  }
  throw new UserError('bad_argument', `${issue.path.join('.')}: ${issue.message}`, `see /net help ${command.name}`);
}

/** The per-device work of a read command: its CLI lines for the platform, then its parser. */
function operationFor(command: ReadCommand, args: Record<string, unknown>): DeviceOperation {
  return async (session, device, o) => {
    const lines = command.cli[device.platform]?.(args);
    if (!lines) throw new DeviceError('unsupported', `${command.name} is not available on ${device.platform}`);
    const outputs: string[] = [];
    for (const line of lines) outputs.push(await session.run(line, { timeoutMs: o.commandTimeoutMs, signal: o.signal }));
    const raw = outputs.join('\n');
    const parsed = command.parse[device.platform]?.(raw);
    return parsed ? { raw, parsed } : { raw, unparsed: true };
  };
}
