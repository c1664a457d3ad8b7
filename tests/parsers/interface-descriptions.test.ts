/**
 * `show interfaces description` per platform, from the vendors' documented formats (the
 * fixtures hold no capture of it): the description in full, spaces and all, from its column on.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInterfaceDescriptions } from '../../src/devices/parsers/interface-descriptions.js';

const CASES: [string, string, { port: string; description: string }[] | undefined][] = [
  [
    'IOS, admin down in two words',
    [
      'Interface                      Status         Protocol Description',
      'Gi1/0/47                       up             up       to east-core-2 Gi1/0/48, the long way round',
      'Gi1/0/48                       admin down     down     ',
      'Po1                            up             up       uplink',
    ].join('\n'),
    [
      { port: 'Gi1/0/47', description: 'to east-core-2 Gi1/0/48, the long way round' },
      { port: 'Gi1/0/48', description: '' },
      { port: 'Po1', description: 'uplink' },
    ],
  ],
  [
    'NX-OS, rulers and -- for none',
    [
      '',
      '-------------------------------------------------------------------------------',
      'Port          Type   Speed   Description',
      '-------------------------------------------------------------------------------',
      'Eth1/1        eth    10G     to spine 1',
      'Eth1/2        eth    10G     --',
    ].join('\n'),
    [
      { port: 'Eth1/1', description: 'to spine 1' },
      { port: 'Eth1/2', description: '' },
    ],
  ],
  [
    'IOS-XR, admin-down',
    [
      'Interface          Status      Protocol    Description',
      '--------------------------------------------------------------------------------',
      'Gi0/0/0/0          up          up          core link',
      'Gi0/0/0/1          admin-down  admin-down  ',
    ].join('\n'),
    [
      { port: 'Gi0/0/0/0', description: 'core link' },
      { port: 'Gi0/0/0/1', description: '' },
    ],
  ],
  [
    'Junos, only described interfaces',
    [
      'Interface       Admin Link Description',
      'ge-0/0/0        up    up   to west-core-1 Gi0/2',
      'ge-0/0/3        down  down printer',
    ].join('\n'),
    [
      { port: 'ge-0/0/0', description: 'to west-core-1 Gi0/2' },
      { port: 'ge-0/0/3', description: 'printer' },
    ],
  ],
  ['Junos, none described: understood, empty', 'Interface       Admin Link Description\n', []],
  ['not the table', "% Invalid input detected at '^' marker.", undefined],
];

for (const [name, raw, want] of CASES) {
  test(`interface descriptions: ${name}`, () => {
    assert.deepEqual(parseInterfaceDescriptions(raw), want);
  });
}
