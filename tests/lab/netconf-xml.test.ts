/**
 * The XML a NETCONF server of the lab reads, through the adapter over fast-xml-parser: names
 * by their local part and namespace declarations dropped, entities and character references
 * decoded, CDATA and comments, values kept as sent; and each kind of malformed input refused
 * with an `XmlError` that names the fault.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseXml, XmlError } from '../../src/lab/netconf/xml.js';

test('xml: local names, attributes without namespace declarations, entities, CDATA, self-closing', () => {
  const doc = parseXml(
    '<?xml version="1.0"?>\n<!-- c --><nc:rpc xmlns:nc="urn:x" message-id=\'7\' nc:a="&lt;&amp;&#65;&#x42;"><load><configuration-set><![CDATA[set a <b>]]></configuration-set><x/></load></nc:rpc>',
  );
  assert.equal(doc.name, 'rpc');
  assert.deepEqual(doc.attrs, { 'message-id': '7', a: '<&AB' });
  const load = doc.children[0]!;
  assert.deepEqual(
    load.children.map((c) => [c.name, c.text]),
    [
      ['configuration-set', 'set a <b>'],
      ['x', ''],
    ],
  );
});

/** What a document reads as: the root's name, attributes and text, and its children's names. */
const READS: [string, string, { name: string; attrs: Record<string, string>; text: string; children: string[] }][] = [
  [
    'a default namespace and a prefixed one, on elements and attributes',
    '<rpc xmlns="urn:ietf:params:xml:ns:netconf:base:1.0" xmlns:xc="urn:x"><xc:load xc:operation="merge"/></rpc>',
    { name: 'rpc', attrs: {}, text: '', children: ['load'] },
  ],
  [
    'numbers kept as strings, whitespace kept as sent',
    '<rpc message-id="007">  0042 </rpc>',
    { name: 'rpc', attrs: { 'message-id': '007' }, text: '  0042 ', children: [] },
  ],
  [
    'CDATA holding markup and what looks like an entity, joined with the text around it',
    '<a>x<![CDATA[<b>&nbsp;</b>]]>y</a>',
    { name: 'a', attrs: {}, text: 'x<b>&nbsp;</b>y', children: [] },
  ],
  [
    'an escaped entity decoded once only',
    '<a q="&quot;&apos;">&amp;lt; &#x20AC;&#8364;</a>',
    { name: 'a', attrs: { q: `"'` }, text: '&lt; €€', children: [] },
  ],
  ['comments between text and children left out', '<a>x<!-- <b/> -->y<c/>z</a>', { name: 'a', attrs: {}, text: 'xyz', children: ['c'] }],
  [
    'a DOCTYPE that declares nothing, and a processing instruction',
    '<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE a><?junos x?><a/>',
    { name: 'a', attrs: {}, text: '', children: [] },
  ],
];
for (const [name, text, want] of READS) {
  test(`xml reads ${name}`, () => {
    const doc = parseXml(text);
    assert.deepEqual({ name: doc.name, attrs: doc.attrs, text: doc.text, children: doc.children.map((c) => c.name) }, want);
  });
}

const MALFORMED: [string, string, RegExp][] = [
  ['an unclosed element', '<rpc><get/>', /Unclosed tag 'rpc'/],
  ['a mismatched close', '<rpc></get>', /Expected closing tag 'rpc' .* instead of closing tag 'get'/],
  ['a close of another prefix', '<nc:rpc></rpc>', /Expected closing tag 'nc:rpc'/],
  ['two roots', '<a/><b/>', /a second root element <b>/],
  ['an unknown entity', '<a>&nbsp;</a>', /unknown entity &nbsp;/],
  ['an unknown entity in an attribute', '<a b="&x;"/>', /unknown entity &x;/],
  ["a bare '&' in an attribute", '<a b="&"/>', /'&' that starts no entity/],
  ['a bad character reference', '<a>&#xZZ;</a>', /char '&' is not expected/],
  ['a null character reference', '<a>&#0;</a>', /Prohibited numeric character reference &#0;/],
  ['an entity a DTD declares', '<!DOCTYPE a [<!ENTITY e "boom">]><a>&e;</a>', /entity &e; is declared in a DTD/],
  ['an unterminated CDATA section', '<a><![CDATA[x</a>', /Unclosed tag 'a'/],
  ['a repeated attribute', '<a b="1" b="2"/>', /Attribute 'b' is repeated/],
  ['an attribute without a value', '<a b/>', /boolean attribute 'b' is not allowed/],
  ['a name that would pollute prototypes', '<__proto__/>', /reserved JavaScript keyword/],
  ['text outside', 'hello', /char 'h' is not expected/],
  ['text after the root', '<a></a>trailing', /Extra text at the end/],
  ['text after a self-closed root', '<a/>trailing', /text after the root element/],
  ['nothing', '   ', /Start tag expected/],
];
for (const [name, text, why] of MALFORMED) {
  test(`xml refuses ${name}`, () => {
    assert.throws(
      () => parseXml(text),
      (e: unknown) => e instanceof XmlError && why.test(e.message),
    );
  });
}

test('xml: a fault is placed by line and column', () => {
  assert.throws(() => parseXml('<rpc>\n  <get>\n</rpc>'), /\(line 3, column 1\)$/);
});

test('xml: a refused document leaves nothing behind for the next (one parser serves every session)', () => {
  assert.throws(() => parseXml('<!DOCTYPE a [<!ENTITY e "boom">]><a>&e;</a>'), XmlError);
  assert.throws(() => parseXml('<a>&e;</a>'), /unknown entity &e;/);
  assert.equal(parseXml('<a>&lt;&#x41;</a>').text, '<A');
});
