/**
 * Junos operational RPCs over NETCONF, drawn from the same captures the CLI serves, so the
 * two agree: `get-software-information` (show version: what junipernetworks.junos reads for
 * hostname, model and version), `get-chassis-inventory` (show chassis hardware: the chassis
 * serial junos_facts reports) and `get-interface-information` (show interfaces: one
 * `physical-interface` per interface, the fields junos_facts' interfaces subset reads).
 */
import { parseJunosShowChassisHardware } from '../../devices/parsers/juniper-junos.js';
import type { EmulatedDevice } from '../emulated-device.js';
import { junosSoftwareXml } from '../views/junos-views.js';
import { data, failed, type RpcAnswer } from './session.js';
import { escapeXml, type XmlElement } from './xml.js';

const leaf = (tag: string, value: string | undefined) => (value ? [`<${tag}>${escapeXml(value)}</${tag}>`] : []);

const unavailable = (what: string): RpcAnswer =>
  failed({ type: 'application', tag: 'operation-failed', message: `${what} is not available on this device` });

export function softwareInformation(d: EmulatedDevice): RpcAnswer {
  const text = d.outputs['show-version'];
  return text ? data(junosSoftwareXml(text).join('\n')) : unavailable('software information');
}

/** One hardware line of `show chassis hardware`, with the lines indented under it. */
interface Part {
  name: string;
  fields: Record<string, string>;
  parts: Part[];
}

function partXml(p: Part, tag: string): string[] {
  const f = p.fields;
  return [
    `<${tag}>`,
    ...leaf('name', p.name),
    ...leaf('part-number', f['pid']),
    ...leaf('serial-number', f['serial']),
    ...leaf('description', f['description']),
    ...p.parts.flatMap((s) => partXml(s, tag === 'chassis' ? 'chassis-module' : 'chassis-sub-module')),
    `</${tag}>`,
  ];
}

export function chassisInventory(d: EmulatedDevice): RpcAnswer {
  const items = parseJunosShowChassisHardware(d.outputs['show-inventory'] ?? '');
  if (!items?.length) return unavailable('chassis inventory');
  // The parser names each line by its path (`FPC 0 / PIC 0`): rebuild the tree from it.
  const roots: Part[] = [];
  const byPath = new Map<string, Part>();
  for (const { name = '', ...fields } of items) {
    const path = name.split(' / ');
    const part: Part = { name: path.at(-1)!, fields, parts: [] };
    byPath.set(name, part);
    const parent = byPath.get(path.slice(0, -1).join(' / '));
    (parent ? parent.parts : roots).push(part);
  }
  // The chassis holds the other top-level parts; a cluster's first member's chassis stands for it.
  const chassis = roots.find((r) => /Chassis$/.test(r.name)) ?? roots[0]!;
  const top = { ...chassis, parts: [...chassis.parts, ...roots.filter((r) => r !== chassis && !/Chassis$/.test(r.name))] };
  return data(
    [
      '<chassis-inventory xmlns="http://xml.juniper.net/junos/17.3R2/junos-chassis">',
      ...partXml(top, 'chassis'),
      '</chassis-inventory>',
    ].join('\n'),
  );
}

/** `ge-0/0/0, Enabled, Physical link is Up` and the lines under it, up to the next physical interface. */
function physicalInterface(block: string): string[] {
  const [head = '', ...rest] = block.split('\n');
  const [name, admin = '', link = ''] = head.split(/,\s*/);
  const body = rest.join('\n');
  const field = (re: RegExp) => re.exec(body)?.[1];
  const speed = field(/Speed: ([^,\s]+)/);
  return [
    '<physical-interface>',
    ...leaf('name', name?.trim()),
    ...leaf('admin-status', /^Enabled/.test(admin) ? 'up' : 'down'),
    ...leaf('oper-status', /\bUp$/i.test(link.trim()) ? 'up' : 'down'),
    ...leaf('description', field(/^\s*Description: (.+)$/m)),
    ...leaf('if-type', field(/Link-level type: ([^,]+)/)),
    ...leaf('mtu', field(/MTU: (\w+)/)),
    ...leaf('speed', speed),
    ...leaf('hardware-physical-address', field(/Hardware address: ([0-9a-f:]+)/i)),
    '</physical-interface>',
  ];
}

/** `<get-interface-information>` (with `<interface-name>`: that interface only). */
export function interfaceInformation(d: EmulatedDevice, op: XmlElement): RpcAnswer {
  const text = (d.outputs['show-interfaces'] ?? '').replace(/\r/g, '');
  const blocks = text.split(/^Physical interface: /m).slice(1);
  const only = op.children.find((c) => c.name === 'interface-name')?.text.trim();
  const chosen = only ? blocks.filter((b) => b.startsWith(`${only},`)) : blocks;
  if (only && chosen.length === 0) {
    return failed({
      type: 'protocol',
      tag: 'operation-failed',
      message: `device ${only} not found`,
      info: `<bad-element>${escapeXml(only)}</bad-element>`,
    });
  }
  return data(
    [
      '<interface-information xmlns="http://xml.juniper.net/junos/17.3R2/junos-interface" junos:style="normal">',
      ...chosen.flatMap(physicalInterface),
      '</interface-information>',
    ].join('\n'),
  );
}
