/**
 * The guarded `show command="..."`: a table of dangerous inputs, each refused on the named
 * platforms with the word refused and why; and what a read-only engineer types, let through.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PLATFORMS } from '../../src/devices/platforms/index.js';
import { guardShow } from '../../src/devices/platforms/read-only-guard.js';
import { PLATFORM_IDS, type PlatformId } from '../../src/core/types.js';

const ALL = PLATFORM_IDS;
const CISCO: PlatformId[] = ['cisco_ios', 'cisco_nxos', 'cisco_xr', 'arista_eos'];

/** [name, input, platforms, word refused, why (pattern)]. */
const REFUSED: [string, string, readonly PlatformId[], string, RegExp][] = [
  ['a second command after a line break', 'show version\nconfigure terminal', ALL, 'line break', /ends the command/],
  ['a carriage return', 'show version\rreload', ALL, 'line break', /ends the command/],
  ['a control character', 'show version\u0003', ALL, '\\x03', /control characters/],
  ['NX-OS command separator', 'show version ; configure terminal', ['cisco_nxos'], ';', /end of one command/],
  ['redirect to a file with >', 'show running-config > bootflash:x', ALL, '>', /redirects output/],
  ['IOS redirect modifier', 'show running-config | redirect flash:x', ['cisco_ios', 'arista_eos'], 'redirect', /writes the output/],
  ['IOS tee', 'show running-config | tee flash:x', ['cisco_ios', 'arista_eos'], 'tee', /writes the output/],
  ['IOS append', 'show tech | append flash:x', ['cisco_ios', 'arista_eos'], 'append', /writes the output/],
  ['IOS-XR file', 'show running-config | file harddisk:x', ['cisco_xr'], 'file', /writes the output/],
  ['Junos save', 'show configuration | save /var/tmp/x', ['juniper_junos'], 'save', /writes the output/],
  ['Junos request inside a pipe', 'show version | request system reboot', ['juniper_junos'], 'request', /not on the allow-list/],
  ['a change command', 'configure terminal', ALL, 'configure', /not a read command/],
  ['reload', 'reload in 5', CISCO, 'reload', /not a read command/],
  ['Junos request', 'request system reboot', ['juniper_junos'], 'request', /not a read command/],
  ['Junos file', 'file delete /var/tmp/x', ['juniper_junos'], 'file', /not a read command/],
  ['Junos start shell', 'start shell sh', ['juniper_junos'], 'start', /not a read command/],
  ['clear counters', 'clear counters', ALL, 'clear', /not a read command/],
  ['a one-letter root (ambiguous on the device)', 's version', ALL, 's', /not a read command/],
  ['an ambiguous modifier', 'show version | e', ['cisco_nxos'], 'e', /ambiguous: could be egrep, email, exclude/],
  ['a modifier off the allow-list', 'show version | json', ['cisco_nxos', 'arista_eos'], 'json', /not on the allow-list/],
  ['Junos display xml (only display set)', 'show configuration | display xml', ['juniper_junos'], 'display xml', /only \| display set/],
  ['a Junos modifier on Cisco', 'show version | match x', CISCO, 'match', /not an output modifier/],
  ['an empty modifier', 'show version |', ALL, '|', /nothing follows/],
  ['non-ASCII', 'show version | include caf\u00e9', ALL, 'non-ASCII text', /plain ASCII/],
  ['nothing at all', '   ', ALL, '(nothing)', /no command/],
];

for (const [name, input, platforms, word, why] of REFUSED) {
  for (const p of platforms) {
    test(`refused on ${p}: ${name}`, () => {
      const v = guardShow(PLATFORMS[p].readOnly, input);
      assert.equal(v.ok, false, `${input} let through`);
      if (v.ok) return;
      assert.equal(v.refusal.word, word);
      assert.match(v.refusal.why, why);
    });
  }
}

const ALLOWED: [string, readonly PlatformId[]][] = [
  ['show version', ALL],
  ['sh ip int brief', CISCO],
  ['show running-config | include ntp', CISCO],
  ['show running-config | i ntp', ['cisco_ios']],
  // IOS reads `| s` as section: the one modifier it abbreviates.
  ['show running-config | s ntp', ['cisco_ios']],
  ['show running-config | section router bgp', ['cisco_ios', 'cisco_nxos', 'arista_eos']],
  ['show logging | begin Jan', CISCO],
  ['show interfaces | exclude down', CISCO],
  ['show version | count', ['cisco_ios', 'cisco_xr', 'juniper_junos']],
  ['show configuration | display set | match ntp', ['juniper_junos']],
  ['show log messages | except ssh | count', ['juniper_junos']],
];

for (const [input, platforms] of ALLOWED) {
  for (const p of platforms) {
    test(`allowed on ${p}: ${input}`, () => {
      const v = guardShow(PLATFORMS[p].readOnly, input);
      assert.deepEqual(v, { ok: true, command: input });
    });
  }
}

test('IOS-XR has no | section: refused there, naming it', () => {
  const v = guardShow(PLATFORMS.cisco_xr.readOnly, 'show running-config | section ntp');
  assert.deepEqual(v, { ok: false, refusal: { word: 'section', why: 'not an output modifier of this platform' } });
});
