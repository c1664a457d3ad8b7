import type { DailyCli, PlatformDescription, ReadOnlyRules } from '../platform-types.js';
import { CISCO_STYLE, PIPELINED_SETUP, ENABLE, ciscoInterfaces } from './cisco-style.js';

/**
 * Arista EOS, from ../shared/fixtures/sessions/arista_eos.yaml: Cisco-style prompts and
 * enable, its own terse error lines, and configuration sessions for changes.
 */
// --- The everyday read commands (daily-commands) ---------------------------------------------
const DAILY: DailyCli = {
  bgp: ['show ip bgp summary'],
  neighbors: ['show lldp neighbors'],
  arp: ['show ip arp'],
  arpOf: (ip) => `show ip arp ${ip}`,
  mac: (vlan) => `show mac address-table${vlan ? ` vlan ${vlan}` : ''}`,
  macOf: (mac) => `show mac address-table address ${mac}`,
  ports: ['show interfaces status'],
  ospf: ['show ip ospf neighbor'],
  route: (p, vrf) => `show ip route${vrf ? ` vrf ${vrf}` : ''} ${p.address}/${p.length}`,
  ping: (target, count, vrf) => `ping${vrf ? ` vrf ${vrf}` : ''} ${target} repeat ${count}`,
};

const READ_ONLY: ReadOnlyRules = {
  roots: ['show'],
  modifiers: ['include', 'exclude', 'begin', 'section', 'count'],
  vocabulary: ['append', 'begin', 'count', 'exclude', 'include', 'json', 'last', 'no-more', 'nz', 'redirect', 'section', 'tee'],
  separators: [],
};
// ---------------------------------------------------------------------------------------------

// --- The interface change commands ------------------------------------------------------------
/** EOS names front ports Ethernet<n> (tables: Et1); descriptions up to 240 characters. */
const INTERFACES = ciscoInterfaces({ types: ['Ethernet', 'Port-Channel', 'Management', 'Loopback', 'Vlan', 'Vxlan'], descriptionMax: 240 });
// ---------------------------------------------------------------------------------------------

export const aristaEos: PlatformDescription = {
  daily: DAILY,
  readOnly: READ_ONLY,
  interfaces: INTERFACES,
  id: 'arista_eos',
  label: 'Arista EOS',
  ...CISCO_STYLE,
  ...PIPELINED_SETUP,
  onOpen: ['terminal length 0', 'terminal width 32767'],
  enable: ENABLE,
  // Timestamps and sizes of the listing (backups and drift leave them out).
  configNoise: /^(?:! Command: .*|! Time: .*|! Startup-config last modified at .*)$/,
  errorPatterns: [
    /^% Invalid input.*$/m,
    /^% Incomplete command.*$/m,
    /^% Ambiguous command.*$/m,
    /^% Unavailable command.*$/m,
    /^% Cannot commit.*$/m,
  ],
  config: {
    applies: 'candidate',
    enter: (session) => [`configure session ${session}`],
    diff: 'show session-config diffs',
    // EOS leaves the session for privileged mode on commit and on abort.
    commit: () => ['commit'],
    leave: [],
    abort: ['abort'],
    save: ['write memory'],
    checkpoint: (name) => [`copy running-config flash:${name}`],
    restore: ({ checkpoint }) => [`configure replace flash:${checkpoint}`],
  },
};
