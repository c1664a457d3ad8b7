/**
 * `| json` on EOS and NX-OS and Junos `| display xml`: parsed back and checked against the
 * fields ntc-templates extracted from the very capture the lab serves
 * (../shared/fixtures/devices/<platform>/<command>/<capture>.yml), for every capture a device
 * may serve, and against the text output itself where the lab makes the capture the device's
 * own (its name, its serials, its chassis).
 * Junos' XML (and its JSON) is read the way junipernetworks.junos reads the device's facts
 * (`.//software-information`, with Python's ElementTree).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'yaml';
import type { PlatformId } from '../../src/core/types.js';
import { LAB_PLATFORMS } from '../../src/lab/lab-platforms.js';
import { readyCli, shown } from './emulator-rig.js';

const FIXTURES = new URL('../../../shared/fixtures/devices/', import.meta.url);
const CAPTURES = new URL('../../src/lab/captures/', import.meta.url);

type Sample = Record<string, string>;

/** The ntc-templates fields of each capture the lab serves for this output, in captureIndex order. */
function samples(platform: PlatformId, output: 'show-version' | 'show-interfaces' | 'show-inventory'): Sample[][] {
  const folder = LAB_PLATFORMS[platform].captures[output]!;
  const raws = readdirSync(new URL(`${platform}/${folder}/`, CAPTURES))
    .filter((f) => f.endsWith('.raw'))
    .sort();
  return raws.map((f) => {
    const yml = readFileSync(new URL(`${platform}/${folder}/${f.replace(/\.raw$/, '.yml')}`, FIXTURES), 'utf8');
    return (parse(yml) as { parsed_sample: Sample[] }).parsed_sample;
  });
}

const seconds = (uptime: string) =>
  [...uptime.matchAll(/(\d+) (week|day|hour|minute)/g)].reduce(
    (s, m) => s + Number(m[1]) * { week: 604800, day: 86400, hour: 3600, minute: 60 }[m[2] as 'week']!,
    0,
  );
const colon = (mac: string) => (mac.replace(/\./g, '').match(/../g) ?? []).join(':');

test('arista_eos: show version | json has the text output values under EOS names (what Ansible reads)', () => {
  for (const [i, [want]] of samples('arista_eos', 'show-version').entries()) {
    const cli = readyCli('arista_eos', { captureIndex: i });
    const v = JSON.parse(shown(cli, 'arista_eos', 'show version | json')) as Record<string, unknown>;
    assert.ok(String(v['version']).startsWith(want!['image']!), `capture ${i}: version`);
    assert.equal(v['modelName'], want!['model'], `capture ${i}: modelName`);
    const text = shown(cli, 'arista_eos', 'show version');
    assert.equal(v['serialNumber'], /^Serial number:[ \t]*(\S*)/m.exec(text)![1], `capture ${i}: serialNumber as the text says`);
    assert.equal(v['systemMacAddress'], colon(want!['sys_mac']!), `capture ${i}: systemMacAddress`);
    assert.equal(v['memTotal'], Number(want!['total_memory']), `capture ${i}: memTotal`);
    assert.equal(v['memFree'], Number(want!['free_memory']), `capture ${i}: memFree`);
    assert.equal(v['uptime'], seconds(want!['uptime']!), `capture ${i}: uptime in seconds`);
  }
});

test('arista_eos: show interfaces, show hostname, show running-config | json', () => {
  for (const [i, want] of samples('arista_eos', 'show-interfaces').entries()) {
    const cli = readyCli('arista_eos', { captureIndex: i });
    const { interfaces } = JSON.parse(shown(cli, 'arista_eos', 'show interfaces | json')) as {
      interfaces: Record<string, Record<string, unknown>>;
    };
    assert.deepEqual(
      Object.keys(interfaces),
      want.map((w) => w['interface']),
      `capture ${i}: interfaces`,
    );
    for (const w of want) {
      const j = interfaces[w['interface']!]!;
      assert.equal(j['lineProtocolStatus'], w['protocol_status']!.split(' ')[0], `${w['interface']}: protocol`);
      assert.equal(j['description'], w['description'], `${w['interface']}: description`);
      const addr = (j['interfaceAddress'] as { primaryIp: { address: string; maskLen: number } }[])[0]?.primaryIp;
      assert.equal(addr ? `${addr.address}/${addr.maskLen}` : '', w['ip_address'] ?? '', `${w['interface']}: address`);
      assert.equal(j['mtu'] ?? '', w['mtu'] ? Number(w['mtu']) : '', `${w['interface']}: mtu`);
      assert.equal(j['physicalAddress'] ?? '', w['mac_address'] ? colon(w['mac_address']) : '', `${w['interface']}: physicalAddress`);
      assert.equal(
        j['bandwidth'] ?? '',
        w['bandwidth'] ? Number.parseInt(w['bandwidth'], 10) * 1000 : '',
        `${w['interface']}: bandwidth (bit/s)`,
      );
    }
  }
  const cli = readyCli('arista_eos');
  assert.equal((JSON.parse(shown(cli, 'arista_eos', 'show hostname | json')) as { hostname: string }).hostname, cli.device.hostname);
  const config = JSON.parse(shown(cli, 'arista_eos', 'show running-config | json')) as { cmds: Record<string, { cmds: object } | null> };
  const text = shown(cli, 'arista_eos', 'show running-config').split('\n');
  const top = text.filter((l) => l && !/^[\s!]/.test(l) && l !== 'end');
  assert.deepEqual(Object.keys(config.cmds), top, 'every top-level line is a command');
  assert.deepEqual(Object.keys(config.cmds['interface Ethernet1']!.cmds), ['description uplink-0']);
});

