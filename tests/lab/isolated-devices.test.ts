/**
 * Devices cut off by shut ports, one of each platform, answer with tables the bot's parsers
 * understand as empty (no OSPF neighbour, ARP entry, LLDP neighbour; BGP sessions Idle; only
 * the hosts' MACs on an access switch), and their show interfaces says which end is shut. The
 * ports are shut by typing config mode into the lab's own CLIs (IOS on east-core-1, IOS-XR on
 * east-core-2), sharing the configurations as the lab server does.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import showInterfaces from '../../commands/show-interfaces.js';
import type { PlatformId } from '../../src/core/types.js';
import { ARP, BGP, LLDP, MAC, OSPF } from '../../src/devices/parsers/daily-parsers.js';
import type { TableParser } from '../../src/devices/parsers/daily-parsers.js';
import { PLATFORMS } from '../../src/devices/platforms/index.js';
import { portKey } from '../../src/devices/parsers/addresses.js';
import { expandLab, labDefinitionSchema } from '../../src/lab/lab-definition.js';
import { labClis, ready, shown, type TypedCli } from './emulator-rig.js';

const LAB = expandLab({
  ...labDefinitionSchema.parse(JSON.parse(readFileSync(new URL('../../data/lab.json', import.meta.url), 'utf8'))),
  latencyMs: 0,
});
const platformOf = (name: string) => LAB.find((d) => d.name === name)!.platform;
/** The bot's show-interfaces, typed into the CLI and parsed: one record per interface (Junos: per unit too). */
function interfacesOf(cli: TypedCli, p: PlatformId): Record<string, string>[] {
  if (showInterfaces.kind !== 'read') return [];
  const r = showInterfaces.parse[p]?.(shown(cli, p, showInterfaces.cli[p]!()[0]!));
  return Array.isArray(r) ? r : [];
}

/** Every line typed into one CLI; answers what each printed. */
const typeAll = (cli: TypedCli, lines: string[]) => lines.map((l) => cli.type(l));

/** What the bot's parser makes of the platform's commands for one table, typed into the CLI. */
function parsed(cli: TypedCli, p: PlatformId, commands: string[], parse: TableParser) {
  const raw = commands.map((c) => shown(cli, p, c)).join('\n');
  const rows = parse(raw);
  assert.ok(rows, `${p}: ${commands.join(', ')} understood:\n${raw}`);
  return rows;
}

test('five devices cut off by shut ports: empty tables the parsers understand, BGP Idle, show interfaces down', () => {
  const open = labClis(LAB);
  const ios = ready(open('east-core-1'), 'cisco_ios');
  typeAll(ios, ['configure terminal', 'interface GigabitEthernet0/2', 'shutdown', 'interface GigabitEthernet0/3', 'shutdown', 'end']);
  const xr = ready(open('east-core-2'), 'cisco_xr');
  const xrPorts = ['GigabitEthernet0/0/0/0', 'GigabitEthernet0/0/0/1', 'GigabitEthernet0/0/0/2'];
  const said = typeAll(xr, ['configure', ...xrPorts.flatMap((p) => [`interface ${p}`, 'shutdown']), 'commit', 'end']);
  assert.doesNotMatch(said.join(''), /% ?(?:Invalid|Failed)/, said.join(''));

  // east-core-2 shut all its own ports; the others lost their only uplink at the far end.
  const cut: [string, number][] = [
    ['east-core-2', 0],
    ['east-edge-1', 0],
    ['east-edge-2', 0],
    ['east-access-1', 3],
    ['east-access-2', 3],
  ];
  assert.deepEqual(new Set(cut.map(([d]) => platformOf(d))).size, 5, 'one device of each platform');
  for (const [device, hosts] of cut) {
    const p = platformOf(device);
    const cli = ready(open(device), p);
    const daily = PLATFORMS[p].daily;
    const bgp = parsed(cli, p, daily.bgp, BGP[p]);
    assert.deepEqual(
      bgp.map((b) => b.state),
      bgp.map(() => 'Idle'),
      `${device}: every BGP session Idle`,
    );
    assert.deepEqual(parsed(cli, p, daily.ospf, OSPF[p]), [], `${device}: no OSPF neighbour`);
    assert.deepEqual(parsed(cli, p, daily.arp, ARP[p]), [], `${device}: no ARP entry`);
    assert.deepEqual(parsed(cli, p, daily.neighbors, LLDP[p]), [], `${device}: no LLDP neighbour`);
    const mac = MAC[p];
    if (mac && daily.mac) assert.equal(parsed(cli, p, [daily.mac()], mac).length, hosts, `${device}: only its hosts' MACs`);

    // One entry per port: its state from the physical record, its address from any (Junos puts it on the unit).
    const records = interfacesOf(cli, p);
    const ports = records
      .filter((r) => !r.interface!.includes('.'))
      .map((r): Record<string, string> => {
        const unit = records.find((u) => portKey(u.interface!) === portKey(r.interface!) && u.address);
        return { ...r, address: unit?.address ?? '' };
      });
    const uplinks = ports.filter((i) => i.address);
    assert.ok(uplinks.length > 0, `${device}: its uplinks are listed`);
    const want = device === 'east-core-2' ? 'admin-down' : 'down';
    assert.deepEqual(
      uplinks.map((i) => i.status),
      uplinks.map(() => want),
      `${device}: its uplinks ${want}`,
    );
    assert.equal(ports.length - uplinks.length, hosts, `${device}: its host ports`);
    for (const h of ports.filter((i) => !i.address)) assert.equal(h.status, 'up', `${device} ${h.interface}: a host port stays up`);
  }
});
