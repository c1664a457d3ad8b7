/**
 * Cisco NX-OS `| json`: the NX-API models of the commands the lab answers, with NX-OS's own
 * field names (`host_name`, `chassis_id`, `nxos_ver_str`, `kickstart_ver_str`,
 * `TABLE_interface`/`ROW_interface`, ...), built from the text the device prints. NX-OS
 * `show running-config | json` is not modelled here (the device answers it with its own
 * configuration schema): the lab refuses it.
 */
import { parseNxosShowInterface, parseNxosShowInventory } from '../../devices/parsers/cisco-nxos.js';
import type { OutputView, ViewContext } from '../output-modifiers.js';
import { field, int, interfaceBodies, interfaceFacts } from './view-text.js';

function uptime(text: string): object {
  const u = field(text, 'Kernel uptime is');
  const n = (unit: string) => int(new RegExp(`(\\d+) ${unit}`).exec(u)?.[1]);
  return { kern_uptm_days: n('day'), kern_uptm_hrs: n('hour'), kern_uptm_mins: n('minute'), kern_uptm_secs: n('second') };
}

function files(text: string): Record<string, string> {
  const named = {
    nxos_file_name: 'NXOS image file is:',
    kick_file_name: 'kickstart image file is:',
    isan_file_name: 'system image file is:',
  };
  return Object.fromEntries(Object.entries(named).flatMap(([key, label]) => (field(text, label) ? [[key, field(text, label)]] : [])));
}

function showVersion(text: string): object {
  const version = /^\s*(?:NXOS|system):\s+version\s+(.+?)\s*$/m.exec(text)?.[1] ?? '';
  const memory = /with (\d+) (\w+) of memory/.exec(text);
  const hardware = /^Hardware\s*\n\s*cisco (.+?)\s*\n\s*(.+?)\s+with /m.exec(text);
  return {
    header_str: text.split(/\n\s*\nSoftware\n/)[0]!.trim(),
    bios_ver_str: /BIOS:\s+version\s+(\S+)/.exec(text)?.[1] ?? '',
    kickstart_ver_str: /kickstart:\s+version\s+(.+?)\s*$/m.exec(text)?.[1] ?? version,
    nxos_ver_str: version,
    bios_cmpl_time: field(text, 'BIOS compile time:'),
    // 7.x and later: one NXOS image; the Nexus 5000 line: a kickstart and a system (isan) image.
    ...files(text),
    nxos_cmpl_time: field(text, 'NXOS compile time:') || field(text, 'system compile time:'),
    chassis_id: hardware?.[1] ?? '',
    cpu_name: hardware?.[2] ?? '',
    memory: int(memory?.[1]),
    mem_type: memory?.[2] ?? 'kB',
    proc_board_id: field(text, 'Processor Board ID'),
    host_name: field(text, 'Device name:'),
    bootflash_size: int(field(text, 'bootflash:')),
    ...uptime(text),
    rr_reason: field(text, 'Reason:'),
    rr_sys_ver: field(text, 'System version:'),
    rr_service: field(text, 'Service:') || null,
    manufacturer: 'Cisco Systems, Inc.',
  };
}

function showInterface(text: string): object | undefined {
  const rows = parseNxosShowInterface(text);
  if (!rows) return undefined;
  const bodies = interfaceBodies(
    text,
    rows.map((r) => r['interface']!),
  );
  return {
    TABLE_interface: {
      ROW_interface: rows.map((r) => {
        const [addr = '', mask = ''] = (r['address'] ?? '').split(', ')[0]!.split('/');
        const status = r['status'] ?? '';
        const f = interfaceFacts(bodies.get(r['interface']!) ?? '');
        return {
          interface: r['interface'],
          state: status.split(/\s/)[0] === 'administratively' ? 'down' : status.split(/\s/)[0],
          ...(/\(([^)]+)\)/.test(status) ? { state_rsn_desc: /\(([^)]+)\)/.exec(status)![1] } : {}),
          admin_state: status.startsWith('administratively') ? 'down' : (r['protocol'] ?? ''),
          ...(r['description'] ? { desc: r['description'] } : {}),
          ...(addr ? { eth_ip_addr: addr, eth_ip_mask: int(mask) } : {}),
          ...(f.mac ? { eth_hw_addr: f.mac } : {}),
          ...(f.mtu ? { eth_mtu: String(f.mtu) } : {}),
          ...(f.bwKbit ? { eth_bw: f.bwKbit } : {}),
        };
      }),
    },
  };
}

function showInventory(text: string): object | undefined {
  const parts = parseNxosShowInventory(text);
  if (!parts) return undefined;
  const vid = (name: string) =>
    new RegExp(`NAME: "?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?,[^\\n]*\\n\\s*PID:[^,]*,\\s*VID:\\s*([^\\s,]*)`).exec(text)?.[1] ??
    '';
  return {
    TABLE_inv: {
      ROW_inv: parts.map((p) => ({
        name: p['name'],
        desc: p['description'],
        productid: p['pid'],
        vendorid: vid(p['name'] ?? ''),
        serialnum: p['serial'],
      })),
    },
  };
}

const MODELS: Partial<Record<ViewContext['source'], (text: string) => object | undefined>> = {
  'show-version': showVersion,
  'show-interfaces': showInterface,
  'show-inventory': showInventory,
};

export const nxosJson: OutputView = (c) => {
  const model = MODELS[c.source]?.(c.text);
  return model === undefined ? undefined : JSON.stringify(model, null, 2);
};
