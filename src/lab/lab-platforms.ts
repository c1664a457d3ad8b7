/**
 * How each simulated platform behaves, as data, taken from the recorded sessions in
 * ../shared/fixtures/sessions/. The CLI emulator reads these fields and never asks
 * which platform it is.
 */
import type { PlatformId } from '../core/types.js';
import type { CandidateDatabase, DatabaseTexts } from './candidate-databases.js';
import type { ConfigDialect } from './config-store.js';
import type { CommitRecord, ConfigViewName } from './config-views.js';
import type { PipeTable } from './output-modifiers.js';
import type { EmulatedDevice } from './emulated-device.js';
import type { NetconfDevice } from './netconf/session.js';
import type { DailyLab } from './outputs/renderers.js';
import { aristaEos } from './platforms/arista-eos.js';
import { ciscoIos } from './platforms/cisco-ios.js';
import { ciscoNxos } from './platforms/cisco-nxos.js';
import { ciscoXr } from './platforms/cisco-xr.js';
import { juniperJunos } from './platforms/juniper-junos.js';

export type LabMode = 'user' | 'privileged' | 'config';

/** Outputs a device serves: real captures (hostname put in) or made from its state. */
export type OutputName =
  | 'show-version'
  | 'show-interfaces'
  | 'show-inventory'
  | 'show-system-uptime'
  | 'show-hostname'
  // Made from the lab's network (topology.ts, outputs/): the everyday read commands.
  | DailyOutputName;

export type DailyOutputName =
  | 'cdp-neighbors'
  | 'bgp-summary'
  | 'lldp-neighbors'
  | 'arp-table'
  | 'mac-table'
  | 'port-status'
  | 'interface-descriptions'
  | 'ospf-neighbors'
  | 'route'
  | 'ping';

/** What a command does. `arg` fields are the index of the typed word that carries the value. */
export type LabAction =
  /** `arg`: where the words the output depends on start (`show ip route <prefix>`, `ping <target>`). */
  | { kind: 'output'; name: OutputName; arg?: number }
  | { kind: 'enable' }
  | { kind: 'disable' }
  /** `say`: the answer, from the typed value where the device repeats it (`Width set to 511 columns.`). */
  | { kind: 'paging'; arg: number; say?: Say }
  | { kind: 'nothing'; arg?: number; say?: Say }
  | { kind: 'exit' }
  /** The session stops printing the lead (IOS-XR `terminal exec prompt no-timestamp`). */
  | { kind: 'lead-off' }
  /** Enter config mode; `candidate`: changes wait for commit; `session`: word naming an EOS session. */
  | { kind: 'configure'; candidate: boolean; session?: number; say?: string }
  /** The whole typed line is a configuration statement. */
  | { kind: 'config-line' }
  /** Leave config mode (a pending candidate is dropped), or a section when inside one. */
  | { kind: 'end'; say?: string }
  | { kind: 'config-exit' }
  | { kind: 'show-config' }
  | { kind: 'diff' }
  /** `persistent`: the commit is also what the device boots with (IOS-XR, Junos); elsewhere a save is needed. */
  | { kind: 'commit'; confirmedArg?: number; leave: boolean; say: string; persistent?: boolean }
  | { kind: 'commit-check'; say: string }
  | { kind: 'abort' }
  /** Junos `rollback n`: load an earlier commit into the candidate. */
  | { kind: 'rollback-candidate'; arg?: number; say: string }
  /** IOS-XR `rollback configuration last n`: re-commit an earlier configuration. */
  /** `persistent`: the rollback is a commit, and commits are what the device boots with (IOS-XR). */
  | { kind: 'rollback-running'; arg: number; say: string; persistent?: boolean }
  | { kind: 'checkpoint-save'; arg: number; asks?: (name: string) => string; say: string }
  | { kind: 'checkpoint-restore'; arg: number; say: string }
  | { kind: 'save'; say: string }
  /**
   * A view of the configuration (config-views.ts); `arg`: where the words naming a part start;
   * `candidate`: in config mode the session's candidate is shown; `missing`: the answer when the part is not there;
   * `list`: the platform's layout of the commit list (Junos `show system commit`), IOS-XR's when absent.
   */
  | {
      kind: 'config-view';
      view: ConfigViewName;
      arg?: number;
      candidate?: boolean;
      missing?: string;
      list?: (commits: readonly CommitRecord[]) => string;
    }
  /** Junos `configure [private|exclusive]`: which candidate the session edits, and what the device says about the others. */
  | { kind: 'configure-database'; database: CandidateDatabase; texts: DatabaseTexts };

/** An answer line, fixed or made from the value typed at the action's `arg`. */
export type Say = string | ((value: string) => string);

/** A command the emulator knows: words (`<n>` a number, `<word>` any word, `<rest>` the rest of the line) and what it does. */
export interface LabCommand {
  words: string[];
  modes: LabMode[];
  action: LabAction;
}

export interface PromptContext {
  host: string;
  user: string;
  /** Prompt tag of the config section being edited (`if`, `router`). */
  section?: string;
  /** EOS configuration session name. */
  session?: string;
}

export interface LabPlatform {
  initialMode: LabMode;
  /** The highest operational mode: where leaving config mode lands, and where exec requests run. */
  topMode: LabMode;
  prompt: Record<LabMode, (c: PromptContext) => string>;
  banner: (host: string) => string;
  enablePasswordPrompt: string;
  enableFailure: string;
  pagerMark: string;
  /** What the device sends after the pager is answered, to erase its mark. */
  pagerErase: string;
  /** Lines per page before paging is turned off. */
  defaultPageLength: number;
  /** Printed after the echo before each answer (Junos' blank line, IOS-XR's timestamp). */
  lead?: () => string;
  /** A capture that already starts with the lead gets no second one. */
  leadIn?: RegExp;
  errors: {
    /** A word the mode does not know; `word` is its index in the line, `words` how many were typed. */
    invalid: (o: { column: number; word: number; words: number; mode: LabMode }) => string;
    incomplete: (column: number) => string;
    ambiguous: (input: string, column: number) => string;
    /** A command of privileged mode typed in user mode. */
    privilegeRequired?: string;
  };
  /** Which fixture folder serves each output, and where the capture names its host. */
  captures: Partial<Record<OutputName, string>>;
  hostnameIn: RegExp[];
  /** Outputs made from the device itself rather than a capture. */
  made?: Partial<Record<OutputName, (host: string) => string>>;
  dialect: ConfigDialect;
  /** The error line for restoring a checkpoint that was never taken. */
  checkpointMissing: (name: string) => string;
  commands: LabCommand[];
  /** The output modifiers the platform knows (`| include`, `| json`, `| display set`) and their wording. */
  pipes: PipeTable;
  /** Its part in the lab's network: port names and the everyday outputs (BGP, LLDP, ARP, ...). */
  daily?: DailyLab;
  /** What the device serves on its `netconf` SSH subsystem, per session (Junos); absent: the subsystem is refused. */
  netconf?: (device: EmulatedDevice, user: string) => NetconfDevice;
}

export const LAB_PLATFORMS: Record<PlatformId, LabPlatform> = {
  cisco_ios: ciscoIos,
  cisco_nxos: ciscoNxos,
  cisco_xr: ciscoXr,
  arista_eos: aristaEos,
  juniper_junos: juniperJunos,
};
