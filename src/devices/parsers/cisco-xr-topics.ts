/**
 * IOS-XR `show interfaces brief` (the port list of a router with no `show interfaces status`):
 * `Intf Name  Intf State  LineP State  Encap Type  MTU (byte)  BW (Kbps)`. No capture in the
 * fixtures: Cisco's documented format. Fields as `show interfaces status`: port, status
 * (connected when the line protocol is up, disabled when admin-down, else notconnect), speed
 * (the bandwidth in Kbit/s as printed), the others ''.
 */
import { type Fields, lines } from './common.js';

const ROW = /^\s*(\S+)\s+(up|down|admin-down)\s+(up|down|admin-down)\s+(\S+)\s+(\d+)\s+(\d+)\s*$/;

export function parseXrInterfacesBrief(raw: string): Fields[] | undefined {
  const out: Fields[] = [];
  for (const line of lines(raw)) {
    const m = ROW.exec(line);
    if (!m) continue;
    const status = m[2] === 'admin-down' ? 'disabled' : m[3] === 'up' ? 'connected' : 'notconnect';
    out.push({ port: m[1]!, description: '', status, vlan: '', duplex: '', speed: `${m[6]} Kbps`, type: m[4]! });
  }
  return out.length ? out : undefined;
}
