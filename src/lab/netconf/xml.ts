/**
 * The little XML a NETCONF server of the lab reads and writes: a parser for the RPCs clients
 * send (elements, attributes, text, CDATA, comments; names by their local part, since
 * ncclient prefixes its elements `nc:` and Junos RPCs come unqualified), and an escaper for
 * the replies. Not a general XML library: no DTDs, and a malformed message is an `XmlError`.
 */

export interface XmlElement {
  /** The local name (`rpc` for `nc:rpc`). */
  name: string;
  /** Attributes by local name, namespace declarations left out. */
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own text, its children's left out, entities decoded. */
  text: string;
}

export class XmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlError';
  }
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(Number.parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)));
    const named = ENTITIES[e];
    if (named === undefined) throw new XmlError(`unknown entity ${whole}`);
    return named;
  });
}

const local = (qname: string) => qname.slice(qname.indexOf(':') + 1);

const NAME = /^[A-Za-z_][\w.:-]*/;
const ATTR = /^\s+([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/;

/** Parses one document; its root element. */
export function parseXml(text: string): XmlElement {
  let at = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const fail = (why: string): never => {
    throw new XmlError(`${why} at offset ${at}`);
  };
  const skip = (open: string, close: string) => {
    const end = text.indexOf(close, at + open.length);
    if (end < 0) fail(`unterminated ${open}`);
    const inner = text.slice(at + open.length, end);
    at = end + close.length;
    return inner;
  };
  while (at < text.length) {
    const lt = text.indexOf('<', at);
    const chunk = text.slice(at, lt < 0 ? text.length : lt);
    if (chunk) {
      const top = stack.at(-1);
      if (top) top.text += decode(chunk);
      else if (chunk.trim()) fail('text outside the root element');
    }
    if (lt < 0) break;
    at = lt;
    if (text.startsWith('<?', at)) skip('<?', '?>');
    else if (text.startsWith('<!--', at)) skip('<!--', '-->');
    else if (text.startsWith('<![CDATA[', at)) {
      const data = skip('<![CDATA[', ']]>');
      const top = stack.at(-1) ?? fail('CDATA outside the root element');
      top.text += data;
    } else if (text.startsWith('<!', at)) fail('declarations are not supported');
    else if (text.startsWith('</', at)) {
      const name = NAME.exec(text.slice(at + 2))?.[0] ?? fail('bad closing tag');
      const open = stack.pop();
      if (!open || open.name !== local(name)) fail(`</${name}> closes ${open ? `<${open.name}>` : 'nothing'}`);
      at = text.indexOf('>', at);
      if (at < 0) fail('unterminated closing tag');
      at++;
    } else {
      const name = NAME.exec(text.slice(at + 1))?.[0] ?? fail('bad tag');
      at += 1 + name.length;
      const el: XmlElement = { name: local(name), attrs: {}, children: [], text: '' };
      for (let m = ATTR.exec(text.slice(at)); m; m = ATTR.exec(text.slice(at))) {
        const attr = m[1]!;
        if (attr !== 'xmlns' && !attr.startsWith('xmlns:')) el.attrs[local(attr)] = decode(m[3] ?? m[4] ?? '');
        at += m[0].length;
      }
      const end = /^\s*(\/?)>/.exec(text.slice(at)) ?? fail(`bad tag <${name}>`);
      at += end[0].length;
      const parent = stack.at(-1);
      if (parent) parent.children.push(el);
      else if (root) fail('a second root element');
      else root = el;
      if (end[1] !== '/') stack.push(el);
    }
  }
  if (stack.length) fail(`<${stack.at(-1)!.name}> is not closed`);
  return root ?? fail('no element');
}

/** Text and attribute values as XML writes them. */
export const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The first child named `name`. */
export const child = (e: XmlElement, name: string): XmlElement | undefined => e.children.find((c) => c.name === name);
