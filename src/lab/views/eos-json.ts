/**
 * Arista EOS `| json`: the JSON eAPI models of the commands the lab answers, with EOS's own
 * field names (`modelName`, `version`, `serialNumber`, `uptime`, ...), built from the very
 * text the device prints, so the two views always agree. Ansible's arista.eos cliconf reads
 * `version` and `modelName` of `show version | json` and `hostname` of `show hostname | json`.
 */
import { parseEosShowInterfaces, parseEosShowInventory } from '../../devices/parsers/arista-eos.js';
import type { OutputView, ViewContext } from '../output-modifiers.js';
import {
  type ConfigNode,
  LAB_NOW_S,
  colonMac,
  configTree,
  durationSeconds,
  field,
  int,
  interfaceBodies,
  interfaceFacts,
} from './view-text.js';

function showVersion(text: string): object {
  const uptime = durationSeconds(field(text, 'Uptime:'));
  const model = /^(\S+)\s+(.+)$/m.exec(text.trim()) ?? [];
  const optional = (label: string, key: string) => (field(text, label) ? { [key]: field(text, label) } : {});
  return {
    mfgName: model[1] ?? '',
    modelName: model[2] ?? '',
    hardwareRevision: field(text, 'Hardware version:'),
    serialNumber: field(text, 'Serial number:'),
    systemMacAddress: colonMac(field(text, 'System MAC address:')),
    ...(field(text, 'Hardware MAC address:') ? { hwMacAddress: colonMac(field(text, 'Hardware MAC address:')) } : {}),
    configMacAddress: '00:00:00:00:00:00',
    version: field(text, 'Software image version:'),
    architecture: field(text, 'Architecture:'),
    internalVersion: field(text, 'Internal build version:'),
    internalBuildId: field(text, 'Internal build ID:'),
    ...optional('Image format version:', 'imageFormatVersion'),
    ...optional('Image optimization:', 'imageOptimization'),
    ...optional('Kernel version:', 'kernelVersion'),
    bootupTimestamp: LAB_NOW_S - uptime,
    uptime,
    memTotal: int(field(text, 'Total memory:')),
    memFree: int(field(text, 'Free memory:')),
    isIntlVersion: false,
  };
}

/** The `(connected)` of the header, else what EOS calls the state: disabled, notconnect. */
function interfaceStatus(status: string): string {
  const inParens = /\(([^)]+)\)/.exec(status)?.[1];
  if (inParens) return inParens;
  if (status.startsWith('administratively')) return 'disabled';
  return status.startsWith('up') ? 'connected' : 'notconnect';
}

function showInterfaces(text: string): object | undefined {
  const rows = parseEosShowInterfaces(text);
  if (!rows) return undefined;
  const interfaces: Record<string, object> = {};
  const bodies = interfaceBodies(
    text,
    rows.map((r) => r['interface']!),
  );
  for (const r of rows) {
    const [address = '', maskLen = '0'] = (r['address'] ?? '').split(', ')[0]!.split('/');
    const f = interfaceFacts(bodies.get(r['interface']!) ?? '');
    interfaces[r['interface']!] = {
      name: r['interface'],
      description: r['description'] ?? '',
      interfaceStatus: interfaceStatus(r['status'] ?? ''),
      lineProtocolStatus: (r['protocol'] ?? '').split(/\s/)[0],
      interfaceAddress: address ? [{ primaryIp: { address, maskLen: int(maskLen) }, secondaryIpsOrderedList: [] }] : [],
      ...(f.mac ? { physicalAddress: colonMac(f.mac) } : {}),
      ...(f.mtu ? { mtu: f.mtu } : {}),
      // EOS gives the bandwidth in bit/s.
      ...(f.bwKbit ? { bandwidth: f.bwKbit * 1000 } : {}),
    };
  }
  return { interfaces };
}

function showInventory(text: string): object | undefined {
  const parts = parseEosShowInventory(text);
  if (!parts) return undefined;
  const slot = (name: string, kind: string) => (name.startsWith(kind) ? name.slice(kind.length).trim() : undefined);
  const out = { systemInformation: {}, powerSupplySlots: {}, fanTraySlots: {}, xcvrSlots: {} } as Record<string, Record<string, unknown>>;
  for (const p of parts) {
    const name = p['name'] ?? '';
    const [pid, serialNum] = [p['pid'] ?? '', p['serial'] ?? ''];
    if (name === 'Chassis') out['systemInformation'] = { name: pid, description: p['description'] ?? '', serialNum };
    else if (slot(name, 'Power supply')) out['powerSupplySlots']![slot(name, 'Power supply')!] = { name: pid, serialNum };
    else if (slot(name, 'Fan module')) out['fanTraySlots']![slot(name, 'Fan module')!] = { name: pid, serialNum };
    else if (slot(name, 'Transceiver')) {
      out['xcvrSlots']![slot(name, 'Transceiver')!] = { mfgName: p['description'] ?? '', modelName: pid, serialNum };
    }
  }
  return out;
}

function showHostname(text: string): object {
  return { hostname: field(text, 'Hostname:'), fqdn: field(text, 'FQDN:') };
}

/** `show running-config | json`: every command a key, a section's commands under its `cmds`. */
function runningConfig(text: string): object {
  const cmds = (nodes: ConfigNode[]): Record<string, object | null> =>
    Object.fromEntries(nodes.map((n) => [n.line, n.children.length ? { cmds: cmds(n.children), comments: [] } : null]));
  return { cmds: cmds(configTree(text)) };
}

const MODELS: Partial<Record<ViewContext['source'], (text: string) => object | undefined>> = {
  'show-version': showVersion,
  'show-interfaces': showInterfaces,
  'show-inventory': showInventory,
  'show-hostname': showHostname,
  configuration: runningConfig,
};

/** EOS indents its JSON by four spaces. */
export const eosJson: OutputView = (c) => {
  const model = MODELS[c.source]?.(c.text);
  return model === undefined ? undefined : JSON.stringify(model, null, 4);
};
