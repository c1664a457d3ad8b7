/** Cisco NX-OS, from ../shared/fixtures/sessions/cisco_nxos.yaml. */
import type { DailyCli, PlatformDescription, ReadOnlyRules } from '../platform-types.js';
import { CISCO_STYLE, PIPELINED_SETUP, CONFIG_TERMINAL, ciscoInterfaces } from './cisco-style.js';

// --- The everyday read commands (daily-commands) ---------------------------------------------
const DAILY: DailyCli = {
  bgp: ['show ip bgp summary'],
  // CDP too: it names the neighbour's platform, and answers where LLDP is off.
  neighbors: ['show lldp neighbors', 'show cdp neighbors'],
  arp: ['show ip arp'],
  arpOf: (ip) => `show ip arp ${ip}`,
  mac: (vlan) => `show mac address-table${vlan ? ` vlan ${vlan}` : ''}`,
  macOf: (mac) => `show mac address-table address ${mac}`,
  ports: ['show interface status'],
  ospf: ['show ip ospf neighbors'],
  route: (p, vrf) => `show ip route ${p.address}/${p.length}${vrf ? ` vrf ${vrf}` : ''}`,
  ping: (target, count, vrf) => `ping ${target} count ${count}${vrf ? ` vrf ${vrf}` : ''}`,
};

const READ_ONLY: ReadOnlyRules = {
  roots: ['show'],
  modifiers: ['include', 'exclude', 'begin', 'section', 'count'],
  vocabulary: [
    'begin',
    'count',
    'cut',
    'diff',
    'egrep',
    'email',
    'exclude',
    'grep',
    'head',
    'include',
    'json',
    'last',
    'less',
    'no-more',
    'section',
    'sed',
    'sort',
    'tr',
    'uniq',
    'vsh',
    'wc',
    'xml',
  ],
  // NX-OS runs `show x ; configure terminal` as two commands.
  separators: [';'],
};
// ---------------------------------------------------------------------------------------------

// --- The interface change commands ------------------------------------------------------------
/** NX-OS names every front port Ethernet (tables: Eth1/1); descriptions up to 254 characters. */
const INTERFACES = ciscoInterfaces({
  types: ['Ethernet', 'port-channel', 'loopback', 'mgmt', 'Vlan', 'Tunnel', 'nve'],
  descriptionMax: 254,
  descriptions: 'show interface description',
});
// ---------------------------------------------------------------------------------------------

export const ciscoNxos: PlatformDescription = {
  daily: DAILY,
  readOnly: READ_ONLY,
  interfaces: INTERFACES,
  id: 'cisco_nxos',
  label: 'Cisco NX-OS',
  // NX-OS prints its pager mark without the spaces IOS puts around it: the pattern allows both.
  ...CISCO_STYLE,
  ...PIPELINED_SETUP,
  onOpen: ['terminal length 0', 'terminal width 511'],
  // NX-OS logs in at privileged level (cisco_nxos.yaml: initial_privilege_level privilege_exec): no enable.
  // Timestamps and sizes of the listing (backups and drift leave them out).
  configNoise: /^(?:!Command: .*|!Running configuration last done at: .*|!Time: .*)$/,
  errorPatterns: [
    /^% Invalid command at '\^' marker\./m,
    /^% Incomplete command.*$/m,
    /^% Ambiguous command.*$/m,
    /^% Invalid (?:parameter|number|ip address|range|checkpoint name).*$/m,
    /^% Permission denied.*$/m,
  ],
  config: {
    ...CONFIG_TERMINAL,
    save: ['copy running-config startup-config'],
    checkpoint: (name) => [`checkpoint ${name}`],
    restore: ({ checkpoint }) => [`rollback running-config checkpoint ${checkpoint}`],
  },
};
