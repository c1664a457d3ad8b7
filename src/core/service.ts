import { setMaxListeners } from 'node:events';
import { z } from 'zod';
import type { CommandModule, ReadCommand } from './command.js';
import { parseCommandLine, type ParsedCommandLine } from './command-line.js';
import { DeviceError, UserError } from './errors.js';
import { fanOut, type DeviceOperation } from './job-engine.js';
import type { AuditReader, AuditSink, Clock, DeviceConnector, JobObserver, StateStore } from './ports.js';
import type { Registry } from './registry.js';
import type { Redactor } from './redact.js';
import type { Policy } from './policy.js';
import type { Actor, Device, JobSummary } from './types.js';
import type { Inventory } from '../inventory/inventory.js';
import { formatTerms, selectDevices } from '../inventory/selector.js';
import type { ReplyView } from '../render/views.js';
import { recordDeviceResult, recordJobFinished, recordJobRequested, who } from './job-audit.js';

export interface ServiceDeps {
  registry: Registry;
  inventory: Inventory;
  connector: DeviceConnector;
  audit: AuditSink;
  auditReader: AuditReader;
  state: StateStore;
  clock: Clock;
  redact: Redactor;
  policy: Policy;
  limits: { concurrency: number; deviceTimeoutMs: number; commandTimeoutMs: number };
}

/** A validated request: an immediate reply, or a job ready to be created. Nothing has run yet. */
export type Prepared =
  | { kind: 'reply'; view: ReplyView }
  | { kind: 'job'; command: ReadCommand; args: Record<string, unknown>; devices: Device[]; request: ParsedCommandLine; line: string; actor: Actor };

/** A job that has an id but has not started: the adapter posts its message first, then starts it. */
export interface JobHandle {
  job: JobSummary;
  command: ReadCommand;
  devices: Device[];
  cancel: () => void;
  /** Starts the fan-out; resolves once every result and the job's end are in the audit trail. */
  start(o?: { messageRef?: Record<string, string>; observer?: JobObserver }): Promise<JobSummary>;
}

/** What a command line turned into (the one-call form used by the console). */
export type Submission =
  | { kind: 'reply'; view: ReplyView }
  | { kind: 'job'; job: JobSummary; command: ReadCommand; devices: Device[]; done: Promise<JobSummary>; cancel: () => void };

/**
 * The core's entry point: parse, validate, authorise, select, audit, run. User mistakes
 * come back as a thrown UserError before anything runs or is recorded.
 */
export class NetopsService {
  private readonly running = new Map<string, JobHandle>();
  private readonly finished: JobSummary[] = [];

  constructor(private readonly deps: ServiceDeps) {}

  get registry(): Registry {
    return this.deps.registry;
  }

  get policy(): Policy {
    return this.deps.policy;
  }

  /** Running jobs first, then the most recent finished ones. */
  jobs(): JobSummary[] {
    return [...this.running.values()].map((r) => r.job).concat(this.finished.slice(-20).reverse());
  }

  /** Cancels a running job on behalf of `actor`; a UserError when it is not running or not theirs to cancel. */
  cancel(jobId: string, actor: Actor): JobSummary {
    const r = this.running.get(jobId.toUpperCase());
    if (!r) {
      const done = this.finished.find((j) => j.id === jobId.toUpperCase());
      throw new UserError('not_found', done ? `${done.id} has already ended (${done.state})` : `no running job ${jobId}`, 'see /net jobs');
    }
    this.deps.policy.assertMayCancel(actor, r.job);
    void this.deps.audit.append({ actor: who(actor), action: 'job.cancel-requested', jobId: r.job.id, targets: r.job.targets });
    r.cancel();
    return r.job;
  }

  /** Validates a command line; a mistake comes back as a UserError with any configured secret masked (users paste them). */
  async prepare(line: string, actor: Actor): Promise<Prepared> {
    try {
      return await this.validate(line, actor);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      const { redact } = this.deps;
      throw new UserError(err.code, redact(err.message), err.hint === undefined ? undefined : redact(err.hint));
    }
  }

