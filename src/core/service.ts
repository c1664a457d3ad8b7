import { parseCommandLine } from './command-line.js';
import { UserError } from './errors.js';
import type { DeviceOperation } from './job-engine.js';
import type { AuditReader, AuditSink, Clock, DeviceConnector, JobObserver, PendingChangeRecord, StateStore } from './ports.js';
import type { Registry } from './registry.js';
import { redactDeep, type Redactor } from './redact.js';
import { type Policy, PolicyDenied } from './policy.js';
import { enforcePolicy, recordDenial } from './policy/enforce.js';
import type { Actor, Device, JobSummary } from './types.js';
import type { Inventory } from '../inventory/inventory.js';
import { formatTerms, selectDevices } from '../inventory/selector.js';
import type { Column } from '../render/views.js';
import { DRY_RUN_COLUMNS, dryRunOperation, readOperation, validateArgs } from './job-operations.js';
import { ChangeDesk, normaliseId } from './change-desk.js';
import { ConfirmOffers } from './confirm-offers.js';
import type { ChangeApprovedListener, JobHandle, JobSpec, Prepared, Submission } from './job-types.js';
import { MemoryExclusion, type Exclusion } from './exclusion.js';
import { AdoptedJobs } from './adopted-jobs.js';
import { planChange, planRecord } from './change-plan.js';
import { surveyTargets } from './change-survey.js';
import { approvedChangeSpec } from './change-spec.js';
import { checkRequestShape } from './request-shape.js';
import { createJobHandle, fanOutSpec, slim } from './job-handle.js';
import { cancelElsewhere, type RemoteShape } from './remote-specs.js';
import type { RemoteDevices } from './remote-work.js';
import { who } from './job-audit.js';
import { notAChangeRequest } from './job-ids.js';
import type { Backups } from './backups.js';
import { systemReadSpec } from './system-read.js';
import { guardObserver, type WorkObserver } from './work-observer.js';

// The service's vocabulary, re-exported for its callers.
export type { ChangeApprovedListener, JobHandle, JobSpec, Prepared, Submission } from './job-types.js';

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
  /** Devices and redundancy groups held across operations; default: in this process only. */
  exclusion?: Exclusion;
  /** Scale-out fronts: device work goes to workers through this (absent: devices are run here). */
  remote?: RemoteDevices;
  limits: { concurrency: number; deviceTimeoutMs: number; commandTimeoutMs: number; approvalTtlMs: number };
  /** Where errors that have no caller to go to are reported (the log). */
  onError?: (err: unknown) => void;
  /** issue 15: where backup and diff-config keep and read configurations (absent: those commands fail per device). */
  backups?: Backups;
  /** Told every job's start and end and each device result recorded here (the metrics), whatever adapter asked. */
  workObserver?: Partial<WorkObserver>;
}

/**
 * The core's entry point: parse, validate, authorise, select, audit, run. User mistakes
 * come back as a thrown UserError before anything runs or is recorded.
 */
export class NetopsService {
  private readonly running = new Map<string, JobHandle>();
  private readonly finished: JobSummary[] = [];
  private readonly exclusion: Exclusion;
  private approvedListener: ChangeApprovedListener = () => undefined;
  readonly changes: ChangeDesk;
  /** issue 16: requests offered behind a Confirm button, in the state store (shared by every front). */
  readonly confirmOffers: ConfirmOffers;
  /** Scale-out: jobs finished here for a front that stopped, for the adapter to show. */
  readonly adopted: AdoptedJobs;

  private readonly deps: ServiceDeps & { workObserver: WorkObserver };

  constructor(deps: ServiceDeps) {
    // Guarded once here: a counter that throws never stops a job.
    this.deps = { ...deps, workObserver: guardObserver(deps.workObserver, deps.onError) };
    this.exclusion = deps.exclusion ?? new MemoryExclusion();
    this.adopted = new AdoptedJobs(deps.registry, this.deps.workObserver);
    // A cancel typed or clicked on another front reaches the job here, where its waves are run.
    deps.remote?.onCancelled((id) => this.running.get(id)?.cancel());
    this.changes = new ChangeDesk({ ...deps, ttlMs: deps.limits.approvalTtlMs });
    this.confirmOffers = new ConfirmOffers({ state: deps.state, clock: deps.clock });
  }

  get registry(): Registry {
    return this.deps.registry;
  }

  get inventory(): Inventory {
    return this.deps.inventory;
  }

  get policy(): Policy {
    return this.deps.policy;
  }

