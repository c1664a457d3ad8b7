/**
 * The XML a NETCONF server of the lab reads and writes, as the rest of the subsystem sees it:
 * fast-xml-parser checks and reads the RPCs clients send, and this adapter turns its ordered
 * output into `XmlElement`s (names by their local part, since ncclient prefixes its elements
 * `nc:` and Junos RPCs come unqualified), plus an escaper for the replies. A malformed
 * message is an `XmlError` whose message says what is wrong and where.
 */
import { EntityDecoder } from '@nodable/entities';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface XmlElement {
  /** The local name (`rpc` for `nc:rpc`). */
  name: string;
  /** Attributes by local name, namespace declarations left out. */
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own text and CDATA, its children's left out, entities decoded. */
  text: string;
}

export class XmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlError';
  }
}

/** An `&` that starts none of the five entities XML predefines nor a character reference. */
const NOT_PREDEFINED = /&(?!(?:lt|gt|amp|quot|apos|#\d+|#x[\da-fA-F]+);)/;

/**
 * The library's decoder decodes character references only when asked to, and keeps an entity
 * it does not know as written; XML says such a document is not well-formed, and a client
 * sending one meant something the lab cannot know, so both are refused rather than loaded
 * as literal text. Entities a DTD declares are refused too: NETCONF has no use for them.
 */
const entities = new EntityDecoder({
  numericAllowed: true,
  ncr: { nullNCR: 'throw' },
  onInputEntity: (name) => {
    throw new XmlError(`entity &${name}; is declared in a DTD, and the lab reads no DTDs`);
  },
  postCheck: (resolved, original) => {
    const at = original.search(NOT_PREDEFINED);
    if (at < 0) return resolved;
    const ref = /^&[^;\s&<]*;/.exec(original.slice(at))?.[0];
    throw new XmlError(ref ? `unknown entity ${ref}` : `'&' that starts no entity`);
  },
});

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  // Values stay strings as sent: a `message-id` of "007" is echoed back as "007".
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  entityDecoder: entities,
});

/** One entry of the parser's ordered output: `{ tag: children, ':@': attrs }` or `{ '#text': text }`. */
type Ordered = Record<string, unknown>;

const ATTRS = ':@';
const TEXT = '#text';

function element(node: Ordered): XmlElement | undefined {
  const name = Object.keys(node).find((k) => k !== ATTRS);
  if (name === undefined || name === TEXT) return undefined;
  const el: XmlElement = { name, attrs: { ...(node[ATTRS] as Record<string, string> | undefined) }, children: [], text: '' };
  for (const c of node[name] as Ordered[]) {
    if (TEXT in c) el.text += String(c[TEXT]);
    else {
      const sub = element(c);
      if (sub) el.children.push(sub);
    }
  }
  return el;
}

/** Parses one document; its root element. */
export function parseXml(text: string): XmlElement {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    throw new XmlError(`${msg} (line ${line}${col === undefined ? '' : `, column ${col}`})`);
  }
  let nodes: Ordered[];
  try {
    nodes = parser.parse(text) as Ordered[];
  } catch (e) {
    // The parser refuses what the validator lets through (declared entities, reserved names).
    if (e instanceof XmlError) throw e;
    throw new XmlError(e instanceof Error ? e.message : String(e));
  }
  // The validator misses a second root and trailing text after a self-closed root
  // (fast-xml-parser issue #617); the parser keeps the one and drops the other.
  if (!/>\s*$/.test(text)) throw new XmlError('text after the root element');
  const roots = nodes.flatMap((n) => element(n) ?? []);
  if (roots.length > 1) throw new XmlError(`a second root element <${roots[1]!.name}>`);
  const root = roots[0];
  if (!root) throw new XmlError('no element');
  return root;
}

/** Text and attribute values as XML writes them. */
export const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The first child named `name`. */
export const child = (e: XmlElement, name: string): XmlElement | undefined => e.children.find((c) => c.name === name);