  private async validate(line: string, actor: Actor): Promise<Prepared> {
    const request = parseCommandLine(line);
    const command = this.deps.registry.get(request.command);
    const args = validateArgs(command, request);
    this.deps.policy.assertMayRun(actor, command);
    if (command.kind === 'info') {
      if (!command.acceptsTargets && request.selector.length) {
        throw new UserError('bad_argument', `/net ${command.name} takes no targets`, `try /net ${command.usage[0] ?? command.name}`);
      }
      const view = await command.execute({
        actor, request, inventory: this.deps.inventory, registry: this.deps.registry,
        jobs: () => this.jobs(), cancel: (id) => this.cancel(id, actor), audit: this.deps.auditReader, clock: this.deps.clock,
      }, args);
      return { kind: 'reply', view };
    }
    if (request.positional.length) {
      throw new UserError('bad_argument', `unexpected "${request.positional[0]}"`, `arguments look like key=value; see /net help ${command.name}`);
    }
    const devices = selectDevices(request.selector, this.deps.inventory);
    return { kind: 'job', command, args, devices, request, line, actor };
  }

  async createJob(p: Extract<Prepared, { kind: 'job' }>): Promise<JobHandle> {
    const { audit, clock, limits } = this.deps;
    const job: JobSummary = {
      id: `J-${await this.deps.state.nextJobNumber()}`,
      command: p.command.name,
      commandLine: this.deps.redact(p.line.trim()),
      actor: p.actor,
      state: 'queued',
      targets: p.devices.map((d) => d.name),
      startedAt: clock.now(),
      results: [],
    };
    const ctrl = new AbortController();
    // Every device in flight listens on the job's signal; that is by design, not a leak.
    setMaxListeners(0, ctrl.signal);
    const handle: JobHandle = {
      job, command: p.command, devices: p.devices, cancel: () => ctrl.abort(),
      start: async ({ messageRef, observer = () => undefined } = {}) => {
        job.startedAt = clock.now();
        await recordJobRequested(audit, job, formatTerms(p.request.selector), messageRef);
        await this.deps.state.jobStarted({ id: job.id, command: job.command, actor: who(job.actor), targets: job.targets, startedAt: job.startedAt });
        const appends: Promise<unknown>[] = [];
        const summary = await fanOut({
          job, devices: p.devices, connector: this.deps.connector, operation: operationFor(p.command, p.args),
          concurrency: limits.concurrency, deviceTimeoutMs: limits.deviceTimeoutMs, commandTimeoutMs: limits.commandTimeoutMs,
          signal: ctrl.signal, clock, redact: this.deps.redact,
          observer: (event) => {
            if (event.type === 'device-done') appends.push(recordDeviceResult(audit, job, event.result));
            // The adapter sees "finished" only once every record of the job is on disk (below).
            if (event.type !== 'finished') observer(event);
          },
        });
        await Promise.all(appends);
        await recordJobFinished(audit, summary);
        await this.deps.state.jobEnded(job.id);
        this.running.delete(job.id);
        this.finished.push(summary);
        if (this.finished.length > 100) this.finished.shift();
        observer({ type: 'finished', job: summary });
        return summary;
      },
    };
    this.running.set(job.id, handle);
    return handle;
  }

  /** prepare + createJob + start, for adapters with nothing to post in between. */
  async submit(line: string, actor: Actor, observer: JobObserver = () => undefined): Promise<Submission> {
    const p = await this.prepare(line, actor);
    if (p.kind === 'reply') return p;
    const h = await this.createJob(p);
    return { kind: 'job', job: h.job, command: h.command, devices: h.devices, cancel: h.cancel, done: h.start({ observer }) };
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
    if (!parsed) return { raw, unparsed: true };
    return { raw, parsed: Array.isArray(parsed) ? parsed : [parsed] };
  };
}