  /** Masks configured secrets: for adapters that echo what was typed (the Confirm prompt). */
  redact(text: string): string {
    return this.deps.redact(text);
  }

  /** The adapter that starts approved changes (and shows them). */
  onChangeApproved(listener: ChangeApprovedListener): void {
    this.approvedListener = listener;
  }

  /** Running jobs first, then the most recent finished ones. */
  jobs(): JobSummary[] {
    return [...this.running.values()].map((r) => r.job).concat(this.finished.slice(-20).reverse());
  }

  /** Cancels a running job on behalf of `actor`; a UserError when it is not running or not theirs to cancel. */
  cancel(jobId: string, actor: Actor): JobSummary {
    const id = normaliseId(jobId);
    const r = this.running.get(id);
    if (!r) {
      const done = this.finished.find((j) => j.id === id);
      throw new UserError('not_found', done ? `${done.id} has already ended (${done.state})` : `no running job ${jobId}`, 'see /net jobs');
    }
    this.deps.policy.assertMayCancel(actor, r.job);
    r.cancel();
    // The cancel itself must not wait on the disk; a failed record is reported, never an unhandled rejection.
    this.deps.audit
      .append({ actor: who(actor), action: 'job.cancel-requested', jobId: r.job.id, targets: r.job.targets })
      .catch((err: unknown) => this.deps.onError?.(err));
    return r.job;
  }

  /** Cancels a job wherever it runs (scale-out: another front's job too, found in the shared state). */
  async cancelAnywhere(jobId: string, actor: Actor): Promise<JobSummary> {
    const id = normaliseId(jobId);
    const { remote } = this.deps;
    if (this.running.has(id) || !remote) return this.cancel(jobId, actor);
    return cancelElsewhere({ ...this.deps, remote }, id, actor);
  }

  /**
   * Validates a command line; a mistake comes back as a UserError with any configured secret masked (users paste them).
   * `rehearsal`: nobody asked (the start-up warm-up), so a denial is not a person's to audit.
   */
  async prepare(line: string, actor: Actor, o: { rehearsal?: boolean } = {}): Promise<Prepared> {
    try {
      return await this.validate(line, actor);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      const { redact } = this.deps;
      if (err instanceof PolicyDenied && !o.rehearsal) await recordDenial(this.deps.audit, actor, err, redact(line.trim()));
      if (err instanceof PolicyDenied) throw err.redacted(redact);
      throw new UserError(err.code, redact(err.message), err.hint === undefined ? undefined : redact(err.hint));
    }
  }

  private async validate(line: string, actor: Actor): Promise<Prepared> {
    const request = parseCommandLine(line);
    const command = this.deps.registry.get(request.command);
    checkRequestShape(command, request);
    const args = validateArgs(command, request);
    this.deps.policy.assertMayRun(actor, command);
    if (command.kind === 'info') {
      const view = await command.execute(
        {
          actor,
          request,
          inventory: this.deps.inventory,
          registry: this.deps.registry,
          jobs: () => this.jobs(),
          cancel: (id) => this.cancelAnywhere(id, actor),
          audit: this.deps.auditReader,
          clock: this.deps.clock,
          pendingChanges: () => this.changes.list(),
          approve: (id) => this.approve(id, actor),
          reject: (id) => this.changes.reject(id, actor),
          policy: this.deps.policy, // issue 16: whoami, policy check
        },
        args,
      );
      // Replies quote what was typed (filters, ids): a pasted secret is masked there too.
      return { kind: 'reply', view: redactDeep(view, this.deps.redact) };
    }
    const devices = selectDevices(request.selector, this.deps.inventory);
    // issue 16: grants, windows, freezes, break-glass and blast radius over the selected targets; denials audited. A dry run changes nothing: judged as a read.
    const judgedAs = { name: command.name, kind: request.flags['dry-run'] ? 'read' : command.kind } as const;
    const decision = await enforcePolicy(this.deps.policy, this.deps.audit, {
      actor,
      command: judgedAs,
      devices,
      line: this.deps.redact(line.trim()),
      inventorySize: this.deps.inventory.devices.length,
      flags: request.flags,
      now: this.deps.clock.now(),
    });
    const selector = formatTerms(request.selector);
    if (command.kind === 'read') {
      return {
        kind: 'job',
        spec: this.spec(
          command.name,
          line,
          actor,
          devices,
          selector,
          command.columns,
          command.attachOutput === true,
          readOperation(command, args, this.deps.backups),
          { kind: 'read', command: command.name, args },
        ),
      };
    }
    // issue 15: a change that must look first (the device's interface list) reads every target before anything is shown.
    command.checkTargets?.(args, devices);
    const surveyed = command.survey ? await surveyTargets(this.deps, command, args, devices, actor) : undefined;
    const plans = planChange(command, args, devices, surveyed);
    if (request.flags['dry-run']) {
      const work: RemoteShape = { kind: 'read', command: command.name, args, dryRun: true, plans };
      return {
        kind: 'job',
        spec: this.spec(command.name, line, actor, devices, selector, DRY_RUN_COLUMNS, true, dryRunOperation(plans), work),
      };
    }
    // issue 16: the request remembers --break-glass (and the bypass already recorded), so its approval never re-reads the line.
    const breakGlass = request.flags['break-glass'] === true ? { audited: decision.breakGlass?.rule } : undefined;
    return { kind: 'change', command, args, devices, plans, line, actor, breakGlass };
  }