test('cisco_nxos: show version | json has the text output values under NX-OS names', () => {
  for (const [i, [want]] of samples('cisco_nxos', 'show-version').entries()) {
    const cli = readyCli('cisco_nxos', { captureIndex: i });
    const v = JSON.parse(shown(cli, 'cisco_nxos', 'show version | json')) as Record<string, unknown>;
    assert.equal(v['host_name'], cli.device.hostname, `capture ${i}: host_name (the lab's name, as the text says)`);
    assert.match(shown(cli, 'cisco_nxos', 'show version'), new RegExp(`Device name: ${cli.device.hostname}`));
    assert.equal(v['nxos_ver_str'], want!['os'], `capture ${i}: nxos_ver_str`);
    assert.equal(v['bios_ver_str'], want!['bios'], `capture ${i}: bios_ver_str`);
    const text = shown(cli, 'cisco_nxos', 'show version');
    assert.equal(v['proc_board_id'], /Processor Board ID (\S+)/.exec(text)![1], `capture ${i}: proc_board_id as the text says`);
    // ntc's boot_image is the kickstart image where there is one (Nexus 5000), else the NXOS image.
    if (want!['boot_image']) assert.equal(v['kick_file_name'] ?? v['nxos_file_name'], want!['boot_image'], `capture ${i}: image file`);
    assert.equal(v['rr_reason'], want!['last_reboot_reason'], `capture ${i}: rr_reason`);
    assert.ok(String(v['chassis_id']).includes(want!['platform']!), `capture ${i}: chassis_id`);
    assert.match(
      text,
      new RegExp(`^\\s*cisco ${String(v['chassis_id']).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`, 'm'),
      'chassis_id as the text says',
    );
  }
});

test('cisco_nxos: show inventory and show interface | json, show running-config | json refused', () => {
  for (const [i, want] of samples('cisco_nxos', 'show-inventory').entries()) {
    const cli = readyCli('cisco_nxos', { captureIndex: i });
    const rows = (JSON.parse(shown(cli, 'cisco_nxos', 'show inventory | json')) as { TABLE_inv: { ROW_inv: Sample[] } }).TABLE_inv.ROW_inv;
    assert.deepEqual(
      rows.map((r) => r['name']),
      want.map((w) => w['name']),
      `capture ${i}: the parts`,
    );
    // Every part's fields as the text prints them (the lab names its own chassis there).
    const text = shown(cli, 'cisco_nxos', 'show inventory');
    const printed = [
      ...text.matchAll(/NAME:\s*"?([^",]*)"?,\s*DESCR:\s*"?([^"\n]*?)"?\s*\n\s*PID:\s*(\S*)\s*,\s*VID:\s*([^\s,]*)\s*,\s*SN:\s*(\S*)/g),
    ];
    assert.deepEqual(
      rows.map((r) => [r['name'], r['desc'], r['productid'], r['vendorid'], r['serialnum']]),
      printed.map((m) => m.slice(1, 6)),
      `capture ${i}: fields`,
    );
  }
  const [want] = samples('cisco_nxos', 'show-interfaces');
  const cli = readyCli('cisco_nxos');
  const rows = (JSON.parse(shown(cli, 'cisco_nxos', 'show interface | json')) as { TABLE_interface: { ROW_interface: Sample[] } })
    .TABLE_interface.ROW_interface;
  assert.deepEqual(
    rows.map((r) => [r['interface'], r['eth_mtu'] ?? '', r['eth_hw_addr'] ?? '', String(r['eth_bw'] ?? '')]),
    want!.map((w) => [
      w['interface'],
      w['mtu'] ?? '',
      w['mac_address'] ?? '',
      w['bandwidth'] ? String(Number.parseInt(w['bandwidth'], 10)) : '',
    ]),
  );
  assert.match(shown(cli, 'cisco_nxos', 'show running-config | json'), /% Invalid command at '\^' marker\./);
});

