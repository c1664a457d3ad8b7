/**
 * Junos `| display xml`, `| display json` and `| display set`. `show version` is the
 * `get-software-information` reply (`host-name`, `product-model`, `product-name`,
 * `junos-version`, one `package-information` per package line, inside
 * `multi-routing-engine-results` when the output names its members, `fpc0:`), which is what
 * junipernetworks.junos reads for the device's facts; XML and JSON are drawn from one tree,
 * as Junos draws both from its XML. `show configuration | display set`: the set statements
 * the device holds.
 */
import type { OutputView } from '../output-modifiers.js';
import { field } from './view-text.js';

const JUNOS_NS = 'http://xml.juniper.net/junos/17.3R2/junos';

/** An element: text, or child elements. */
interface Element {
  tag: string;
  text?: string;
  children?: Element[];
}

const leaf = (tag: string, text: string): Element => ({ tag, text });

/** One member's `software-information`. */
function software(text: string): Element {
  const model = field(text, 'Model:');
  const version = field(text, 'Junos:');
  const packages = [...text.matchAll(/^(JUNOS .+?)\s*\[([^\]]+)\]\s*$/gm)].map((m) => ({
    tag: 'package-information',
    children: [
      leaf(
        'name',
        m[1]!
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, ''),
      ),
      leaf('comment', `${m[1]} [${m[2]}]`),
    ],
  }));
  const children = [leaf('host-name', field(text, 'Hostname:')), leaf('product-model', model), leaf('product-name', model)];
  if (version) children.push(leaf('junos-version', version));
  return { tag: 'software-information', children: [...children, ...packages] };
}

/** `fpc0:` / `node0:` headers, each over a dashed rule, split the output per member. */
function members(text: string): { name: string; body: string }[] {
  const parts = text.split(/^(\S+):\s*\n-{10,}\s*$/m);
  const out: { name: string; body: string }[] = [];
  for (let i = 1; i + 1 < parts.length; i += 2) out.push({ name: parts[i]!, body: parts[i + 1]! });
  return out;
}

function softwareTree(text: string): Element {
  const list = members(text);
  if (!list.length) return software(text);
  return {
    tag: 'multi-routing-engine-results',
    children: list.map((m) => ({ tag: 'multi-routing-engine-item', children: [leaf('re-name', m.name), software(m.body)] })),
  };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function xml(e: Element, pad: string): string[] {
  if (e.children === undefined) return [`${pad}<${e.tag}>${esc(e.text ?? '')}</${e.tag}>`];
  return [`${pad}<${e.tag}>`, ...e.children.flatMap((c) => xml(c, `${pad}    `)), `${pad}</${e.tag}>`];
}

/** Junos JSON: every element a list of objects, text as `data`; repeated elements share one list. */
function json(e: Element): unknown {
  if (e.children === undefined) return [{ data: e.text ?? '' }];
  const fields: Record<string, unknown[]> = {};
  for (const c of e.children) fields[c.tag] = [...(fields[c.tag] ?? []), ...(json(c) as unknown[])];
  return [fields];
}

/** The `get-software-information` reply's elements from `show version` text (what NETCONF answers too). */
export const junosSoftwareXml = (showVersion: string, pad = ''): string[] => xml(softwareTree(showVersion), pad);

/** `show version | display xml`. */
export const junosVersionXml: OutputView = (c) =>
  [
    `<rpc-reply xmlns:junos="${JUNOS_NS}">`,
    ...junosSoftwareXml(c.text, '    '),
    '    <cli>',
    '        <banner></banner>',
    '    </cli>',
    '</rpc-reply>',
  ].join('\n');

/** `show version | display json`. */
export const junosVersionJson: OutputView = (c) => {
  const tree = softwareTree(c.text);
  return JSON.stringify({ [tree.tag]: json(tree) }, null, 4);
};