  /** A read job (or a dry run): fan out over every device at once. */
  private spec(...a: [string, string, Actor, Device[], string, Column[], boolean, DeviceOperation, RemoteShape]): JobSpec {
    return fanOutSpec({ ...this.deps, exclusion: this.exclusion }, ...a);
  }

  /** Proposes a change: persisted and audited before anyone sees it; runs only once approved. */
  async propose(p: Extract<Prepared, { kind: 'change' }>): Promise<PendingChangeRecord> {
    return this.changes.propose({
      id: `J-${await this.deps.state.nextJobNumber()}`,
      command: p.command,
      args: p.args,
      devices: p.devices,
      plan: p.devices.map((d) => planRecord(d, p.plans.get(d.name)!)),
      commandLine: this.deps.redact(p.line.trim()),
      actor: p.actor,
      breakGlass: p.breakGlass,
    });
  }

  /** Approves a change request and hands its job (not started) to the adapter that shows it. */
  async approve(id: string, approver: Actor): Promise<PendingChangeRecord & { waiting?: string }> {
    // issue 16: an id that names a read job (or a change no longer waiting) says so, not "no change request".
    if (!this.changes.list().some((c) => c.id === normaliseId(id))) {
      const why = notAChangeRequest(id, this.jobs(), (c) => this.deps.registry.get(c).kind, 'approve');
      if (why) throw why;
    }
    // Only the winning approval gets a job handle: a lost claim leaves nothing behind in the job list.
    const a = await this.changes.approve(id, approver, (c) => this.changeSpec(c, approver));
    // issue 16: counted, but the policy's rules need more approvers: nothing runs yet.
    if (a.waiting !== undefined) return { ...a.change, waiting: a.waiting };
    this.approvedListener(this.handleFor(a.run, a.change.id), a.change, approver, a.breakGlass);
    return a.change;
  }

  /** The run of an approved request (see change-spec.ts). */
  private changeSpec(change: PendingChangeRecord, approver: Actor): JobSpec {
    return approvedChangeSpec(this.deps, this.exclusion, change, approver);
  }

  async createJob(p: Extract<Prepared, { kind: 'job' }>): Promise<JobHandle> {
    return this.handleFor(p.spec, `J-${await this.deps.state.nextJobNumber()}`);
  }

  /** issue 15: a read the bot's configuration starts (scheduled backups), past the policy (see system-read.ts). */
  async createSystemRead(line: string, actor: Actor): Promise<JobHandle> {
    const spec = systemReadSpec({ ...this.deps, exclusion: this.exclusion }, line, actor);
    return this.handleFor(spec, `J-${await this.deps.state.nextJobNumber()}`);
  }

  private handleFor(spec: JobSpec, id: string): JobHandle {
    const handle = createJobHandle(this.deps, spec, id, (job) => {
      this.running.delete(job.id);
      this.finished.push(slim(job));
      if (this.finished.length > 20) this.finished.shift();
    });
    this.running.set(id, handle);
    return handle;
  }

  /** prepare + createJob + start (or propose), for adapters with nothing to post in between. */
  async submit(line: string, actor: Actor, observer: JobObserver = () => undefined): Promise<Submission> {
    const p = await this.prepare(line, actor);
    if (p.kind === 'reply') return p;
    if (p.kind === 'change') return { kind: 'change', change: await this.propose(p) };
    const h = await this.createJob(p);
    const { job, columns, attachOutput, devices, cancel } = h;
    return { kind: 'job', job, columns, attachOutput, devices, cancel, done: h.start({ observer }) };
  }
}
