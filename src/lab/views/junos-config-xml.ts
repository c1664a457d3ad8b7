/**
 * `show configuration | display xml` from the set statements a simulated Junos device holds,
 * until the configuration side plugs in a view from its own hierarchy. Junos names every
 * statement word as an element; what the set form does not say is which words are keys of a
 * list (`unit 0` -> `<unit><name>0</name>`), which containers hold such lists without a word
 * of their own (`interfaces ge-0/0/0` -> `<interface><name>ge-0/0/0</name>`), and which last
 * words are flags (`netconf ssh` -> `<netconf><ssh/></netconf>`): the tables below say it for
 * the statements the lab's configurations use.
 */
import type { ConfigStore } from '../config-store.js';
import type { OutputView } from '../output-modifiers.js';

/** Words followed by the key of a list entry. */
const KEYED = new Set([
  'unit',
  'user',
  'server',
  'address',
  'community',
  'host',
  'file',
  'group',
  'neighbor',
  'term',
  'policy-statement',
  'from-zone',
  'to-zone',
  'security-zone',
  'area',
  'route',
  'interface',
  'vlan',
  'instance',
]);
/** Containers whose next word is an entry of a list with another element name. */
const LIST_OF: Record<string, string> = { interfaces: 'interface', vlans: 'vlan', 'routing-instances': 'instance' };
/** Statement-final words that are flags, not values. */
const FLAGS = new Set(['ssh', 'telnet', 'netconf', 'disable', 'inet', 'inet6', 'ethernet-switching', 'any']);

interface Node {
  tag: string;
  key?: string;
  text?: string;
  children: Node[];
}

/** The statement's words; a double-quoted value is one word. */
const words = (statement: string) => [...statement.matchAll(/"((?:[^"\\]|\\.)*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);

function child(parent: Node, tag: string, key?: string): Node {
  let c = parent.children.find((n) => n.tag === tag && n.key === key && n.text === undefined);
  if (!c) {
    c = { tag, key, children: [] };
    parent.children.push(c);
  }
  return c;
}

function insert(root: Node, statement: string): void {
  const w = words(statement);
  let node = root;
  let i = 0;
  while (i < w.length) {
    const word = w[i]!;
    const listOf = LIST_OF[node.tag];
    const last = i === w.length - 1;
    if (listOf && node.key === undefined && !KEYED.has(node.tag)) {
      node = child(node, listOf, word);
      i += 1;
    } else if (KEYED.has(word) && !last) {
      node = child(node, word, w[i + 1]);
      i += 2;
    } else if (i === w.length - 2 && !FLAGS.has(w[i + 1]!)) {
      node.children.push({ tag: word, text: w[i + 1]!, children: [] });
      i += 2;
    } else {
      node = child(node, word);
      i += 1;
    }
  }
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function render(n: Node, pad: string): string[] {
  if (n.text !== undefined) return [`${pad}<${n.tag}>${esc(n.text)}</${n.tag}>`];
  const inner = [
    ...(n.key === undefined ? [] : [`${pad}    <name>${esc(n.key)}</name>`]),
    ...n.children.flatMap((c) => render(c, `${pad}    `)),
  ];
  return inner.length ? [`${pad}<${n.tag}>`, ...inner, `${pad}</${n.tag}>`] : [`${pad}<${n.tag}/>`];
}

/** The `<configuration>` element of the statements; `version` from the configuration text's own version line. */
export function junosConfigurationXml(config: ConfigStore, text: string, pad = ''): string[] {
  const root: Node = { tag: 'configuration', children: [] };
  const version = /^version (\S+?);/m.exec(text)?.[1];
  if (version) root.children.push({ tag: 'version', text: version, children: [] });
  for (const s of config.statements()) insert(root, s);
  return render(root, pad);
}

/** The configuration as the `get-configuration` reply prints it. */
export const junosConfigXml: OutputView = (c) => {
  const ns = 'http://xml.juniper.net/junos/17.3R2/junos';
  return [
    `<rpc-reply xmlns:junos="${ns}">`,
    ...junosConfigurationXml(c.config, c.text, '    '),
    '    <cli>',
    '        <banner></banner>',
    '    </cli>',
    '</rpc-reply>',
  ].join('\n');
};
