/**
 * Normalised values per platform: interface status and protocol in the platforms' own
 * words (from the shared captures and the platforms' documentation) mapped to `up`, `down`,
 * `admin-down`; uptimes in every wording read as seconds.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IOS_INTERFACE_STATES } from '../../src/devices/parsers/cisco-ios.js';
import { NXOS_INTERFACE_STATES } from '../../src/devices/parsers/cisco-nxos.js';
import { XR_INTERFACE_STATES } from '../../src/devices/parsers/cisco-xr.js';
import { EOS_INTERFACE_STATES } from '../../src/devices/parsers/arista-eos.js';
import { JUNOS_INTERFACE_STATES } from '../../src/devices/parsers/juniper-junos-interfaces.js';
import { normaliseInterfaces, uptimeSeconds, type InterfaceStates } from '../../src/devices/parsers/normalise.js';

/** [device status words, device protocol words, normalised status, normalised protocol] */
type Case = [string, string, string, string];

const TABLES: [string, InterfaceStates, Case[]][] = [
  [
    'cisco_ios',
    IOS_INTERFACE_STATES,
    [
      ['up', 'up', 'up', 'up'],
      ['up', 'up (connected)', 'up', 'up'],
      ['down', 'down (notconnect)', 'down', 'down'],
      ['administratively down', 'down', 'admin-down', 'down'],
      ['up', 'down (err-disabled)', 'up', 'down'],
      ['reset', 'down', 'down', 'down'],
      ['deleted', 'down', 'admin-down', 'down'],
      ['up', 'up (looped)', 'up', 'up'],
    ],
  ],
  [
    'cisco_nxos',
    NXOS_INTERFACE_STATES,
    [
      ['up', 'up', 'up', 'up'], // a port: admin state up, link up
      ['down (Link not connected)', 'up', 'down', 'down'], // enabled, no link
      ['down (Administratively down)', 'down', 'admin-down', 'down'],
      ['down (SFP not inserted)', 'up', 'down', 'down'],
      ['down (Administratively down)', 'down', 'admin-down', 'down'], // SVI: line protocol down
      ['up', 'down', 'up', 'down'], // SVI up, line protocol down
    ],
  ],
  [
    'cisco_xr',
    XR_INTERFACE_STATES,
    [
      ['up', 'up', 'up', 'up'],
      ['down', 'down', 'down', 'down'],
      ['administratively down', 'administratively down', 'admin-down', 'down'],
    ],
  ],
  [
    'arista_eos',
    EOS_INTERFACE_STATES,
    [
      ['up', 'up (connected)', 'up', 'up'],
      ['down', 'down (notconnect)', 'down', 'down'],
      ['administratively down', 'down (disabled)', 'admin-down', 'down'],
      ['up', 'lowerlayerdown', 'up', 'down'],
    ],
  ],
  [
    'juniper_junos',
    JUNOS_INTERFACE_STATES,
    [
      ['Up', 'Enabled', 'up', 'up'],
      ['Down', 'Enabled', 'down', 'down'],
      ['Down', 'Administratively down', 'admin-down', 'down'],
      ['Up', 'Disabled', 'admin-down', 'down'],
      ['Up', '', 'up', 'up'], // a logical interface: its first flag
      ['Device-Down', '', 'down', 'down'],
    ],
  ],
];

for (const [platform, states, cases] of TABLES) {
  test(`${platform}: interface status and protocol normalised, the device's words kept`, () => {
    const records = cases.map(([status, protocol]) => ({ interface: 'x', status, protocol, address: '', description: '' }));
    const got = normaliseInterfaces(records, states)!;
    for (const [i, [status, protocol, nStatus, nProtocol]] of cases.entries()) {
      const r = got[i]!;
      assert.deepEqual(
        [r.status, r.protocol, r.device_status, r.device_protocol],
        [nStatus, nProtocol, status, protocol],
        `${platform}: "${status}" / "${protocol}"`,
      );
    }
  });
}

test('a word no table knows is left as the device said it, never guessed', () => {
  const [r] = normaliseInterfaces([{ interface: 'x', status: 'flapping', protocol: 'spoofing' }], IOS_INTERFACE_STATES)!;
  assert.deepEqual([r!.status, r!.protocol], ['flapping', 'spoofing']);
});

const D = 86400;
const UPTIMES: [string, string, number | undefined][] = [
  ['cisco_ios', '2 years, 31 weeks, 6 days, 9 hours, 55 minutes', 2 * 365 * D + 31 * 7 * D + 6 * D + 9 * 3600 + 55 * 60],
  ['cisco_ios', '1 week, 3 days, 16 hours, 11 minutes', 10 * D + 16 * 3600 + 11 * 60],
  ['cisco_ios', '1 day, 15 hours, 32 minutes', D + 15 * 3600 + 32 * 60],
  ['cisco_nxos', '60 day(s), 17 hour(s), 6 minute(s), 22 second(s)', 60 * D + 17 * 3600 + 6 * 60 + 22],
  ['cisco_xr', '1 week, 6 days, 4 hours, 22 minutes', 13 * D + 4 * 3600 + 22 * 60],
  ['cisco_xr', '4 weeks 6 days 1 hour 42 minutes', 34 * D + 3600 + 42 * 60],
  ['arista_eos', '1 hour and 16 minutes', 3600 + 16 * 60],
  ['arista_eos', '3 weeks, 0 days, 20 hours and 45 minutes', 21 * D + 20 * 3600 + 45 * 60],
  ['juniper_junos', '154 days, 19:16', 154 * D + 19 * 3600 + 16 * 60],
  ['juniper_junos', '19:16', 19 * 3600 + 16 * 60],
  ['juniper_junos', '5 mins', 300],
  ['juniper_junos', '2 days, 3 hrs', 2 * D + 3 * 3600],
  ['juniper_junos', '154 days, 19:16, 154 days, 19:20', 154 * D + 19 * 3600 + 16 * 60], // a cluster: the first member
  ['none', '', undefined],
  ['none', 'unknown', undefined],
];

for (const [platform, text, seconds] of UPTIMES) {
  test(`${platform} uptime "${text}" reads as ${seconds} s`, () => assert.equal(uptimeSeconds(text), seconds));
}
