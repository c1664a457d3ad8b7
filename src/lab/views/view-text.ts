/** Small readers of device text the JSON and XML views share. */

/** The value after `label` on its line ('' when absent or blank). */
export function field(text: string, label: string): string {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^\\s*${escaped}[ \\t]*(.*?)[ \\t]*$`, 'm').exec(text)?.[1] ?? '';
}

/** A number, or 0 where the text holds none. */
export const int = (s: string | undefined): number => Number.parseInt(s ?? '', 10) || 0;

const UNIT_SECONDS: Record<string, number> = { week: 604800, day: 86400, hour: 3600, minute: 60, second: 1 };

/** `3 weeks, 0 days, 20 hours and 45 minutes`, `123 day(s), 5 hour(s)`: in seconds. */
export function durationSeconds(text: string): number {
  let total = 0;
  for (const m of text.matchAll(/(\d+)\s+(week|day|hour|minute|second)/g)) total += Number(m[1]) * UNIT_SECONDS[m[2]!]!;
  return total;
}

/** `2803.829a.1347` as `28:03:82:9a:13:47`, the way JSON views spell MAC addresses. */
export function colonMac(dotted: string): string {
  const hex = dotted.replace(/[^0-9a-fA-F]/g, '').toLowerCase();
  return hex.length === 12 ? (hex.match(/../g) ?? []).join(':') : dotted;
}

/**
 * The lab's clock for views that print a time: the moment the recorded sessions were taken
 * (IOS-XR's stamp, Fri May 28 23:21:45 2021 UTC), so a view is the same on every run.
 */
export const LAB_NOW_S = 1622244105;

/** Configuration text as nested commands by indentation: `!` comments and `end` dropped. */
export interface ConfigNode {
  line: string;
  children: ConfigNode[];
}

export function configTree(text: string): ConfigNode[] {
  const root: ConfigNode[] = [];
  const stack: { depth: number; children: ConfigNode[] }[] = [{ depth: -1, children: root }];
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    const t = line.trim();
    if (!t || t.startsWith('!') || t === 'end') continue;
    const depth = line.length - line.trimStart().length;
    while (stack.length > 1 && stack.at(-1)!.depth >= depth) stack.pop();
    const node: ConfigNode = { line: t, children: [] };
    stack.at(-1)!.children.push(node);
    stack.push({ depth, children: node.children });
  }
  return root;
}

/** The body of each interface of a Cisco-style `show interfaces`, by name: from its header to the next one. */
export function interfaceBodies(text: string, names: string[]): Map<string, string> {
  const starts = names.map((n) => text.search(new RegExp(`^${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is `, 'm')));
  return new Map(
    names.map((n, i) => [n, starts[i]! < 0 ? '' : text.slice(starts[i], starts.slice(i + 1).find((s) => s > starts[i]!) ?? text.length)]),
  );
}

/** MAC address, MTU and bandwidth (kbit) of one interface body, as Cisco-style CLIs print them. */
export function interfaceFacts(body: string): { mac: string; mtu: number; bwKbit: number } {
  return {
    mac: /address(?: is|:)\s+([0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4})/i.exec(body)?.[1] ?? '',
    mtu: int(/\bMTU (\d+) bytes/.exec(body)?.[1]),
    bwKbit: int(/\bBW (\d+) [Kk]bit/.exec(body)?.[1]),
  };
}
