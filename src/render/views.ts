/**
 * Neutral view models: what the terminal and Block Kit renderers both draw, so the two
 * never drift apart.
 */

export interface Column {
  key: string;
  label: string;
  /**
   * How a cell is shown (the data keeps the value as parsed): `members`, one value per
   * stack or cluster member, identical ones once (`srx1500 ×2`); `duration`, seconds as
   * `2y 31w 6d 9h`.
   */
  show?: 'members' | 'duration';
  /**
   * Rows whose value here is not `healthy` need a look (BGP sessions not Established): the
   * summary lists them first and counts them ("2 of 14 sessions not Established").
   */
  attention?: { healthy: string; noun: string };
}

export type ViewBlock =
  | { type: 'heading'; text: string }
  | { type: 'text'; text: string }
  | { type: 'table'; columns: Column[]; rows: Record<string, string>[] }
  | { type: 'list'; items: string[] };

/** A reply that is not a job: help, device lists, errors. */
export interface ReplyView {
  title: string;
  blocks: ViewBlock[];
  /** Full detail that does not fit a chat message (attached as a file by Slack). */
  attachment?: { name: string; content: string };
  /** The answer reports a problem (a broken audit chain): the one-shot console exits non-zero. */
  problem?: boolean;
}

export interface ErrorView {
  message: string;
  hint?: string;
}

/** A job as it stands: running (progress) or finished (summary). */
export interface JobView {
  id: string;
  commandLine: string;
  actorName: string;
  /** Chat id of the requester (a Slack user id), for a mention. */
  actorId: string;
  actorVia: string;
  state: string;
  total: number;
  ok: number;
  failed: number;
  cancelled: number;
  pending: number;
  elapsedMs: number;
  finished: boolean;
  columns: Column[];
  rows: Record<string, string>[];
  failures: { device: string; status: string; reason: string }[];
  /** Devices whose output could not be parsed: kept raw, flagged. */
  unparsed: string[];
  /** Attach every device's full output with the summary, whatever its size. */
  attachOutput: boolean;
  /** Each changed device's configuration diff, platform noise removed (change jobs and dry runs). */
  diffs: { device: string; text: string }[];
  /** The count of rows needing a look, when a column says what that is; those rows come first. */
  attention?: string;
  /** Who else had a part (`approved by bob`), shown after the requester. */
  note?: string;
}

/** A change request: what would change where, and where it stands. */
export interface ChangeRequestView {
  id: string;
  description: string;
  commandLine: string;
  requesterName: string;
  requesterId: string;
  requesterVia: string;
  devices: number;
  /** The exact lines, grouped: devices that get the same lines share one entry. */
  plan: { devices: string[]; lines: string[] }[];
  /** What each device said before the plan was made (the ports' state, what is plugged in): the blast radius. */
  before?: { device: string; notes: string[] }[];
  /** How it will run: canary, waves, redundancy groups. */
  rollout: string;
  /** `withdrawn`: rejected by the requester themself. */
  state: 'pending-approval' | 'approved' | 'rejected' | 'withdrawn' | 'expired';
  by?: string;
  expiresAt: string;
  /** issue 16: how far its approvals go (core/policy/approval-status.ts), shown while it waits. */
  approvals?: { counted: string[]; needed: number; waitingFor: string };
}
