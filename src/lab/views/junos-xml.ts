/**
 * Junos `| display xml` and `| display set`. `show version | display xml` is the
 * `get-software-information` reply (`host-name`, `product-model`, `product-name`,
 * `junos-version`, one `package-information` per package line, inside
 * `multi-routing-engine-results` when the output names its members, `fpc0:`), which is what
 * junipernetworks.junos reads for the device's facts; `show configuration | display set`,
 * the set statements the device holds.
 */
import type { OutputView } from '../output-modifiers.js';
import { field } from './view-text.js';

const JUNOS_NS = 'http://xml.juniper.net/junos/17.3R2/junos';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const el = (tag: string, value: string, pad: string) => `${pad}<${tag}>${esc(value)}</${tag}>`;

/** One member's `software-information`. */
function software(text: string, pad: string): string[] {
  const model = field(text, 'Model:');
  const version = field(text, 'Junos:');
  const packages = [...text.matchAll(/^(JUNOS .+?)\s*\[([^\]]+)\]\s*$/gm)].map((m) => [
    `${pad}    <package-information>`,
    el(
      'name',
      m[1]!
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, ''),
      `${pad}        `,
    ),
    el('comment', `${m[1]} [${m[2]}]`, `${pad}        `),
    `${pad}    </package-information>`,
  ]);
  return [
    `${pad}<software-information>`,
    el('host-name', field(text, 'Hostname:'), `${pad}    `),
    el('product-model', model, `${pad}    `),
    el('product-name', model, `${pad}    `),
    ...(version ? [el('junos-version', version, `${pad}    `)] : []),
    ...packages.flat(),
    `${pad}</software-information>`,
  ];
}

/** `fpc0:` / `node0:` headers, each over a dashed rule, split the output per member. */
function members(text: string): { name: string; body: string }[] {
  const parts = text.split(/^(\S+):\s*\n-{10,}\s*$/m);
  if (parts.length < 3) return [];
  const out: { name: string; body: string }[] = [];
  for (let i = 1; i + 1 < parts.length; i += 2) out.push({ name: parts[i]!, body: parts[i + 1]! });
  return out;
}

function showVersion(text: string): string {
  const list = members(text);
  const body = list.length
    ? [
        '    <multi-routing-engine-results>',
        ...list.flatMap((m) => [
          '        <multi-routing-engine-item>',
          el('re-name', m.name, '            '),
          ...software(m.body, '            '),
          '        </multi-routing-engine-item>',
        ]),
        '    </multi-routing-engine-results>',
      ]
    : software(text, '    ');
  return [`<rpc-reply xmlns:junos="${JUNOS_NS}">`, ...body, '    <cli>', '        <banner></banner>', '    </cli>', '</rpc-reply>'].join(
    '\n',
  );
}

/** `show version | display xml`. */
export const junosVersionXml: OutputView = (c) => showVersion(c.text);

/**
 * `show configuration | display set`: the statements as the device holds them, for as long as
 * the configuration side has no flat view of its own to plug in instead.
 */
export const junosSetStatements: OutputView = (c) =>
  c.config
    .statements()
    .map((s) => `set ${s}`)
    .join('\n');
