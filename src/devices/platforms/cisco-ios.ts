/** Cisco IOS and IOS-XE, from ../shared/fixtures/sessions/cisco_iosxe.yaml. */
import { maskOf } from '../parsers/addresses.js';
import type { DailyCli, PlatformDescription, ReadOnlyRules } from '../platform-types.js';
import { CISCO_STYLE, PIPELINED_SETUP, CONFIG_TERMINAL, DESTINATION, ENABLE, ciscoInterfaces } from './cisco-style.js';

// --- The everyday read commands (daily-commands) ---------------------------------------------
/** IOS's global table has no name: `vrf=default` is the global table. */
const named = (vrf?: string) => vrf !== undefined && vrf !== 'default';

const DAILY: DailyCli = {
  bgp: ['show ip bgp summary'],
  // CDP too: it names the neighbour's platform, and answers where LLDP is off.
  neighbors: ['show lldp neighbors', 'show cdp neighbors'],
  arp: ['show ip arp'],
  arpOf: (ip) => `show ip arp ${ip}`,
  mac: (vlan) => `show mac address-table${vlan ? ` vlan ${vlan}` : ''}`,
  macOf: (mac) => `show mac address-table address ${mac}`,
  ports: ['show interfaces status'],
  ospf: ['show ip ospf neighbor'],
  // IOS takes a network and its mask, not a /length; a host address alone.
  route: (p, vrf) => `show ip route${named(vrf) ? ` vrf ${vrf}` : ''} ${p.address}${p.length < 32 ? ` ${maskOf(p.length)}` : ''}`,
  ping: (target, count, vrf) => `ping${named(vrf) ? ` vrf ${vrf}` : ''} ${target} repeat ${count}`,
};

const READ_ONLY: ReadOnlyRules = {
  roots: ['show'],
  modifiers: ['include', 'exclude', 'begin', 'section', 'count'],
  vocabulary: ['append', 'begin', 'count', 'exclude', 'format', 'include', 'redirect', 'section', 'tee'],
  separators: [],
};
// ---------------------------------------------------------------------------------------------

// --- The interface change commands ------------------------------------------------------------
/** IOS and IOS-XE interface types (Catalyst, ISR, CSR); descriptions up to 240 characters. */
const INTERFACES = ciscoInterfaces({
  types: [
    'GigabitEthernet',
    'FastEthernet',
    'TenGigabitEthernet',
    'TwentyFiveGigE',
    'FortyGigabitEthernet',
    'HundredGigE',
    'AppGigabitEthernet',
    'Ethernet',
    'Port-channel',
    'Loopback',
    'Vlan',
    'Tunnel',
  ],
  descriptionMax: 240,
});
// ---------------------------------------------------------------------------------------------

export const ciscoIos: PlatformDescription = {
  daily: DAILY,
  readOnly: READ_ONLY,
  interfaces: INTERFACES,
  id: 'cisco_ios',
  label: 'Cisco IOS / IOS-XE',
  ...CISCO_STYLE,
  ...PIPELINED_SETUP,
  onOpen: ['terminal length 0', 'terminal width 512'],
  enable: ENABLE,
  // Timestamps and sizes of the listing (backups and drift leave them out).
  configNoise:
    /^(?:Building configuration\.\.\.|Current configuration : \d+ bytes|! (?:Last configuration change|NVRAM config last updated) at .*)$/,
  errorPatterns: [
    /^% Invalid input detected at '\^' marker\./m,
    /^% Incomplete command\./m,
    /^% Ambiguous command:.*$/m,
    /^% Unknown command.*$/m,
    /^% Bad IP address or host name.*$/m,
    /^% Bad secrets$/m,
    /^% Configuration not allowed.*$/m,
    // File operations (checkpoint copy, configure replace): `%Error opening flash:x (No such file
    // or directory)`. Unmatched, a restore that did nothing read as a restore that worked.
    /^%Error .*$/m,
  ],
  config: {
    ...CONFIG_TERMINAL,
    save: ['write memory'],
    checkpoint: (name) => [{ command: `copy running-config flash:${name}`, asks: DESTINATION, answer: '' }],
    restore: ({ checkpoint }) => [`configure replace flash:${checkpoint} force`],
  },
};
