/**
 * The everyday outputs of one simulated device (BGP, LLDP, ARP, MAC, ports, OSPF; route and
 * ping by the words typed), made from the lab's network in its platform's own format.
 */
import type { LabDeviceSpec } from '../lab-definition.js';
import type { LabPlatform, OutputName } from '../lab-platforms.js';
import { buildTopology, endsOf, type LabTopology } from '../topology.js';
import { isIpv4, normaliseMac } from '../../devices/parsers/addresses.js';
import { type DeviceView, deviceView, type PortConfigs, type PortName } from './device-view.js';

/** Enough ports for every link and host a device can have. */
const PORTS = 12;

/** The lab's network for these devices, every platform naming its own ports. */
export function labTopology(specs: LabDeviceSpec[], platforms: (s: LabDeviceSpec) => LabPlatform): LabTopology {
  const portsOf = (s: LabDeviceSpec) => Array.from({ length: PORTS }, (_, k) => platforms(s).daily?.port(k).full ?? `port${k}`);
  return buildTopology(specs, portsOf);
}

/** The view with only the ARP and MAC entries the typed words ask for (an address, a MAC, a VLAN). */
function filtered(view: DeviceView, words: string[]): DeviceView {
  const ip = words.find(isIpv4);
  const mac = words.map(normaliseMac).find((m) => m !== undefined);
  const v = words.findIndex((w) => w === 'vlan' || w === 'vlan-id');
  const vlan = v >= 0 ? words[v + 1] : undefined;
  return {
    ...view,
    arp: view.arp.filter((a) => (!ip || a.ip === ip) && (!mac || a.mac === mac)),
    mac: view.mac.filter((m) => (!mac || m.mac === mac) && (!vlan || m.vlan === vlan)),
  };
}

export interface DailyOutputs {
  /** Words typed after the command (`show ip route <prefix>`, `show interfaces <name>`) shape these. */
  queries: Partial<Record<OutputName, (words: string[]) => string>>;
  /** Made when asked, from the configurations as they are then: a port shut shows at once, everywhere. */
  live: Partial<Record<OutputName, () => string>>;
}

export function dailyOutputs(
  t: LabTopology,
  spec: LabDeviceSpec,
  platforms: (s: LabDeviceSpec) => LabPlatform,
  modelOf: (device: string) => string = () => '',
  configs?: PortConfigs,
): DailyOutputs {
  const daily = platforms(spec).daily;
  if (!daily) return { queries: {}, live: {} };
  const names = new Map<string, PortName>();
  for (const s of t.specs) {
    for (let k = 0; k < PORTS; k++) {
      const p = platforms(s).daily?.port(k);
      if (p) names.set(`${s.name} ${p.full}`, p);
    }
  }
  const namer = (device: string, full: string) => names.get(`${device} ${full}`) ?? { full, short: full };
  // Every output reads the configurations of the whole lab as they are when it is asked.
  const now = () => deviceView(t, spec.name, namer, modelOf, configs);
  const r = daily.render;
  const live: DailyOutputs['live'] = {
    'bgp-summary': () => r.bgp(now()),
    'arp-table': () => r.arp(now()),
    'ospf-neighbors': () => r.ospf(now()),
    'port-status': () => r.ports(now()),
    'interface-descriptions': () => r.descriptions(now()),
    'lldp-neighbors': () => r.lldp(now()),
  };
  if (r.cdp) live['cdp-neighbors'] = () => r.cdp!(now());
  if (r.mac) live['mac-table'] = () => r.mac!(now());
  const queries: DailyOutputs['queries'] = {
    route: (w) => r.route(now(), w),
    ping: (w) => r.ping(now(), w),
    // `show ip arp 10.1.1.2`, `show mac address-table address 0200.1111.2222`, `... vlan 10`: the entries asked for.
    'arp-table': (w) => r.arp(filtered(now(), w)),
  };
  if (r.mac) queries['mac-table'] = (w) => r.mac!(filtered(now(), w));
  // A device the cabling leaves out has no port of the lab's: it serves its interfaces capture instead.
  if (endsOf(t, spec.name).length || t.hosts.some((h) => h.device === spec.name)) {
    live['show-interfaces'] = () => r.interfaces(now());
    // `show interfaces Gi0/1` (Junos also `show interfaces ge-0/0/1 terse`): the one port, or the platform's refusal.
    queries['show-interfaces'] = (w) => r.interfaces(now(), w);
  }
  return { queries, live };
}
