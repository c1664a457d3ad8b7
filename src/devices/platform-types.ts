import type { PlatformId } from '../core/types.js';

/**
 * One step of a configuration strategy: a command, optionally with the question the device
 * asks back (`Destination filename [x]?`) and what to answer. Only the strategy's own steps
 * get answers: a question after a user's command is never answered blindly.
 */
export type CliStep = string | { command: string; asks: RegExp; answer: string };

/**
 * How a platform changes its configuration, as data. The session runs these steps in one
 * order for every platform (see config-runner.ts); what differs is which steps exist.
 */
export interface ConfigStrategy {
  /**
   * `candidate`: lines build a candidate that only `commit` applies (IOS-XR, EOS sessions,
   * Junos), so the device can show a diff and discard it. `per-line`: each line takes effect
   * as it is entered (IOS, NX-OS); the planned lines are the diff, and a checkpoint taken
   * before the change is how it is undone.
   */
  applies: 'candidate' | 'per-line';
  /** Commands that open the configuration context; `session` names an EOS config session. */
  enter: (session: string) => CliStep[];
  /** Shows the pending candidate against the running configuration. */
  diff?: string;
  /** Validates the candidate without applying it (Junos `commit check`). */
  check?: string;
  /**
   * Applies the change. `confirmMinutes` asks for a commit that the device reverts by itself
   * unless confirmed (Junos `commit confirmed N` then `commit`); the count of commits made is
   * what a later rollback undoes.
   */
  commit: (o: { confirmMinutes?: number }) => CliStep[];
  /** Leaves configuration mode after a commit. */
  leave: CliStep[];
  /** Discards a candidate (or what per-line mode has left) and leaves configuration mode. */
  abort: CliStep[];
  /** Makes the running configuration survive a reload. */
  save: CliStep[];
  /** Commits the save itself makes (Junos confirms a `commit confirmed` with a commit): rollbacks count them. */
  saveCommits?: number;
  /** Taken before a change so it can be undone; absent where the commit history serves. */
  checkpoint?: (name: string) => CliStep[];
  /** Undoes a committed change: restore the checkpoint, or roll back `commits` commits. */
  restore: (o: { checkpoint: string; commits: number }) => CliStep[];
}

/**
 * Everything that differs between platforms, as data. The session code reads these
 * fields and never asks which platform it is talking to.
 */
export interface PlatformDescription {
  id: PlatformId;
  label: string;
  /**
   * Matches any prompt at the end of the buffer (user, privileged or config mode), with any
   * line the platform prints just above it (Junos `[edit]`). Group `host` holds the hostname.
   */
  promptPattern: RegExp;
  /** Matches the privileged prompt, once the hostname is known. */
  privilegedPrompt: (host: string) => RegExp;
  /** Commands that turn paging off and widen the terminal, sent once after login. */
  onOpen: string[];
  /**
   * The CLI takes lines typed ahead of its prompt, and echoes each when it reads it, after the
   * previous command's prompt: the set-up commands (and `enable`, see below) can go in one write,
   * one round trip, their echoes and prompts matched in order. The evidence is in each description.
   */
  pipelineSetup: boolean;
  /** Pager marks seen at the end of the buffer when paging could not be turned off. */
  pagerPattern: RegExp;
  /** What to send to the pager to get the next page. */
  pagerContinue: string;
  /**
   * How to reach privileged mode, when the platform has one. `harmlessWhenPrivileged`: at the
   * privileged prompt the command only prints the prompt again, so it can be typed ahead with
   * the set-up without first looking at the login prompt (a login that lands privileged then
   * costs nothing; one that does not is asked for the secret, answered in its own exchange).
   */
  enable?: { command: string; passwordPrompt: RegExp; harmlessWhenPrivileged: boolean };
  /** Lines of output that mean the device refused the command; the match is quoted in the error. */
  errorPatterns: RegExp[];
  /**
   * Lines of a configuration listing that are not configuration (when it was last changed,
   * its size): left out of backups, so two reads of one configuration are identical and a
   * drift diff shows only what changed.
   */
  configNoise: RegExp;
  config: ConfigStrategy;
  /** The everyday read commands' CLI lines (daily-commands). */
  daily: DailyCli;
  /** What the guarded show lets through (daily-commands). */
  readOnly: ReadOnlyRules;
  /** The interface change commands' lines and checks. */
  interfaces: InterfaceCli;
}

// --- The everyday read commands (daily-commands) ---------------------------------------------

/** The CLI lines of the everyday read commands, from validated values only. */
export interface DailyCli {
  bgp: string[];
  neighbors: string[];
  arp: string[];
  /** The ARP entry of one address (the device looks it up). */
  arpOf: (ip: string) => string;
  /** The MAC table, or one VLAN of it; undefined where the platform has none (IOS-XR routers). */
  mac?: (vlan?: string) => string;
  /** Where one MAC address is learned (`mac` in aaaa.bbbb.cccc form; the platform prints its own). */
  macOf: (mac: string) => string;
  ports: string[];
  ospf: string[];
  /** The route for a prefix (`a.b.c.d/len`), in a VRF when given. */
  route: (prefix: { address: string; length: number }, vrf?: string) => string;
  ping: (target: string, count: number, vrf?: string) => string;
}

/**
 * What the guarded `show command="..."` lets through: read commands only. `roots` are the
 * first words allowed (abbreviations of them too); `modifiers` the output modifiers allowed
 * after `|`; `vocabulary` every modifier the platform knows, so an abbreviation is resolved
 * against all of them (`| s` is section or save on IOS: refused as ambiguous); `separators`
 * the characters the platform reads as the end of one command and the start of another.
 */
export interface ReadOnlyRules {
  roots: string[];
  modifiers: string[];
  vocabulary: string[];
  separators: string[];
}

// --- The interface change commands (interface-shutdown, -enable, -description) ----------------

/**
 * How a platform names, changes and reads back one interface. Lines take the device's own
 * full name (resolved from its interface list); the description text is checked first.
 */
export interface InterfaceCli {
  /**
   * The interface type words, most common first. The platform takes any unambiguous start of
   * one (`Gi1/0/48`, `gig 1/0/48`, `Eth1`), and its tables print short forms: a short name is
   * the first type it begins. Empty: names are only ever typed in full (Junos).
   */
  types: string[];
  shutdown: (name: string) => string[];
  enable: (name: string) => string[];
  describe: (name: string, text: string) => string[];
  /** Characters the platform cannot take in a description, and why. */
  refused: { char: string; why: string }[];
  /** The longest description the platform takes. */
  descriptionMax: number;
  /** Every interface's description in full (`show interfaces description`): the survey, and a description's read-back. */
  descriptions: string;
}
