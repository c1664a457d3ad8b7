/**
 * What the lab saw of configuration, told by the devices and not by the bot: when each
 * device entered and left configuration mode, on which SSH connection, every config action
 * it performed, and when each connection opened and closed. Scale-out tests check the seed's
 * two rules across processes from this record (`overlaps`): a device in config mode twice at
 * once, or two members of one redundancy group at once, is a broken rule whatever the bot's
 * own records claim. Times are `performance.now()` of the lab's process: monotonic, compared
 * only with each other (and with the test's own clock when the lab runs in the test process).
 */
import { performance } from 'node:perf_hooks';
import type { DeviceState } from './config-session.js';

/** One stay of one connection in configuration mode. */
export interface ConfigModeStay {
  device: string;
  /** The device's redundancy group in the lab definition. */
  group?: string;
  /** The lab's number for the SSH connection (one per login). */
  session: number;
  enteredAt: number;
  /** Absent while the connection is still in configuration mode. */
  leftAt?: number;
  /** `disconnect`: the connection went while in config mode (a killed client, a cut link). */
  leftBy?: 'exit' | 'disconnect';
  /** Present for a NETCONF session's stay (its lock, or its edits of the shared candidate); a CLI's has none. */
  via?: 'netconf';
}

/** One config action (a line, a commit, a save, a rollback...) performed by a device. */
export interface ConfigAction {
  device: string;
  session: number;
  kind: string;
  /** The line as typed (lab credentials only: the lab's secrets are test values). */
  line: string;
  at: number;
}

/** One SSH connection to a device (a read logs in too, and never enters config mode). */
export interface LabConnection {
  device: string;
  session: number;
  openedAt: number;
  closedAt?: number;
}

export interface ConfigModeRecord {
  stays: ConfigModeStay[];
  actions: ConfigAction[];
  connections: LabConnection[];
}

/** What a device's CLI sessions tell the log; reached through `DeviceState.configMode`. */
export interface ConfigModeHook {
  /** `via`: how the session reached the device (a NETCONF session is recorded as such). */
  entered(via?: 'cli' | 'netconf'): void;
  acted(kind: string, line: string): void;
  left(): void;
}

export interface Overlap {
  rule: 'device' | 'group';
  key: string;
  first: ConfigModeStay;
  second: ConfigModeStay;
}

export class ConfigModeLog {
  private readonly stays: ConfigModeStay[] = [];
  private readonly actions: ConfigAction[] = [];
  private readonly connections: LabConnection[] = [];
  private lastSession = 0;

  /**
   * One SSH connection to a device: a view of the device's shared state that carries this
   * connection's hook (reads and writes go to the shared state), and `closed` for its end.
   */
  connection(device: { name: string; group?: string }, state: DeviceState): { state: DeviceState; closed(): void } {
    const session = ++this.lastSession;
    const connection: LabConnection = { device: device.name, session, openedAt: performance.now() };
    this.connections.push(connection);
    let open: ConfigModeStay | undefined;
    const leave = (by: 'exit' | 'disconnect') => {
      if (!open) return;
      open.leftAt = performance.now();
      open.leftBy = by;
      open = undefined;
    };
    const hook: ConfigModeHook = {
      entered: (via) => {
        if (open) return; // `configure` again inside config mode is the same stay
        open = { device: device.name, group: device.group, session, enteredAt: performance.now(), ...(via === 'netconf' ? { via } : {}) };
        this.stays.push(open);
      },
      acted: (kind, line) => this.actions.push({ device: device.name, session, kind, line, at: performance.now() }),
      left: () => leave('exit'),
    };
    const view = new Proxy(state, { get: (target, key) => (key === 'configMode' ? hook : Reflect.get(target, key)) });
    const closed = () => {
      leave('disconnect');
      connection.closedAt ??= performance.now();
    };
    return { state: view, closed };
  }

  /** A copy of the record so far. */
  record(): ConfigModeRecord {
    const copy = <T extends object>(list: T[]) => list.map((x) => ({ ...x }));
    return { stays: copy(this.stays), actions: copy(this.actions), connections: copy(this.connections) };
  }
}

const during = (a: ConfigModeStay, b: ConfigModeStay) =>
  a.enteredAt < (b.leftAt ?? Number.POSITIVE_INFINITY) && b.enteredAt < (a.leftAt ?? Number.POSITIVE_INFINITY);

function pairsWithin(
  stays: ConfigModeStay[],
  keyOf: (s: ConfigModeStay) => string | undefined,
): [string, ConfigModeStay, ConfigModeStay][] {
  const byKey = new Map<string, ConfigModeStay[]>();
  for (const s of stays) {
    const k = keyOf(s);
    if (k !== undefined) byKey.set(k, [...(byKey.get(k) ?? []), s]);
  }
  const out: [string, ConfigModeStay, ConfigModeStay][] = [];
  for (const [k, list] of byKey) {
    const sorted = [...list].sort((a, b) => a.enteredAt - b.enteredAt);
    for (const [i, a] of sorted.entries()) {
      for (const b of sorted.slice(i + 1)) if (during(a, b)) out.push([k, a, b]);
    }
  }
  return out;
}

/**
 * Every pair of stays that broke a rule: one device in config mode on two connections at
 * once, or two different members of one redundancy group at once. Empty when both rules held.
 */
export function overlaps(log: Pick<ConfigModeRecord, 'stays'>): Overlap[] {
  const devices = pairsWithin(log.stays, (s) => s.device).map(([key, first, second]) => ({ rule: 'device' as const, key, first, second }));
  const groups = pairsWithin(log.stays, (s) => s.group)
    .filter(([, a, b]) => a.device !== b.device)
    .map(([key, first, second]) => ({ rule: 'group' as const, key, first, second }));
  return [...devices, ...groups];
}
