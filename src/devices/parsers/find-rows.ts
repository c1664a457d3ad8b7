/**
 * What `find` answers from one device: the ARP entry of an address or where a MAC address is
 * learned (the device looked it up), with the LLDP neighbour on that port when there is one.
 * A port with a neighbour is the way towards it; a port without one is where it lives.
 */
import type { PlatformId } from '../../core/types.js';
import { portKey } from './addresses.js';
import type { Fields } from './common.js';
import { ARP, LLDP, MAC, type TableParser } from './daily-parsers.js';

const NOT_FOUND: Fields = { ip: '', mac: '', vlan: '', port: '', neighbor: '', where: 'not found' };

/** EOS and NX-OS ARP entries on an SVI name the VLAN and the port (`Vlan101, Port-Channel2`). */
function splitInterface(text: string): { port: string; vlan: string } {
  const parts = text.split(/,\s*/);
  const vlan = /^Vlan(\d+)$/i.exec(parts[0] ?? '')?.[1] ?? '';
  return { port: parts.at(-1) ?? '', vlan };
}

export function findParser(platform: PlatformId): TableParser {
  return (raw) => {
    const arp = ARP[platform](raw);
    const found: Fields[] = arp
      ? arp.map((a) => ({ ip: a.ip!, mac: a.mac!, ...splitInterface(a.interface!) }))
      : (MAC[platform]?.(raw) ?? []).map((m) => ({ ip: '', mac: m.mac!, vlan: m.vlan!, port: m.port! }));
    if (!found.length) return [NOT_FOUND];
    const neighbors = LLDP[platform](raw) ?? [];
    return found.map((f) => {
      const n = neighbors.find((l) => portKey(l.localPort!) === portKey(f.port!));
      const neighbor = n ? `${n.neighbor} ${n.neighborPort}` : '';
      return { ...f, neighbor, where: n ? `towards ${n.neighbor}` : 'here' };
    });
  };
}
