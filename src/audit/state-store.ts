import { Low } from 'lowdb';
import { DurableJsonFile } from './durable-file.js';
import type { ChangeDecision, ConfirmClaim, ConfirmOfferRecord, PendingChangeRecord, RunningJobRecord, StateStore } from '../core/ports.js';
import { withApprovals } from '../core/policy/approval-step.js';

interface StateFile {
  lastJobNumber: number;
  running: RunningJobRecord[];
  changes: PendingChangeRecord[];
  /**
   * Confirm buttons' offers (issue 16): a list, not a map keyed by token, so no clicked value can
   * name a prototype key. Absent until the first offer: a file without one keeps its layout.
   */
  confirmOffers?: (ConfirmOfferRecord & { token: string })[];
}

/** Persisted bot state in a lowdb JSON file (atomic, fsynced rewrite on every change, one change at a time). */
export class JsonStateStore implements StateStore {
  private chain: Promise<unknown> = Promise.resolve();
  private constructor(private readonly db: Low<StateFile>) {}

  static async open(path: string): Promise<JsonStateStore> {
    const db = new Low<StateFile>(new DurableJsonFile<StateFile>(path), { lastJobNumber: 0, running: [], changes: [] });
    await db.read();
    db.data.running ??= []; // files written before jobs were tracked
    db.data.changes ??= [];
    return new JsonStateStore(db);
  }

  /** Serialised so two changes never interleave (two jobs never get the same number). */
  private change<T>(fn: (data: StateFile) => T): Promise<T> {
    const next = this.chain.then(async () => {
      const out = fn(this.db.data);
      await this.db.write();
      return out;
    });
    this.chain = next.catch(() => undefined);
    return next;
  }

  nextJobNumber(): Promise<number> {
    return this.change((d) => (d.lastJobNumber += 1));
  }

  jobStarted(job: RunningJobRecord): Promise<void> {
    return this.change((d) => {
      d.running.push(job);
    });
  }

  markChanging(jobId: string, device: string, changing: boolean): Promise<void> {
    return this.change((d) => {
      const job = d.running.find((j) => j.id === jobId);
      if (!job) return;
      const rest = (job.changing ?? []).filter((x) => x !== device);
      job.changing = changing ? [...rest, device] : rest;
    });
  }

  jobEnded(jobId: string): Promise<void> {
    return this.change((d) => {
      d.running = d.running.filter((j) => j.id !== jobId);
    });
  }

  /** Keeps the approvals already stored (only decideChange counts them), as the PostgreSQL store does. */
  saveChange(change: PendingChangeRecord): Promise<void> {
    return this.change((d) => {
      const stored = d.changes.find((c) => c.id === change.id);
      const saved = stored?.approval ? { ...change, approval: stored.approval } : change;
      d.changes = [...d.changes.filter((c) => c.id !== change.id), saved];
    });
  }

  /** One process: decided on the same queue as every other change, so decisions never interleave. */
  decideChange<D extends ChangeDecision>(
    id: string,
    decide: (stored: PendingChangeRecord) => D,
  ): Promise<{ change: PendingChangeRecord; decision: D; recorded: boolean } | undefined> {
    return this.change((d) => {
      const stored = d.changes.find((c) => c.id === id);
      if (!stored) return undefined;
      // Throws before anything changes: the file is then not rewritten.
      const decision = decide(stored);
      const change = withApprovals(stored, decision.approvals);
      d.changes = d.changes.filter((c) => c.id !== id);
      if (decision.kind === 'count') d.changes.push(change);
      return { change, decision, recorded: false };
    });
  }

  dropChange(id: string): Promise<void> {
    return this.change((d) => {
      d.changes = d.changes.filter((c) => c.id !== id);
    });
  }

  /** One process: delete-if-present, on the same queue as every other change, so only one caller wins. */
  claimChange(id: string, _by: { approver: string }): Promise<PendingChangeRecord | undefined> {
    return this.change((d) => {
      const found = d.changes.find((c) => c.id === id);
      if (found) d.changes = d.changes.filter((c) => c.id !== id);
      return found;
    });
  }

  saveConfirmOffer(token: string, offer: ConfirmOfferRecord, now: number): Promise<void> {
    return this.change((d) => {
      d.confirmOffers = [...(d.confirmOffers ?? []).filter((o) => o.expiresAt > now && o.token !== token), { ...offer, token }];
    });
  }

  /** On the one queue of changes, like claimChange: of two claims of a token only the first finds it. */
  claimConfirmOffer(token: string, by: { user: string; now: number }): Promise<ConfirmClaim> {
    return this.change((d): ConfirmClaim => {
      const found = d.confirmOffers?.find((o) => o.token === token);
      if (!found) return { outcome: 'missing' };
      if (found.user !== by.user) return { outcome: 'not-yours' };
      d.confirmOffers = d.confirmOffers?.filter((o) => o !== found);
      if (found.expiresAt <= by.now) return { outcome: 'expired' };
      const { token: _token, ...offer } = found;
      return { outcome: 'claimed', offer };
    });
  }

  async pendingChanges(): Promise<PendingChangeRecord[]> {
    await this.chain;
    return [...this.db.data.changes];
  }

  async runningJobs(): Promise<RunningJobRecord[]> {
    await this.chain;
    return [...this.db.data.running];
  }
}
