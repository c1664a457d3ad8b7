/**
 * The everyday commands' CLI lines as each platform words them (from validated values only):
 * IOS takes a network and mask, Junos names MACs with colons and its default instance by
 * nothing, and `vrf=default` is the global table where the platform has no VRF of that name.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PLATFORMS } from '../../src/devices/platforms/index.js';
import type { PlatformId } from '../../src/core/types.js';
import { maskOf, normaliseMac, portKey } from '../../src/devices/parsers/addresses.js';

const P24 = { address: '10.20.5.0', length: 24 };
const HOST = { address: '10.255.0.1', length: 32 };

const ROUTES: [PlatformId, string | undefined, typeof P24, string][] = [
  ['cisco_ios', undefined, P24, 'show ip route 10.20.5.0 255.255.255.0'],
  ['cisco_ios', undefined, HOST, 'show ip route 10.255.0.1'],
  ['cisco_ios', 'default', P24, 'show ip route 10.20.5.0 255.255.255.0'],
  ['cisco_ios', 'RED', P24, 'show ip route vrf RED 10.20.5.0 255.255.255.0'],
  ['cisco_nxos', 'RED', P24, 'show ip route 10.20.5.0/24 vrf RED'],
  ['cisco_xr', 'RED', P24, 'show route vrf RED ipv4 10.20.5.0/24'],
  ['arista_eos', 'RED', P24, 'show ip route vrf RED 10.20.5.0/24'],
  ['juniper_junos', 'RED', P24, 'show route 10.20.5.0/24 table RED.inet.0'],
  ['juniper_junos', 'default', P24, 'show route 10.20.5.0/24'],
];
for (const [p, vrf, prefix, line] of ROUTES) {
  test(`${p} route ${prefix.address}/${prefix.length} vrf=${vrf ?? '-'}`, () => assert.equal(PLATFORMS[p].daily.route(prefix, vrf), line));
}

const PINGS: [PlatformId, string | undefined, string][] = [
  ['cisco_ios', undefined, 'ping 10.20.5.11 repeat 3'],
  ['cisco_ios', 'RED', 'ping vrf RED 10.20.5.11 repeat 3'],
  ['cisco_nxos', 'RED', 'ping 10.20.5.11 count 3 vrf RED'],
  ['cisco_xr', 'RED', 'ping vrf RED 10.20.5.11 count 3'],
  ['arista_eos', undefined, 'ping 10.20.5.11 repeat 3'],
  ['juniper_junos', undefined, 'ping 10.20.5.11 count 3 rapid'],
  ['juniper_junos', 'RED', 'ping 10.20.5.11 count 3 rapid routing-instance RED'],
];
for (const [p, vrf, line] of PINGS) {
  test(`${p} ping vrf=${vrf ?? '-'}`, () => assert.equal(PLATFORMS[p].daily.ping('10.20.5.11', 3, vrf), line));
}

test('MAC lookups: Junos matches the colon form it prints, the others look the dotted form up', () => {
  assert.equal(PLATFORMS.juniper_junos.daily.macOf('0226.58ed.07f8'), 'show ethernet-switching table | match 02:26:58:ed:07:f8');
  assert.equal(PLATFORMS.cisco_ios.daily.macOf('0226.58ed.07f8'), 'show mac address-table address 0226.58ed.07f8');
  assert.equal(PLATFORMS.cisco_xr.daily.mac, undefined, 'IOS-XR routers have no MAC table');
});

const MACS: [string, string | undefined][] = [
  ['0226.58ed.07f8', '0226.58ed.07f8'],
  ['02:26:58:ED:07:F8', '0226.58ed.07f8'],
  ['02-26-58-ed-07-f8', '0226.58ed.07f8'],
  ['022658ed07f8', '0226.58ed.07f8'],
  ['02:26-58:ed:07:f8', undefined],
  ['0226.58ed.07', undefined],
  ['zz26.58ed.07f8', undefined],
];
for (const [text, want] of MACS) test(`normaliseMac ${text}`, () => assert.equal(normaliseMac(text), want));

test('masks and port keys', () => {
  assert.deepEqual([0, 8, 24, 30, 32].map(maskOf), ['0.0.0.0', '255.0.0.0', '255.255.255.0', '255.255.255.252', '255.255.255.255']);
  assert.equal(portKey('GigabitEthernet0/1'), portKey('Gi0/1'));
  assert.equal(portKey('Gig 1/0/10'), portKey('Gi1/0/10'));
  assert.equal(portKey('Ethernet1/2'), portKey('Eth1/2'));
  assert.equal(portKey('ge-0/0/3.0'), portKey('ge-0/0/3'));
  assert.notEqual(portKey('Gi0/1'), portKey('Gi0/10'));
});
