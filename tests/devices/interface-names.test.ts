/** Interface names as typed against each platform's own list, and descriptions each platform can and cannot take. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closest, fullName, resolveInterface } from '../../src/devices/interface-names.js';
import { descriptionProblem } from '../../src/devices/interface-change.js';
import { PLATFORMS } from '../../src/devices/platforms/index.js';
import type { PlatformId } from '../../src/core/types.js';

const types = (p: PlatformId) => PLATFORMS[p].interfaces.types;

/** [case, platform, the device's names as its tables print them, typed, the full name it is (undefined: refused)]. */
const RESOLVE: [string, PlatformId, string[], string, string | undefined][] = [
  ['IOS short', 'cisco_ios', ['Gi1/0/47', 'Gi1/0/48', 'Te1/1/1'], 'Gi1/0/48', 'GigabitEthernet1/0/48'],
  ['IOS any case, one letter', 'cisco_ios', ['Gi1/0/47', 'Gi1/0/48'], 'g1/0/48', 'GigabitEthernet1/0/48'],
  ['IOS with a space', 'cisco_ios', ['Gi1/0/48'], 'gig 1/0/48', 'GigabitEthernet1/0/48'],
  ['IOS full', 'cisco_ios', ['Gi1/0/48'], 'GigabitEthernet1/0/48', 'GigabitEthernet1/0/48'],
  ['IOS ten-gig', 'cisco_ios', ['Gi1/0/1', 'Te1/1/1'], 'te1/1/1', 'TenGigabitEthernet1/1/1'],
  ['IOS twenty-five-gig (Twe)', 'cisco_ios', ['Twe1/0/1'], 'Twe1/0/1', 'TwentyFiveGigE1/0/1'],
  ['IOS T is ambiguous where both exist', 'cisco_ios', ['Te1/1/1', 'Twe1/1/1'], 't1/1/1', undefined],
  ['IOS port-channel', 'cisco_ios', ['Po1', 'Gi1/0/1'], 'po1', 'Port-channel1'],
  ['IOS a number it lacks', 'cisco_ios', ['Gi1/0/47', 'Gi1/0/48'], 'Gi1/0/49', undefined],
  ['NX-OS Eth', 'cisco_nxos', ['Eth1/1', 'Eth1/2'], 'Eth1/2', 'Ethernet1/2'],
  ['NX-OS e', 'cisco_nxos', ['Eth1/1', 'Eth1/2'], 'e1/1', 'Ethernet1/1'],
  ['EOS Eth1', 'arista_eos', ['Et1', 'Et2'], 'Eth1', 'Ethernet1'],
  ['EOS Et49/1', 'arista_eos', ['Et49/1', 'Et50/1'], 'et49/1', 'Ethernet49/1'],
  ['XR Gi', 'cisco_xr', ['Gi0/0/0/0', 'Gi0/0/0/1'], 'gi0/0/0/1', 'GigabitEthernet0/0/0/1'],
  ['XR Hu', 'cisco_xr', ['Hu0/0/0/1'], 'Hu0/0/0/1', 'HundredGigE0/0/0/1'],
  ['Junos full name', 'juniper_junos', ['et-0/0/0', 'et-0/0/1'], 'et-0/0/1', 'et-0/0/1'],
  ['Junos takes no abbreviation', 'juniper_junos', ['ge-0/0/1'], 'g-0/0/1', undefined],
  ['Junos, not a Cisco form', 'juniper_junos', ['ge-0/0/1'], 'ge0/0/1', undefined],
];

for (const [name, platform, shown, typed, want] of RESOLVE) {
  test(`interface name: ${name}`, () => {
    const names = shown.map((s) => fullName(s, types(platform)));
    const r = resolveInterface(typed, names, types(platform));
    assert.deepEqual(r.kind === 'found' ? r.name : undefined, want, JSON.stringify(r));
  });
}

test('interface name: the closest names of one the device lacks, nearest first', () => {
  const names = ['GigabitEthernet1/0/1', 'GigabitEthernet1/0/47', 'GigabitEthernet1/0/48', 'TenGigabitEthernet1/1/1'];
  assert.deepEqual(closest('Gi1/0/49', names, 2), ['GigabitEthernet1/0/47', 'GigabitEthernet1/0/48']);
  assert.deepEqual(closest('ge-0/0/7', ['ge-0/0/0', 'ge-0/0/1', 'xe-0/1/0'], 1), ['ge-0/0/0']);
});

/** [case, platform, text, what the refusal names (undefined: taken)]. */
const DESCRIPTIONS: [string, PlatformId, string, RegExp | undefined][] = [
  ['plain', 'cisco_ios', 'to east-core-2 Gi1/0/48', undefined],
  ['quotes on IOS', 'cisco_ios', 'the "old" uplink', undefined],
  ['quotes on Junos', 'juniper_junos', 'the "old" uplink', /cannot take " in a description/],
  ['backslash on Junos', 'juniper_junos', 'a\\b', /cannot take \\ in a description/],
  ['question mark', 'arista_eos', 'why?', /cannot take \? in a description: the CLI reads it as a request for help/],
  ['a newline', 'cisco_nxos', 'one\nshutdown', /control character \(U\+000a\)/],
  ['a tab', 'cisco_xr', 'a\tb', /control character \(U\+0009\)/],
  ['IOS 240 characters', 'cisco_ios', 'x'.repeat(240), undefined],
  ['IOS 241 characters', 'cisco_ios', 'x'.repeat(241), /up to 240 characters; this one has 241/],
  ['NX-OS 254 characters', 'cisco_nxos', 'x'.repeat(254), undefined],
  ['only spaces', 'juniper_junos', '   ', /empty/],
];

for (const [name, platform, text, refused] of DESCRIPTIONS) {
  test(`description: ${name} (${platform})`, () => {
    const problem = descriptionProblem(text, platform);
    if (refused) assert.match(problem ?? '', refused);
    else assert.equal(problem, undefined);
  });
}