/** What junipernetworks.junos reads of the device's facts: `.//software-information` children. */
function junosFacts(xml: string): Record<string, string> {
  const script = [
    'import sys, json, xml.etree.ElementTree as ET',
    'root = ET.fromstring(sys.stdin.read())',
    "sw = root.find('.//software-information')",
    "print(json.dumps({t: (sw.find(t).text or '').strip() for t in ('junos-version', 'host-name', 'product-model')}))",
  ].join('\n');
  const r = spawnSync('/usr/bin/python3', ['-c', script], { input: xml, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Record<string, string>;
}

test('juniper_junos: show version | display xml is the software-information reply the Junos plugins read', () => {
  for (const [i, [want]] of samples('juniper_junos', 'show-version').entries()) {
    if (!want!['junos_version']) continue; // a vmhost capture names no Junos version
    const cli = readyCli('juniper_junos', { captureIndex: i });
    const facts = junosFacts(shown(cli, 'juniper_junos', 'show version | display xml'));
    assert.deepEqual(
      facts,
      { 'junos-version': want!['junos_version'], 'host-name': cli.device.hostname, 'product-model': want!['model'] },
      `capture ${i}`,
    );
  }
});

test('juniper_junos: show version | display json carries the same facts as the XML', () => {
  type Data = [{ data: string }];
  type Software = Record<string, Data>;
  for (const [i, [want]] of samples('juniper_junos', 'show-version').entries()) {
    const cli = readyCli('juniper_junos', { captureIndex: i });
    const j = JSON.parse(shown(cli, 'juniper_junos', 'show version | display json')) as Record<string, unknown>;
    const items = (
      j['multi-routing-engine-results'] as [{ 'multi-routing-engine-item': [{ 'software-information': [Software] }] }] | undefined
    )?.[0]['multi-routing-engine-item'];
    const sw = items ? items[0]['software-information'][0] : (j['software-information'] as [Software])[0];
    assert.equal(sw['host-name']![0].data, cli.device.hostname, `capture ${i}: host-name`);
    assert.equal(sw['product-model']![0].data, want!['model'], `capture ${i}: product-model`);
    if (want!['junos_version']) assert.equal(sw['junos-version']![0].data, want!['junos_version'], `capture ${i}: junos-version`);
  }
});

test('juniper_junos: show configuration | display xml holds every statement, keys as <name>', () => {
  const cli = readyCli('juniper_junos');
  const xml = shown(cli, 'juniper_junos', 'show configuration | display xml');
  const script = [
    'import sys, json, xml.etree.ElementTree as ET',
    "c = ET.fromstring(sys.stdin.read()).find('configuration')",
    // A statement ends in a value (text, no children), a flag (empty) or a list entry with only its key (<name>).
    "leaf = lambda e: len(e) == 0 and e.tag not in ('name', 'version')",
    "keyed = lambda e: len(e) > 0 and all(k.tag == 'name' for k in e)",
    'ends = [e for e in c.iter() if e is not c and (leaf(e) or keyed(e))]',
    'print(json.dumps({',
    "  'ends': len(ends),",
    "  'host': c.findtext('system/host-name'),",
    "  'description': c.findtext(\"interfaces/interface[name='ge-0/0/0']/description\"),",
    "  'ntp': c.findtext('system/ntp/server/name'),",
    "  'address': c.findtext(\"interfaces/interface[name='fxp0']/unit[name='0']/family/inet/address/name\"),",
    "  'netconf': c.find('system/services/netconf/ssh') is not None,",
    '}))',
  ].join('\n');
  const r = spawnSync('/usr/bin/python3', ['-c', script], { input: xml, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const got = JSON.parse(r.stdout) as Record<string, unknown>;
  const statements = cli.device.state.running.statements();
  assert.equal(got['ends'], statements.length, 'one value or flag per statement');
  assert.equal(got['host'], cli.device.hostname);
  assert.equal(got['description'], 'uplink-0');
  assert.equal(got['ntp'], '192.0.2.123');
  assert.match(String(got['address']), /^10\.\d+\.\d+\.5\/24$/);
  assert.equal(got['netconf'], true);
  // Drawn from the device's configuration as it is now: a committed change shows.
  for (const line of ['configure', 'set system domain-name lab.example', 'commit', 'exit']) cli.type(line);
  assert.match(shown(cli, 'juniper_junos', 'show configuration | display xml'), /<system>[\s\S]*<domain-name>lab\.example<\/domain-name>/);
});
