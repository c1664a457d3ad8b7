/** Cisco IOS-XR, from ../shared/fixtures/sessions/cisco_iosxr.yaml. */
import type { DailyCli, PlatformDescription, ReadOnlyRules } from '../platform-types.js';
import { MODE, PIPELINED_SETUP, ciscoInterfaces, escapeRegex } from './cisco-style.js';

/** `RP/0/RSP0/CPU0:name#`, `RP/0/RP0/CPU0:name(config-if)#`: the node path, then the name. */
const XR_PROMPT = new RegExp(String.raw`(?:^|\n)(?:RP|LC)/\d+/\w+/CPU\d+:(?<host>[\w.\-]{1,63})${MODE}#\s*$`);

// --- The everyday read commands (daily-commands) ---------------------------------------------
const DAILY: DailyCli = {
  bgp: ['show bgp summary'],
  neighbors: ['show lldp neighbors'],
  arp: ['show arp'],
  arpOf: (ip) => `show arp ${ip}`,
  // A router: no MAC table; where a MAC is, its ARP entry says.
  macOf: (mac) => `show arp | include ${mac}`,
  ports: ['show interfaces brief'],
  ospf: ['show ospf neighbor'],
  route: (p, vrf) => `show route${vrf ? ` vrf ${vrf}` : ''} ipv4 ${p.address}/${p.length}`,
  ping: (target, count, vrf) => `ping${vrf ? ` vrf ${vrf}` : ''} ${target} count ${count}`,
};

const READ_ONLY: ReadOnlyRules = {
  roots: ['show'],
  // IOS-XR has no `| section`.
  modifiers: ['include', 'exclude', 'begin', 'count'],
  vocabulary: ['append', 'begin', 'count', 'exclude', 'file', 'include', 'utility', 'xml'],
  separators: [],
};
// ---------------------------------------------------------------------------------------------

// --- The interface change commands ------------------------------------------------------------
/** IOS-XR interface types (tables: Gi0/0/0/0, Te0/0/0/1, Hu0/0/0/2); descriptions up to 1024 characters. */
const INTERFACES = ciscoInterfaces({
  types: ['GigabitEthernet', 'TenGigE', 'TwentyFiveGigE', 'FortyGigE', 'HundredGigE', 'Bundle-Ether', 'MgmtEth', 'Loopback'],
  descriptionMax: 1024,
});
// ---------------------------------------------------------------------------------------------

export const ciscoXr: PlatformDescription = {
  daily: DAILY,
  readOnly: READ_ONLY,
  interfaces: INTERFACES,
  id: 'cisco_xr',
  label: 'Cisco IOS-XR',
  promptPattern: XR_PROMPT,
  privilegedPrompt: (host) => new RegExp(String.raw`(?:^|\n)(?:RP|LC)/\d+/\w+/CPU\d+:${escapeRegex(host)}#\s*$`),
  onOpen: ['terminal length 0', 'terminal width 512'],
  // Logs in privileged (cisco_iosxr.yaml has no exec level): no enable; the set-up typed ahead.
  ...PIPELINED_SETUP,
  pagerPattern: /\s*--More--\s*$/,
  pagerContinue: ' ',
  // Timestamps and sizes of the listing (backups and drift leave them out).
  configNoise: /^(?:Building configuration\.\.\.|!! Last configuration change at .*)$/,
  errorPatterns: [
    /^% Invalid input detected at '\^' marker\./m,
    /^% Incomplete command\./m,
    /^% Ambiguous command:.*$/m,
    /^% Failed to commit.*$/m,
    /^% This command is not authorized.*$/m,
  ],
  config: {
    applies: 'candidate',
    enter: () => ['configure terminal'],
    diff: 'show commit changes diff',
    commit: () => ['commit'],
    leave: ['end'],
    abort: ['abort'],
    // An XR commit is already persistent.
    save: [],
    restore: ({ commits }) => [`rollback configuration last ${commits}`],
  },
};
